"""A ticket as the engineers' group shows it: where it lives, the topic's name, the card and its buttons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bots.telegram_render import escape, split_text, with_header
from bots.telegram_send import Target
from core.messages import Attachment
from core.staff import PRIORITIES
from core.texts import TEXTS, channel_key, t

TOPIC_NAME_LIMIT = 128
SUBJECT_LENGTH = 60
BUTTON_PREFIX = "st:"


@dataclass(frozen=True)
class StaffPlace:
    """The ticket's forum topic, or (without topics) its card message that engineers reply to."""

    chat_id: str
    thread_id: int | None = None
    card_message_id: int | None = None

    def target(self) -> Target:
        reply_to = None if self.thread_id is not None else self.card_message_id
        return Target(int(self.chat_id), self.thread_id, reply_to)


@dataclass(frozen=True)
class TicketCard:
    number: str
    kind: str
    priority: str
    channel: str
    reaction_due_at: datetime
    fields: Mapping[str, Any]  # the collected answers, as words, in the intake's order
    attachments: tuple[Attachment, ...] = ()
    place: StaffPlace | None = None
    status: str = "open"
    escalated: bool = False  # the reaction deadline passed with no engineer's reaction


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def topic_name(card: TicketCard) -> str:
    """«TP-00001 · в работе · высокий · ООО «Охрана-Сервис» · журнал событий зависает», at most 128 characters;
    the status and the priority come first so that the group's topic list reads as the queue."""
    organization = str(card.fields.get("organization") or t("staff.topic.no_organization"))
    subject = str(card.fields.get("description") or card.fields.get("expected") or "")
    parts = [t("staff.topic.escalated")] if card.escalated else []
    parts += [card.number, t(f"status.{card.status}"), t(f"priority.{card.priority}"), _shorten(organization, 40)]
    parts += [_shorten(subject, SUBJECT_LENGTH)] if subject else []
    return _shorten(" · ".join(parts), TOPIC_NAME_LIMIT)


def card_pieces(card: TicketCard, timezone: ZoneInfo, *, topics: bool) -> list[str]:
    """The card as HTML pieces: kind, priority, reaction deadline, channel, then every collected field."""
    deadline = card.reaction_due_at.astimezone(timezone).strftime("%d.%m.%Y %H:%M")
    lines = [
        f"{t('staff.card.kind')}: {t(f'kind.{card.kind}')}",
        f"{t('staff.card.priority')}: {t(f'priority.{card.priority}')}",
        f"{t('staff.card.deadline')}: {t('staff.card.deadline_value', deadline=deadline)}",
        # every registered channel's name is checked at start-up; one no longer registered shows its key
        f"{t('staff.card.channel')}: {TEXTS.get(channel_key(card.channel), card.channel)}",
        "",
    ]
    for key, value in card.fields.items():
        label = TEXTS.get(f"field.{key}.label")
        if label is not None:
            lines.append(f"{label}: {value or t('summary.empty_value')}")
    if card.attachments:
        lines += ["", t("staff.card.attachments", count=len(card.attachments))]
    lines += ["", t("staff.card.hint_topic" if topics else "staff.card.hint_reply")]
    return with_header(t("staff.card.header", number=card.number), "\n".join(lines))


def client_message_pieces(text: str | None, channel: str | None = None, ticket_channel: str | None = None) -> list[str]:
    """The client's message for the topic; the messenger is named when it is not the ticket's own (4.13)."""
    if channel is None or channel == ticket_channel:
        return with_header(t("staff.client_wrote"), text or "")
    header = t("same_request.staff_client_wrote_via", channel=TEXTS.get(channel_key(channel), channel))
    return with_header(header, text or "")


def notice_pieces(key: str) -> list[str]:
    return split_text(t(key))


def mentions(user_ids: Sequence[int], label_key: str) -> str:
    """HTML mentions that notify each user (the lead, the engineers on duty) whatever their username."""
    label = escape(t(label_key))
    return ", ".join(f'<a href="tg://user?id={int(user_id)}">{label}</a>' for user_id in user_ids)


def alert_pieces(text: str, user_ids: Sequence[int], label_key: str) -> list[str]:
    """A message for the general topic: the text, then the mentions of who must act on it."""
    pieces = split_text(text)
    if user_ids:
        pieces[-1] += "\n" + mentions(user_ids, label_key)
    return pieces


def button_data(action: str, number: str, argument: str = "") -> str:
    return f"{BUTTON_PREFIX}{action}:{number}" + (f":{argument}" if argument else "")


def parse_button(data: str | None) -> tuple[str, str, str] | None:
    """(action, ticket number, argument) of a staff button, or None for anything else."""
    if not data or not data.startswith(BUTTON_PREFIX):
        return None
    action, _, rest = data.removeprefix(BUTTON_PREFIX).partition(":")
    number, _, argument = rest.partition(":")
    return (action, number, argument) if number else None


CLOSE_ASKED, CLOSE_SURE, CLOSE_NOT = "ask", "sure", "not"  # the card's «Закрыть» asks first: a tap is easy to miss


def card_keyboard(number: str) -> InlineKeyboardMarkup:
    arguments = {"take": "", "priority": "", "close": CLOSE_ASKED}
    buttons = [
        InlineKeyboardButton(text=t(f"staff.button.{action}"), callback_data=button_data(action, number, argument))
        for action, argument in arguments.items()
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


def close_keyboard(number: str) -> InlineKeyboardMarkup:
    """«Да, закрыть» / «Нет» under the question the card's «Закрыть» asks."""
    buttons = [
        InlineKeyboardButton(text=t(f"staff.button.close_{answer}"), callback_data=button_data("close", number, answer))
        for answer in (CLOSE_SURE, CLOSE_NOT)
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


def priority_keyboard(number: str) -> InlineKeyboardMarkup:
    buttons = [
        [InlineKeyboardButton(text=t(f"priority.{p}"), callback_data=button_data("priority", number, p))]
        for p in PRIORITIES
    ]
    return InlineKeyboardMarkup(inline_keyboard=buttons)
