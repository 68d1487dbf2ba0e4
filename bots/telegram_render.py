"""What Telegram draws for an ``Outbound``: escaped HTML in pieces of at most 4096 characters, keyboards."""

from __future__ import annotations

import html

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    WebAppInfo,
)

from core.messages import Choice, Outbound
from core.texts import t

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
SHORT_TITLE = 3  # buttons this short (the 1–5 rating) share one row

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def _fitting_prefix(text: str, limit: int) -> int:
    """How many characters of ``text`` stay within ``limit`` once escaped."""
    size = 0
    for index, char in enumerate(text):
        size += len(escape(char))
        if size > limit:
            return index
    return len(text)


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """``text`` escaped for HTML parse mode, in pieces of at most ``limit``, cut at a line or word end if possible."""
    pieces: list[str] = []
    rest = text
    while rest.strip():
        cut = max(_fitting_prefix(rest, limit), 1)
        if cut < len(rest):
            for separator in ("\n", " "):
                at = rest.rfind(separator, 0, cut)
                if at > cut // 2:
                    cut = at + 1
                    break
        piece = rest[:cut].strip()
        if piece:  # a run of spaces longer than the limit is dropped, never sent as an empty message
            pieces.append(escape(piece))
        rest = rest[cut:]
    return pieces


def with_header(header: str, text: str) -> list[str]:
    """``text`` as HTML pieces, the first one opened by ``header`` in bold."""
    bold = f"<b>{escape(header)}</b>"
    pieces = split_text(text, TEXT_LIMIT - len(bold) - 1)
    return [bold + ("\n" + pieces[0] if pieces else ""), *pieces[1:]]


def message_pieces(message: Outbound) -> list[str]:
    """The message's text as HTML pieces; an engineer's reply starts with the engineer's name."""
    author = message.extras.get("author")
    return with_header(t("telegram.author", author=author), message.text) if author else split_text(message.text)


def _rows(buttons: list, titles: list[str]) -> list[list]:  # type: ignore[type-arg]
    if titles and all(len(title) <= SHORT_TITLE for title in titles):
        return [buttons]
    return [[button] for button in buttons]


def inline_keyboard(choices: tuple[Choice, ...]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(text=c.title, web_app=WebAppInfo(url=c.url))
        if c.url
        else InlineKeyboardButton(text=c.title, callback_data=c.payload)
        for c in choices
    ]
    return InlineKeyboardMarkup(inline_keyboard=_rows(buttons, [c.title for c in choices]))


def contact_keyboard(choices: tuple[Choice, ...]) -> ReplyKeyboardMarkup:
    """«Share my contact», with any choices as typed buttons (the engine also understands their titles)."""
    rows = [[KeyboardButton(text=t("telegram.share_contact"), request_contact=True)]]
    rows += [[KeyboardButton(text=c.title)] for c in choices]
    return ReplyKeyboardMarkup(keyboard=rows, resize_keyboard=True, one_time_keyboard=True)


def client_markup(message: Outbound) -> Markup:
    """Buttons for a client's message; a message without them takes away a contact keyboard left on screen."""
    if message.request_phone:
        return contact_keyboard(message.choices)
    if message.choices:
        return inline_keyboard(message.choices)
    return ReplyKeyboardRemove()
