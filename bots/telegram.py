"""Telegram for clients: updates are read at the webhook (or fetched by long polling) and kept in the inbox;
in their turn aiogram's routers make a private chat's message an ``Inbound`` for the desk (the engineers'
group has routers of its own, ``bots/staff.py``); ``Outbound``s are sent back.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from functools import lru_cache
from typing import Any

import structlog
from aiogram import Bot, Router
from aiogram import Dispatcher as UpdateDispatcher
from aiogram.enums import ChatType
from aiogram.exceptions import AiogramError
from aiogram.types import CallbackQuery, Message, Update
from aiogram.types.update import UpdateTypeLookupError
from pydantic import ValidationError

from bots.base import BadRequest, DeliveryResult, Unauthorized
from bots.channel import Capabilities, Keep, Webhook, WebhookAnswer
from bots.files import FileStore
from bots.platform_events import ESCAPED_UNSTORABLE, Ignored, PlatformEvent, Received, storable_json
from bots.staff_commands import is_staff_command
from bots.telegram_files import TELEGRAM_DOCUMENT, TELEGRAM_PHOTO
from bots.telegram_newer import ROUNDS, readable_fields
from bots.telegram_render import TEXT_LIMIT, client_markup, message_pieces
from bots.telegram_send import Target, delivered, download, send_bundle
from core.messages import Attachment, Inbound, Outbound

log = structlog.get_logger(__name__)

ALLOWED_UPDATES = ("message", "callback_query", "edited_message")  # an engineer's edit is answered: never sent
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
LONG_POLL_SECONDS = 25
POLL_PAUSE_SECONDS = 1.0  # after a failed fetch
# updates the webhook read, kept parsed for their processing a moment later: each is validated once, not twice
PARSED_KEPT = 256
ANSWER = WebhookAnswer.json({"ok": True})  # the same to every update
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


async def on_client_message(message: Message, event_update: Update) -> Inbound | None:
    if is_staff_command(message.text or message.caption):
        return None  # staff commands count only in the engineers' group
    return inbound_from_message(message, event_update.update_id)


async def on_client_button(callback: CallbackQuery, event_update: Update) -> Inbound | None:
    await answer_quietly(callback)  # the spinner stops at once; the desk answers through the outbox
    chat = callback.message.chat if callback.message else None
    if chat is not None and chat.type != ChatType.PRIVATE:
        return None
    user = str(callback.from_user.id)
    return Inbound(
        channel="telegram",
        sender=user,
        chat=str(chat.id) if chat else user,
        platform_id=str(event_update.update_id),
        choice=callback.data,
        profile_name=callback.from_user.full_name,
    )


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


def chat_of(update: Update) -> str:
    """The chat whose updates must be handled in order; updates without one share a queue."""
    # the fields the update was given (not all of ``Update``'s: iterating them cost more than parsing it)
    event = next((getattr(update, name) for name in update.model_fields_set if name != "update_id"), None)
    chat = getattr(event, "chat", None) or getattr(getattr(event, "message", None), "chat", None)
    if chat is not None:
        return str(chat.id)
    user = getattr(event, "from_user", None)
    return f"user:{user.id}" if user is not None else "other"


BOOLEAN_UPDATE_ID = re.compile(r'"update_id"\s*:\s*(?:true|false)\b')  # pydantic reads «true» as the integer 1


class TelegramChannel:
    """The bot and its routers (``updates``): clients' private chats, and the engineers' group when it is set."""

    name = "telegram"
    capabilities = Capabilities(
        buttons=True, text_limit=TEXT_LIMIT, media=True, formatting="html", share_phone="telegram.share_contact"
    )
    webhook = Webhook(SECRET_HEADER)

    def __init__(self, bot: Bot, updates: UpdateDispatcher, files: FileStore, webhook_secret: str | None) -> None:
        self.bot = bot
        self.updates = updates
        self.files = files
        self._secret = webhook_secret
        self._update = lru_cache(maxsize=PARSED_KEPT)(self._parse)  # by the text, as kept in the inbox

    # --- updates in
    def read(self, raw: bytes, signature: str | None) -> Received:
        """An update with the configured secret, validated; every update is kept (its turn decides what it is)."""
        if self._secret is None or signature is None:
            raise Unauthorized("no telegram secret")
        if not secrets.compare_digest(signature.encode(), self._secret.encode()):
            raise Unauthorized("telegram secret")
        text = raw.decode("utf-8", errors="replace")
        try:
            update = self._update(text)
        except (ValueError, ValidationError, RecursionError) as error:  # RecursionError: JSON nested too deep
            raise BadRequest("telegram update") from error
        if BOOLEAN_UPDATE_ID.search(text):  # «"update_id": true» was kept as update 1, and the real 1 dropped later
            raise BadRequest("telegram update_id")
        return self._received(update, text)

    def answer(self, event: PlatformEvent | Received) -> WebhookAnswer:
        return ANSWER

    async def file_bytes(self, file_id: str) -> bytes | None:
        """A file a client sent here, as Telegram keeps it (the web desk shows it); None when it will not give it."""
        return await download(self.bot, file_id)

    async def unpack(self, raw: str, *, retry_later: bool) -> PlatformEvent:
        """The routers' verdict on a kept update: a client's ``Inbound``; anything else is Ignored here
        (an engineer's message or button was acted on by the staff routers meanwhile)."""
        update = self._update(raw)
        try:
            kind = update.event_type
        except UpdateTypeLookupError:  # an update type newer than aiogram
            return Ignored("unknown update")
        result = await self.updates.feed_update(self.bot, update)
        return result if isinstance(result, Inbound) else Ignored(kind)

    def _parse(self, raw: str) -> Update:
        """The update with its texts ``storable``: the engineers' routers store them too, not only the desk.
        (Updates are frozen: the one the webhook read is the very one its processing feeds the routers.)
        Nearly every update holds nothing unstorable and is validated straight from its text, in pydantic's
        own parser: about a sixth cheaper than building the dicts first."""
        try:
            if ESCAPED_UNSTORABLE.search(raw) is None:
                return Update.model_validate_json(raw, context={"bot": self.bot})
            return Update.model_validate(storable_json(json.loads(raw)), context={"bot": self.bot})
        except ValidationError as error:
            return self._newer(storable_json(json.loads(raw)), error)

    def _newer(self, data: Any, error: ValidationError) -> Update:
        """An update with fields newer than aiogram's models, validated without them (``bots.telegram_newer``);
        the last ``ValidationError`` when leaving them out does not make it an update."""
        for _ in range(ROUNDS):
            readable = readable_fields(data, error)
            if readable is None:
                break
            try:
                return Update.model_validate(readable, context={"bot": self.bot})
            except ValidationError as next_error:
                data, error = readable, next_error
        raise error

    def _received(self, update: Update, raw: str) -> Received:
        return Received(self.name, str(update.update_id), chat_of(update), raw)

    async def poll(self, keep: Keep, stop: asyncio.Event) -> None:
        """Long polling for development, instead of the webhook (removed first, or Telegram would refuse
        getUpdates): each update is kept like a posted one, and confirmed (the offset moved) once kept."""
        await self.bot.delete_webhook(drop_pending_updates=False)
        offset: int | None = None
        while not stop.is_set():
            try:
                fetched = await self.bot.get_updates(
                    offset=offset, timeout=LONG_POLL_SECONDS, allowed_updates=list(ALLOWED_UPDATES)
                )
                for update in fetched:
                    await keep(self._received(update, update.model_dump_json(by_alias=True, exclude_none=True)))
                    offset = update.update_id + 1
            except Exception as error:  # Telegram or the store unreachable: fetch the same updates again shortly
                log.warning("telegram_polling_failed", error=type(error).__name__)
                await asyncio.sleep(POLL_PAUSE_SECONDS)

    # --- messages out
    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        """An ``Outbound`` to a client's private chat."""
        message = Outbound.from_dict(payload)
        pieces = message_pieces(message)
        if not pieces and not message.attachments:
            return DeliveryResult.sent()
        target = Target(chat_id=int(message.chat))
        return await delivered(
            send_bundle(self.bot, self.files, target, pieces, message.attachments, client_markup(message))
        )
