"""/announce in the group's general topic: a lead's release announcement (4.8), sent after «Отправить».

The bot answers the command, as a reply to it, with the number of subscribers and two buttons. The
announcement's id comes from the command message (``tg-<chat>-<message id>``) and its text is read back
from the message the confirmation replies to, so «Отправить» pressed twice, or by two leads, sends once.
Only the leads (``STAFF_LEAD_IDS``) may announce or press the buttons.
"""

from __future__ import annotations

from typing import Any, Protocol

import structlog
from aiogram.exceptions import AiogramError
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bots.telegram import answer_quietly
from bots.telegram_render import escape
from core.texts import t

log = structlog.get_logger(__name__)

COMMAND = "/announce"
SEND = "ann:send"
CANCEL = "ann:cancel"


class Outcome(Protocol):
    @property
    def recipients(self) -> int: ...

    @property
    def created(self) -> bool: ...


class Announcer(Protocol):
    def may_announce(self, user_id: int) -> bool: ...

    async def audience(self) -> int: ...

    async def create(self, announcement_id: str, text: str, author: str | None) -> Outcome: ...


def announcement_id(command: Message) -> str:
    return f"tg-{command.chat.id}-{command.message_id}"


def announced_text(command: Message) -> str:
    """The text after ``/announce`` (on the same line or the next ones)."""
    parts = (command.text or "").strip().split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 and parts[0].split("@", 1)[0].casefold() == COMMAND else ""


def confirmation_keyboard() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(text=t("announce.button_send"), callback_data=SEND),
        InlineKeyboardButton(text=t("announce.button_cancel"), callback_data=CANCEL),
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


async def _say(origin: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer under ``origin``; nothing is stored by the answer itself, so a failure is only logged."""
    try:
        await origin.reply(escape(text), reply_markup=markup)
    except AiogramError as error:
        log.warning("announce_answer_not_sent", error=type(error).__name__)


async def on_announce(message: Message, argument: str, announcements: Announcer, **data: Any) -> None:
    """The command: refused to anyone but a lead; otherwise the count of recipients and the two buttons."""
    if message.from_user is None or not announcements.may_announce(message.from_user.id):
        await _say(message, t("announce.leads_only"))
        return
    text = announced_text(message)
    if not text:
        await _say(message, t("announce.usage"))
        return
    count = await announcements.audience()
    await _say(message, t("announce.confirm", count=count, text=text), confirmation_keyboard())


async def on_announce_button(callback: CallbackQuery, announcements: Announcer) -> None:
    """«Отправить» creates the announcement once per command; «Отмена» removes the buttons."""
    confirmation = callback.message if isinstance(callback.message, Message) else None
    if not announcements.may_announce(callback.from_user.id):
        await answer_quietly(callback, t("announce.leads_only"))
        return
    command = confirmation.reply_to_message if confirmation is not None else None
    text = announced_text(command) if command is not None else ""
    if confirmation is None or command is None or not text:
        await answer_quietly(callback, t("announce.gone"))
        return
    await _drop_buttons(confirmation)
    if callback.data == CANCEL:
        await _say(confirmation, t("announce.cancelled"))
    else:
        outcome = await announcements.create(announcement_id(command), text, author=str(callback.from_user.id))
        key = "announce.started" if outcome.created else "announce.already"
        await _say(confirmation, t(key, count=outcome.recipients))
    await answer_quietly(callback)


async def _drop_buttons(confirmation: Message) -> None:
    try:
        await confirmation.edit_reply_markup(reply_markup=None)
    except AiogramError as error:  # pressed twice: the buttons are gone already
        log.info("announce_buttons_not_removed", error=type(error).__name__)


def is_announce_button(callback: CallbackQuery) -> bool:
    return callback.data in (SEND, CANCEL)
