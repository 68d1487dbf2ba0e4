"""Media both ways for messengers that exchange files by URL (Viber, WhatsApp).

In: a client's file is fetched from the platform's URL into the file store, so engineers can see it
and it can be relayed; a failed fetch keeps the remote URL rather than losing the message.
Out: the platform fetches our file from an unguessable link that expires (HMAC of key and expiry).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import mimetypes
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import structlog

from bots.files import STORE_PREFIX, FileStore
from core.intake import MAX_FILE_BYTES
from core.messages import Attachment, AttachmentKind

log = structlog.get_logger(__name__)

LINK_LIFETIME = timedelta(hours=24)
MEDIA_PATH = "/media"


def kind_of(mime_type: str | None) -> AttachmentKind:
    major = (mime_type or "").split("/", 1)[0]
    return {"image": "image", "audio": "audio", "video": "video"}.get(major, "document")  # type: ignore[return-value]


class TooLarge(Exception):
    pass


async def fetch_media(
    http: httpx.AsyncClient,
    store: FileStore,
    url: str,
    *,
    kind: AttachmentKind,
    auth: httpx.Auth | tuple[str, str] | None = None,
    mime_type: str | None = None,
    file_name: str | None = None,
) -> Attachment:
    """The file at ``url`` kept in ``store`` (at most MAX_FILE_BYTES); on failure, the URL itself."""
    received = 0
    try:
        async with http.stream("GET", url, auth=auth, follow_redirects=True) as response:
            response.raise_for_status()
            mime_type = mime_type or _declared_type(file_name, response.headers.get("Content-Type"))
            chunks = []
            async for chunk in response.aiter_bytes():
                received += len(chunk)
                if received > MAX_FILE_BYTES:
                    raise TooLarge
                chunks.append(chunk)
        ref = await asyncio.to_thread(store.save, b"".join(chunks), file_name=file_name, mime_type=mime_type)
        return Attachment(kind, ref, mime_type, received, file_name)
    except (httpx.HTTPError, TooLarge, OSError) as error:
        log.warning("media_not_fetched_remote_link_kept", error=type(error).__name__)
        return Attachment(kind, url, mime_type, received if isinstance(error, TooLarge) else None, file_name)


def _declared_type(file_name: str | None, content_type: str | None) -> str | None:
    """The file's type from its name, else from the answer (a generic «octet-stream» says nothing)."""
    guessed = mimetypes.guess_type(file_name)[0] if file_name else None
    header = (content_type or "").split(";")[0].strip()
    return guessed or (header if header and header != "application/octet-stream" else None)


def derive_key(secret: str) -> bytes:
    """A key for media links only, so a link never reveals anything about the platform secret."""
    return hmac.new(secret.encode(), b"twinpro media links", hashlib.sha256).digest()


class MediaLinks:
    """``{base}/media/{expires}/{signature}/{key}``: the key keeps the file's extension, which Viber checks."""

    def __init__(self, key: bytes, base_url: str, store: FileStore, lifetime: timedelta = LINK_LIFETIME) -> None:
        self.key = key
        self.base_url = base_url.rstrip("/")
        self.store = store
        self.lifetime = lifetime

    def _signature(self, key: str, expires: int) -> str:
        return hmac.new(self.key, f"{key}\n{expires}".encode(), hashlib.sha256).hexdigest()

    def url(self, ref: str, now: datetime) -> str | None:
        """A public URL for an attachment: a signed link for a stored file, a web URL as it is, else None."""
        if ref.startswith(("https://", "http://")):
            return ref
        if self.store.path(ref) is None:
            return None
        key = ref.removeprefix(STORE_PREFIX)
        expires = int((now + self.lifetime).timestamp())
        return f"{self.base_url}{MEDIA_PATH}/{expires}/{self._signature(key, expires)}/{key}"

    def resolve(self, expires: int, signature: str, key: str, now: datetime) -> Path | None:
        """The file behind a link, or None when the link is forged, altered or expired."""
        if now.timestamp() > expires or not hmac.compare_digest(signature, self._signature(key, expires)):
            return None
        return self.store.path(STORE_PREFIX + key)

    def size(self, ref: str) -> int | None:
        path = self.store.path(ref)
        return path.stat().st_size if path is not None else None


def media_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
