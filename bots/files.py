"""Files clients and engineers send, kept under the data directory and referenced as ``store:<key>``."""

from __future__ import annotations

import mimetypes
import secrets
from pathlib import Path

STORE_PREFIX = "store:"


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def save(self, data: bytes, *, file_name: str | None = None, mime_type: str | None = None) -> str:
        """Keep ``data``; the returned reference is unguessable and safe to put in a URL."""
        suffix = Path(file_name).suffix if file_name else (mimetypes.guess_extension(mime_type or "") or "")
        key = secrets.token_urlsafe(16) + suffix.lower()[:10]
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / key).write_bytes(data)
        return STORE_PREFIX + key

    def path(self, ref: str) -> Path | None:
        """The file behind a ``store:`` reference, or None for anything else or a missing file."""
        if not ref.startswith(STORE_PREFIX):
            return None
        key = ref.removeprefix(STORE_PREFIX)
        if "/" in key or "\\" in key or key.startswith("."):
            return None
        path = self.root / key
        return path if path.is_file() else None
