"""Sending to Telegram: text pieces and files (by file id, upload or URL), and what a failure means for the outbox."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import aiohttp
import structlog
from aiogram import Bot
from aiogram.exceptions import (
    AiogramError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.types import FSInputFile, InputFile, ReplyParameters

from bots.base import DeliveryResult, progress
from bots.files import FileStore
from bots.telegram_files import TELEGRAM_PHOTO, telegram_file_id
from bots.telegram_render import CAPTION_LIMIT, Markup, escape
from core.messages import Attachment
from core.texts import t

log = structlog.get_logger(__name__)

# Files that came through Telegram keep their file id: the same bot can send them again without a download.
PHOTO_TYPES = ("image/jpeg", "image/png")


@dataclass(frozen=True)
class Target:
    """Where messages go: a chat, a forum topic in it, or a reply to one message (the ticket card)."""

    chat_id: int | str
    thread_id: int | None = None
    reply_to: int | None = None

    def where(self) -> dict[str, Any]:
        where: dict[str, Any] = {"chat_id": self.chat_id}
        if self.thread_id is not None:
            where["message_thread_id"] = self.thread_id
        if self.reply_to is not None:
            where["reply_parameters"] = ReplyParameters(message_id=self.reply_to, allow_sending_without_reply=True)
        return where


async def download(bot: Bot, file_id: str) -> bytes | None:
    """A file Telegram keeps, fetched through the Bot API; None when Telegram will not give it now (or at all: the
    Bot API hands out files of up to 20 MB)."""
    try:
        content = await bot.download(file_id)
    except (AiogramError, aiohttp.ClientError, TimeoutError) as error:
        log.warning("telegram_file_not_downloaded", error=type(error).__name__)
        return None
    return content.read() if content is not None else None


def _source(attachment: Attachment, files: FileStore) -> InputFile | str | None:
    file_id = telegram_file_id(attachment.ref)
    if file_id is not None:
        return file_id
    if attachment.ref.startswith(("https://", "http://")):
        return attachment.ref
    path = files.path(attachment.ref)
    return FSInputFile(path, filename=attachment.file_name) if path is not None else None


def _as_photo(attachment: Attachment) -> bool:
    if attachment.ref.startswith(TELEGRAM_PHOTO):
        return True
    return telegram_file_id(attachment.ref) is None and attachment.mime_type in PHOTO_TYPES


async def send_file(
    bot: Bot,
    files: FileStore,
    target: Target,
    attachment: Attachment,
    caption: str | None = None,
    markup: Markup | None = None,
) -> None:
    """One part of the message being delivered (skipped if an earlier try sent it): the file, or a note instead."""
    await progress().part(partial(_send_file, bot, files, target, attachment, caption, markup))


async def _send_file(
    bot: Bot, files: FileStore, target: Target, attachment: Attachment, caption: str | None, markup: Markup | None
) -> None:
    source = _source(attachment, files)
    if source is None:
        name = attachment.file_name or attachment.kind
        text = escape(t("telegram.file_unavailable", name=name))
        await bot.send_message(text=f"{caption}\n{text}" if caption else text, reply_markup=markup, **target.where())
    elif _as_photo(attachment):
        await bot.send_photo(photo=source, caption=caption, reply_markup=markup, **target.where())
    else:
        await bot.send_document(document=source, caption=caption, reply_markup=markup, **target.where())


async def send_bundle(
    bot: Bot,
    files: FileStore,
    target: Target,
    pieces: Sequence[str],
    attachments: Sequence[Attachment] = (),
    markup: Markup | None = None,
) -> None:
    """Text pieces (buttons on the last one), then the files; a short text rides as the first file's caption.

    Each piece and file is a part of the delivery: a retry resumes from the first one not sent.
    """
    if attachments and len(pieces) == 1 and len(pieces[0]) <= CAPTION_LIMIT:
        await send_file(bot, files, target, attachments[0], pieces[0], markup)
        attachments = attachments[1:]
    else:
        track = progress()
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            send = partial(bot.send_message, text=piece, reply_markup=markup if last else None, **target.where())
            await track.part(send)
    for attachment in attachments:
        await send_file(bot, files, target, attachment)


def outcome_of(error: AiogramError) -> DeliveryResult:
    """What a failed Bot API call means for the outbox item."""
    name = type(error).__name__
    if isinstance(error, TelegramRetryAfter):
        return DeliveryResult.later(name, retry_after=error.retry_after)
    if isinstance(error, TelegramForbiddenError):
        return DeliveryResult.failed(f"{name}: {error.message}", unreachable=True)
    if isinstance(error, TelegramBadRequest | TelegramEntityTooLarge):
        return DeliveryResult.failed(f"{name}: {error.message}")
    return DeliveryResult.later(name)  # 5xx, network, timeouts: Telegram will be back


async def delivered(sending: Awaitable[object]) -> DeliveryResult:
    try:
        await sending
    except AiogramError as error:
        log.warning("telegram_delivery_failed", error=type(error).__name__)
        return outcome_of(error)
    return DeliveryResult.sent()
