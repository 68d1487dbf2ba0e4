"""The engineers' group: messages in a ticket's topic (or replies to its card), commands and card buttons.

Only the configured staff chat counts; anything from another chat never reaches these handlers.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Any, Protocol

import structlog
from aiogram import Bot, Router
from aiogram.exceptions import AiogramError
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, Update, User

from bots.files import FileStore
from bots.reply_templates import shipped_templates
from bots.staff_announce import is_announce_button, on_announce_button
from bots.staff_card import CLOSE_ASKED, CLOSE_NOT, TicketCard, close_keyboard, parse_button, priority_keyboard
from bots.staff_commands import StaffCommand, parse_staff_text, priority_named
from bots.staff_general import on_general_message
from bots.telegram import answer_quietly, attachments_of, unsupported_content
from bots.telegram_files import telegram_file_id
from bots.telegram_render import escape
from bots.telegram_send import download
from core.messages import Attachment
from core.staff import Engineer, Refused, StaffDesk
from core.texts import t

log = structlog.get_logger(__name__)


class TicketLookup(Protocol):
    async def card(self, number: str) -> TicketCard | None: ...

    async def ticket_at(self, *, thread_id: int | None, reply_to: int | None) -> TicketCard | None: ...


@dataclass(frozen=True)
class StaffRequest:
    """One engineer acting on one ticket; ``origin`` is the message the group's answer goes under."""

    card: TicketCard
    engineer: Engineer
    platform_id: str
    origin: Message | None
    staff: StaffDesk
    bot: Bot


def engineer_of(user: User) -> Engineer:
    return Engineer(id=str(user.id), name=user.first_name)


async def tell(origin: Message | None, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer in the ticket's topic or under its card; the action is already stored, so a failure is only logged."""
    if origin is None:
        return
    try:
        await origin.reply(escape(text), reply_markup=markup)
    except AiogramError as error:
        log.warning("staff_confirmation_not_sent", error=type(error).__name__)


async def _topic(request: StaffRequest, reopen: bool) -> None:
    place = request.card.place
    if place is None or place.thread_id is None:
        return
    try:
        change = request.bot.reopen_forum_topic if reopen else request.bot.close_forum_topic
        await change(chat_id=int(place.chat_id), message_thread_id=place.thread_id)
    except AiogramError as error:
        log.warning("staff_topic_not_changed", ticket=request.card.number, error=type(error).__name__)


async def take(request: StaffRequest, argument: str) -> None:
    if await request.staff.take(request.card.number, request.engineer, request.platform_id):
        await tell(request.origin, t("staff.taken", number=request.card.number, engineer=request.engineer.name))


async def close(request: StaffRequest, argument: str) -> None:
    """``/close`` closes at once; the card's «Закрыть» asks first (the client is told and asked for a rating at once,
    so a tap missed on a phone could not be undone quietly)."""
    if argument == CLOSE_ASKED:
        await tell(
            request.origin, t("staff.close_asked", number=request.card.number), close_keyboard(request.card.number)
        )
        return
    if argument == CLOSE_NOT:
        await tell(request.origin, t("staff.close_not", number=request.card.number))
        return
    if await request.staff.close(request.card.number, request.platform_id):
        await tell(request.origin, t("staff.closed", number=request.card.number))
        await _topic(request, reopen=False)


async def reopen(request: StaffRequest, argument: str) -> None:
    if await request.staff.reopen(request.card.number, request.platform_id):
        await _topic(request, reopen=True)
        await tell(request.origin, t("staff.reopened", number=request.card.number))


async def set_priority(request: StaffRequest, argument: str) -> None:
    number = request.card.number
    priority = priority_named(argument)
    if priority is None:
        usage = t("staff.priority_usage") if argument else t("staff.choose_priority", number=number)
        await tell(request.origin, usage, priority_keyboard(number))
    elif await request.staff.set_priority(number, priority, request.platform_id):
        await tell(request.origin, t("staff.priority_set", number=number, priority=t(f"priority.{priority}")))


async def send_template(request: StaffRequest, argument: str) -> None:
    """``/t NAME``: the template's text goes to the client as a plain reply would; ``/t`` alone lists them."""
    templates = shipped_templates()
    template = templates.find(argument)
    if template is None:
        await tell(request.origin, templates.help(argument))
        return
    card = request.card
    client_name = card.fields.get("contact_name")
    text = template.render(number=card.number, engineer=request.engineer.name, client_name=client_name)
    if await request.staff.reply(card.number, request.engineer, text, (), request.platform_id):
        await tell(request.origin, t("templates.sent", name=template.name, text=text))


ACTIONS = {"take": take, "close": close, "reopen": reopen, "priority": set_priority, "t": send_template}


async def _portable(attachment: Attachment, bot: Bot, files: FileStore) -> Attachment | None:
    """The file kept in the file store, for a client on another messenger; None when Telegram will not give it."""
    file_id = telegram_file_id(attachment.ref)
    if file_id is None:
        return attachment
    content = await download(bot, file_id)
    if content is None:
        return None
    ref = await asyncio.to_thread(files.save, content, file_name=attachment.file_name, mime_type=attachment.mime_type)
    return replace(attachment, ref=ref)


async def relay_to_client(request: StaffRequest, message: Message, text: str, files: FileStore) -> None:
    received = attachments_of(message)
    attachments = list(received)
    if request.card.channel != "telegram":
        portable = [await _portable(a, request.bot, files) for a in received]
        for lost in (a for a, kept in zip(received, portable, strict=True) if kept is None):
            await tell(message, t("telegram.file_unavailable", name=lost.file_name or lost.kind))
        attachments = [a for a in portable if a is not None]
    if not text and not attachments:
        if received or unsupported_content(message):  # a pin or a topic edit passes silently
            await tell(message, t("staff.not_relayed"))
        return
    await request.staff.reply(request.card.number, request.engineer, text or None, attachments, request.platform_id)


async def ticket_of(message: Message, directory: TicketLookup) -> TicketCard | None:
    """The ticket whose topic the message is in (or whose card it replies to), if any."""
    return await directory.ticket_at(
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to=message.reply_to_message.message_id if message.reply_to_message else None,
    )


async def on_engineer_message(
    message: Message,
    event_update: Update,
    staff: StaffDesk,
    directory: TicketLookup,
    files: FileStore,
    bot: Bot,
    **data: Any,
) -> None:
    if message.from_user is None or message.from_user.is_bot:
        if message.sender_chat is not None and message.sender_chat.id == message.chat.id:  # an anonymous admin
            await tell(message, t("staff.anonymous"))
        return
    card = await ticket_of(message, directory)
    if card is None:  # a command of the general topic, or the group's own talk
        await on_general_message(message, {"staff": staff, "directory": directory, "files": files, "bot": bot, **data})
        return
    engineer = engineer_of(message.from_user)
    request = StaffRequest(card, engineer, f"tg:{event_update.update_id}", message, staff, bot)
    command: StaffCommand = parse_staff_text(message.text or message.caption)
    try:
        if command.action == "note":
            await staff.note(card.number, engineer, command.argument, request.platform_id)
        elif command.action == "unknown":
            await tell(message, t("staff.unknown_command", command=command.argument))
        elif command.action in ACTIONS:
            await ACTIONS[command.action](request, command.argument)
        else:
            await relay_to_client(request, message, command.argument, files)
    except Refused as refusal:
        await tell(message, refusal.told())


async def on_staff_button(
    callback: CallbackQuery, event_update: Update, staff: StaffDesk, directory: TicketLookup, bot: Bot
) -> None:
    pressed = parse_button(callback.data)
    card = await directory.card(pressed[1]) if pressed is not None and pressed[0] in ACTIONS else None
    if pressed is not None and card is not None:
        origin = callback.message if isinstance(callback.message, Message) else None
        engineer = engineer_of(callback.from_user)
        request = StaffRequest(card, engineer, f"tg:{event_update.update_id}", origin, staff, bot)
        try:
            await ACTIONS[pressed[0]](request, pressed[2])
        except Refused as refusal:
            await tell(origin, refusal.told())
    await answer_quietly(callback)


async def on_engineer_edit(message: Message, directory: TicketLookup, **data: Any) -> None:
    """An edited answer in a ticket's topic: the client has the first version, and Telegram gives no way to change
    it in another messenger; the engineer is told, rather than believing the client sees the fix."""
    if message.from_user is None or message.from_user.is_bot:
        return
    card = await ticket_of(message, directory)
    if card is not None and parse_staff_text(message.text or message.caption).action == "reply":
        await tell(message, t("staff.edit_not_sent"))


def in_staff_chat(message: Message, staff_chat_id: int) -> bool:
    return message.chat.id == staff_chat_id


def pressed_in_staff_chat(callback: CallbackQuery, staff_chat_id: int) -> bool:
    return callback.message is not None and callback.message.chat.id == staff_chat_id


def staff_router() -> Router:
    router = Router(name="telegram-staff")
    router.message.register(on_engineer_message, in_staff_chat)
    router.edited_message.register(on_engineer_edit, in_staff_chat)
    router.callback_query.register(on_announce_button, pressed_in_staff_chat, is_announce_button)
    router.callback_query.register(on_staff_button, pressed_in_staff_chat)
    return router
