"""Files a client sent by e-mail, kept in the file store: they come inside the message, nothing is fetched.

Left out: the body's own parts, digital signatures (smime.p7s and the like) and the small inline images
mail programs put in signatures (logos, icons). A pasted screenshot is inline too, but never that small.
"""

from __future__ import annotations

import asyncio
import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import PureWindowsPath

import structlog

from bots.files import FileStore
from bots.media import UNAVAILABLE, MediaUnavailable, discard, kind_of
from core.intake import MAX_FILE_BYTES
from core.messages import Attachment

log = structlog.get_logger(__name__)

DECORATION_BYTES = 10 * 1024
SIGNATURES = {
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
    "application/pgp-keys",
}
FORWARDED_NAME = "message.eml"
NAME_LIMIT = 200


@dataclass(frozen=True)
class MailFile:
    name: str | None
    mime_type: str
    data: bytes


def files_of(message: EmailMessage) -> list[MailFile]:
    """The files in ``message`` for the engineers, in their order (decodes them all: call it off the event loop)."""
    return [_file(part) for part in _leaves(message) if _is_file(part) and not _decoration(part)]


def _file(part: EmailMessage) -> MailFile:
    name = _name(part)
    return MailFile(name, _type(part, name), _data(part))


def _leaves(part: EmailMessage) -> Iterator[EmailMessage]:
    """Every part that is not a container; an attached message is one part (a forwarded letter as a file)."""
    if part.get_content_type() == "message/rfc822":
        yield part
    elif part.is_multipart():
        for child in part.iter_parts():
            yield from _leaves(child)  # type: ignore[arg-type]
    else:
        yield part


def _is_file(part: EmailMessage) -> bool:
    if part.get_content_type() in SIGNATURES:
        return False
    if part.get_content_disposition() == "attachment" or part.get_filename():
        return True
    return part.get_content_maintype() != "text"


def _decoration(part: EmailMessage) -> bool:
    inline_image = part.get_content_maintype() == "image" and part.get_content_disposition() != "attachment"
    return inline_image and "Content-ID" in part and len(_data(part)) < DECORATION_BYTES


def _data(part: EmailMessage) -> bytes:
    if part.get_content_type() == "message/rfc822":
        return part.get_content().as_bytes()
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _name(part: EmailMessage) -> str | None:
    """The file's own name without any folders («C:\\Users\\…\\log.txt» is «log.txt»)."""
    name = part.get_filename()
    if not name and part.get_content_type() == "message/rfc822":
        return FORWARDED_NAME
    name = PureWindowsPath(name).name if name else ""  # splits at «\\» and «/» alike
    name = "".join(character for character in name if character.isprintable()).strip()
    return name[:NAME_LIMIT] or None


def _type(part: EmailMessage, name: str | None) -> str:
    """The declared type, or one from the name when the sender declared a generic «octet-stream»."""
    declared = part.get_content_type()
    guessed = mimetypes.guess_type(name)[0] if name else None
    return guessed if declared == "application/octet-stream" and guessed else declared


async def keep_files(store: FileStore, files: list[MailFile], *, retry_later: bool) -> tuple[Attachment, ...]:
    """Each file saved as an Attachment; one over MAX_FILE_BYTES is named with its size but not kept.

    A file that cannot be written (disk full) makes the message wait with ``retry_later``
    (MediaUnavailable, nothing kept), else it is reported as not received.
    """
    kept: list[Attachment] = []
    try:
        for file in files:
            kept.append(await _keep(store, file, retry_later))
    except BaseException:
        discard(store, kept)  # the message is read again later, all its files with it
        raise
    return tuple(kept)


async def _keep(store: FileStore, file: MailFile, retry_later: bool) -> Attachment:
    size, kind = len(file.data), kind_of(file.mime_type)
    if size > MAX_FILE_BYTES:
        return Attachment(kind, UNAVAILABLE, file.mime_type, size, file.name)
    try:
        ref = await asyncio.to_thread(store.save, file.data, file_name=file.name, mime_type=file.mime_type)
    except OSError as error:
        if retry_later:
            raise MediaUnavailable(type(error).__name__) from None
        log.warning("email_file_not_kept", error=type(error).__name__)
        return Attachment(kind, UNAVAILABLE, file.mime_type, size, file.name)
    return Attachment(kind, ref, file.mime_type, size, file.name)
