"""Telegram for clients: private-chat updates become ``Inbound``s for the desk; ``Outbound``s are sent back."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, Protocol

from aiogram import Bot, Router
from aiogram import Dispatcher as UpdateDispatcher
from aiogram.enums import ChatType
from aiogram.exceptions import AiogramError
from aiogram.types import CallbackQuery, Message, Update
from aiogram.types.update import UpdateTypeLookupError

from bots.base import DeliveryResult
from bots.files import FileStore
from bots.staff_commands import is_staff_command
from bots.telegram_render import client_markup, message_pieces
from bots.telegram_send import TELEGRAM_DOCUMENT, TELEGRAM_PHOTO, Target, delivered, send_bundle
from core.messages import Attachment, Inbound, Outbound

ALLOWED_UPDATES = ("message", "callback_query")
UNSUPPORTED_CONTENT = {
    "sticker": "sticker",
    "voice": "voice",
    "audio": "voice",
    "video_note": "video",
    "video": "video",
    "animation": "video",
    "location": "location",
    "venue": "location",
}


class ClientDesk(Protocol):
    def handle(self, inbound: Inbound) -> Awaitable[bool]: ...


def _command(text: str | None) -> str | None:
    """«/start@TwinProBot» → «/start», as the engine knows its commands."""
    if text and text.startswith("/"):
        head, _, tail = text.partition(" ")
        return (head.split("@", 1)[0] + (" " + tail if tail else "")).strip()
    return text


def attachments_of(message: Message) -> tuple[Attachment, ...]:
    if message.photo:
        largest = message.photo[-1]
        return (Attachment("image", TELEGRAM_PHOTO + largest.file_id, "image/jpeg", largest.file_size),)
    if message.document:
        document = message.document
        mime = document.mime_type
        kind = "image" if (mime or "").startswith("image/") else "document"
        return (Attachment(kind, TELEGRAM_DOCUMENT + document.file_id, mime, document.file_size, document.file_name),)
    return ()


def unsupported_content(message: Message) -> str | None:
    for attribute, what in UNSUPPORTED_CONTENT.items():
        if getattr(message, attribute, None) is not None:
            return what
    return None


def inbound_from_message(message: Message, update_id: int) -> Inbound:
    """A client's private message as the engine sees it."""
    sender = message.from_user
    user_id = str(sender.id) if sender else str(message.chat.id)
    contact = message.contact
    own_contact = contact is not None and contact.user_id is not None and str(contact.user_id) == user_id
    text = _command(message.text or message.caption)
    if contact is not None and not own_contact:
        text = contact.phone_number  # someone else's number: an answer to type in, not proof of who writes
    attachments = attachments_of(message)
    unsupported = None if (text or attachments or contact) else (unsupported_content(message) or "other")
    return Inbound(
        channel="telegram",
        sender=user_id,
        chat=str(message.chat.id),
        platform_id=str(update_id),
        text=text,
        attachments=attachments,
        verified_phone=contact.phone_number if own_contact and contact else None,
        profile_name=sender.full_name if sender else None,
        unsupported=unsupported,
    )


async def on_client_message(message: Message, event_update: Update, desk: ClientDesk) -> None:
    if is_staff_command(message.text or message.caption):
        return  # staff commands count only in the engineers' group
    await desk.handle(inbound_from_message(message, event_update.update_id))


async def on_client_button(callback: CallbackQuery, event_update: Update, desk: ClientDesk) -> None:
    chat = callback.message.chat if callback.message else None
    if chat is None or chat.type == ChatType.PRIVATE:
        user = str(callback.from_user.id)
        await desk.handle(
            Inbound(
                channel="telegram",
                sender=user,
                chat=str(chat.id) if chat else user,
                platform_id=str(event_update.update_id),
                choice=callback.data,
                profile_name=callback.from_user.full_name,
            )
        )
    await answer_quietly(callback)


async def answer_quietly(callback: CallbackQuery, text: str | None = None) -> None:
    """Stop the button's spinner; a redelivered query is too old to answer, which is fine."""
    try:
        await callback.answer(text)
    except AiogramError:
        pass


def client_router() -> Router:
    router = Router(name="telegram-clients")
    router.message.filter(lambda message: message.chat.type == ChatType.PRIVATE)
    router.message.register(on_client_message)
    router.callback_query.register(on_client_button)
    return router


class TelegramSender:
    """Delivers ``Outbound``s to clients' private chats."""

    def __init__(self, bot: Bot, files: FileStore) -> None:
        self.bot = bot
        self.files = files

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        message = Outbound.from_dict(payload)
        pieces = message_pieces(message)
        if not pieces and not message.attachments:
            return DeliveryResult.sent()
        target = Target(chat_id=int(message.chat))
        return await delivered(
            send_bundle(self.bot, self.files, target, pieces, message.attachments, client_markup(message))
        )


@dataclass
class TelegramChannel:
    """The bot and its routers: fed by the webhook, or by long polling in development."""

    bot: Bot
    updates: UpdateDispatcher

    async def feed(self, update: Update) -> None:
        try:
            update.event_type  # noqa: B018 - raises for update types newer than aiogram
        except UpdateTypeLookupError:
            return
        await self.updates.feed_update(self.bot, update)

    async def poll(self, *, handle_signals: bool = True) -> None:
        """Long polling for development: the webhook is removed first, or Telegram would refuse getUpdates."""
        await self.bot.delete_webhook(drop_pending_updates=False)
        await self.updates.start_polling(
            self.bot, allowed_updates=list(ALLOWED_UPDATES), close_bot_session=False, handle_signals=handle_signals
        )
