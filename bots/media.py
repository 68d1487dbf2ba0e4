"""Media both ways for messengers that exchange files by URL (Viber, WhatsApp).

In: a client's file is fetched from the platform's URL into the file store, so engineers can see it
and it can be relayed. This happens when the message is processed from the inbox, after the desk's
deduplication, so a redelivery never downloads again. A host that fails for now (5xx, 429, no
connection) makes the message wait for a retry; a file refused for good (4xx, too large), or one
still failing after the patience, keeps the remote URL rather than holding the message back.
A file is fetched only from where the platform keeps files (``MediaSources``): a URL in a callback is
the sender's word, and the service must not become a proxy into its own network or hand the platform's
credentials to a look-alike host.
Out: the platform fetches our file from an unguessable link that expires (HMAC of key and expiry).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import mimetypes
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import structlog

from bots.delivery import same_origin
from bots.files import STORE_PREFIX, FileStore
from core.intake import MAX_FILE_BYTES
from core.messages import UNAVAILABLE, Attachment, AttachmentKind

log = structlog.get_logger(__name__)

LINK_LIFETIME = timedelta(hours=24)
MEDIA_PATH = "/media"
FETCH_SECONDS = 60.0  # the whole download, however slowly the host drips it
MAX_REDIRECTS = 3


def kind_of(mime_type: str | None) -> AttachmentKind:
    major = (mime_type or "").split("/", 1)[0]
    return {"image": "image", "audio": "audio", "video": "video"}.get(major, "document")  # type: ignore[return-value]


class TooLarge(Exception):
    pass


class Refused(Exception):
    """The URL is not one the platform serves files from, or it leads to a private address."""


@dataclass(frozen=True)
class MediaSources:
    """Where a client's file may be fetched from, and where the platform's credentials may go.

    The URL in a callback must be on one of the platform's own ``domains`` (a host or its subdomains)
    or at exactly the configured ``api_base`` origin (a local stand-in, a company proxy). A redirect
    may lead elsewhere (Twilio hands files on to its CDN), but every hop must resolve to public
    addresses only, unless it is the ``api_base`` origin itself. Credentials go to that origin alone.
    """

    domains: tuple[str, ...]
    api_base: str

    def trusted(self, url: httpx.URL) -> bool:
        """The callback's URL is the platform's own."""
        if same_origin(str(url), self.api_base):
            return True
        host = url.host.lower()
        return url.scheme == "https" and any(host == d or host.endswith("." + d) for d in self.domains)

    async def reachable(self, url: httpx.URL) -> bool:
        """A hop may be requested: the ``api_base`` origin, or https to a host with public addresses only."""
        if same_origin(str(url), self.api_base):
            return True
        if url.scheme != "https" or not url.host:
            return False
        try:
            found = await asyncio.get_running_loop().getaddrinfo(url.host, url.port or 443, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return False
        addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in found}
        return bool(addresses) and all(address.is_global for address in addresses)


class MediaUnavailable(Exception):
    """The file host failed for now (5xx, 429, no connection, or the file could not be written): try later."""


def _passing(error: Exception) -> bool:
    """A failure that may go away by itself, unlike a refusal (4xx) or a file over the limit."""
    if isinstance(error, httpx.HTTPStatusError):
        status = error.response.status_code
        return status >= 500 or status in (408, 429)
    return not isinstance(error, TooLarge)


async def fetch_media(
    http: httpx.AsyncClient,
    store: FileStore,
    url: str,
    *,
    sources: MediaSources,
    kind: AttachmentKind,
    auth: tuple[str, str] | None = None,
    mime_type: str | None = None,
    file_name: str | None = None,
    retry_later: bool = False,
) -> Attachment:
    """The file at ``url`` kept in ``store`` (at most MAX_FILE_BYTES); when it cannot be, the URL itself.

    With ``retry_later`` a passing failure raises MediaUnavailable instead, so the message is read
    again later; a refusal or a file over the limit keeps the URL either way. A URL the platform does
    not serve files from is not requested at all, nor kept: the engineers see that a file was not received.
    """
    try:
        async with asyncio.timeout(FETCH_SECONDS):
            content, declared = await _download(http, httpx.URL(url), sources, auth)
        mime_type = mime_type or _declared_type(file_name, declared)
        ref = await asyncio.to_thread(store.save, content, file_name=file_name, mime_type=mime_type)
        return Attachment(kind, ref, mime_type, len(content), file_name)
    except (Refused, httpx.InvalidURL) as error:
        log.warning("media_refused_not_a_platform_file", error=type(error).__name__)
        return Attachment(kind, UNAVAILABLE, mime_type, None, file_name)
    except (httpx.HTTPError, TooLarge, OSError, TimeoutError) as error:
        if retry_later and _passing(error):
            log.info("media_not_fetched_retry_later", error=type(error).__name__)
            raise MediaUnavailable(type(error).__name__) from None  # the URL stays out of the log
        log.warning("media_not_fetched_remote_link_kept", error=type(error).__name__)
        return Attachment(kind, url, mime_type, None, file_name)


async def _download(
    http: httpx.AsyncClient, url: httpx.URL, sources: MediaSources, auth: tuple[str, str] | None
) -> tuple[bytes, str | None]:
    """The body at ``url`` and its declared type, following at most MAX_REDIRECTS redirects by hand."""
    if not sources.trusted(url):
        raise Refused
    for _ in range(MAX_REDIRECTS + 1):
        if not await sources.reachable(url):
            raise Refused
        credentials = auth if same_origin(str(url), sources.api_base) else None
        async with http.stream("GET", url, auth=credentials, follow_redirects=False) as response:
            if response.is_redirect:
                url = response.url.join(response.headers["Location"])
                continue
            response.raise_for_status()
            if _declared_length(response) > MAX_FILE_BYTES:
                raise TooLarge
            return await _bounded_body(response), response.headers.get("Content-Type")
    raise Refused


def _declared_length(response: httpx.Response) -> int:
    length = response.headers.get("Content-Length", "")
    return int(length) if length.isascii() and length.isdigit() else 0


async def _bounded_body(response: httpx.Response) -> bytes:
    chunks, received = [], 0
    async for chunk in response.aiter_bytes():
        received += len(chunk)
        if received > MAX_FILE_BYTES:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def discard(store: FileStore, attachments: Iterable[Attachment]) -> None:
    """Delete the files fetched for a message that was not recorded (a redelivery, a failed attempt)."""
    for attachment in attachments:
        path = store.path(attachment.ref)
        if path is not None:
            path.unlink(missing_ok=True)


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
        expected = self._signature(key, expires).encode()
        if now.timestamp() > expires or not hmac.compare_digest(signature.encode(), expected):
            return None
        return self.store.path(STORE_PREFIX + key)

    def size(self, ref: str) -> int | None:
        path = self.store.path(ref)
        return path.stat().st_size if path is not None else None


def media_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
