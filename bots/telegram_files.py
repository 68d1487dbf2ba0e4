"""How a file that Telegram keeps is referred to in the store: its Bot API file id behind a prefix. Plain strings,
without aiogram, so that the web desk can tell such files apart in a service that runs no Telegram."""

from __future__ import annotations

TELEGRAM_PHOTO = "tg:photo:"
TELEGRAM_DOCUMENT = "tg:document:"


def telegram_file_id(ref: str) -> str | None:
    """The Bot API's file id in a reference to a file Telegram keeps (``tg:photo:…``, ``tg:document:…``)."""
    for prefix in (TELEGRAM_PHOTO, TELEGRAM_DOCUMENT):
        if ref.startswith(prefix):
            return ref.removeprefix(prefix)
    return None
