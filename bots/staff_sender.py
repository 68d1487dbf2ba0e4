"""Delivers the desk's staff notices to the engineers' group: a topic and a card per ticket, then what happens."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import structlog
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bots.base import DeliveryResult
from bots.files import FileStore
from bots.staff_card import (
    StaffPlace,
    TicketCard,
    card_keyboard,
    card_pieces,
    client_message_pieces,
    notice_pieces,
    topic_name,
)
from bots.telegram_send import Target, delivered, send_bundle, send_file
from core.messages import Attachment

log = structlog.get_logger(__name__)

TOPIC_TIMEOUT_SECONDS = 15  # the ticket's row stays locked while Telegram creates the topic
NOTICES = {"client_unreachable": "staff.client_unreachable", "delivery_failed": "staff.delivery_failed"}


class TicketPlaces(Protocol):
    async def card(self, number: str) -> TicketCard | None: ...

    async def place(self, number: str, open_place: Callable[[TicketCard], Awaitable[StaffPlace]]) -> StaffPlace: ...

    async def remember_card(self, number: str, message_id: int) -> None: ...


class StaffSender:
    def __init__(self, bot: Bot, files: FileStore, places: TicketPlaces, chat_id: str, timezone: ZoneInfo) -> None:
        self.bot = bot
        self.files = files
        self.places = places
        self.chat_id = chat_id
        self.timezone = timezone

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        kind = payload.get("type")
        card = await self.places.card(str(payload.get("ticket") or ""))
        if card is None:
            return DeliveryResult.failed(f"staff notice {kind} for an unknown ticket")
        if kind == "ticket_opened":
            return await delivered(self._open(card))
        if kind == "client_message":
            attachments = [Attachment.from_dict(a) for a in payload.get("attachments") or ()]
            return await delivered(self._post(card, client_message_pieces(payload.get("text")), attachments))
        if kind in NOTICES:
            return await delivered(self._post(card, notice_pieces(NOTICES[kind])))
        return DeliveryResult.failed(f"unknown staff notice {kind}")

    async def _open_topic(self, card: TicketCard) -> StaffPlace:
        try:
            topic = await self.bot.create_forum_topic(
                chat_id=int(self.chat_id), name=topic_name(card), request_timeout=TOPIC_TIMEOUT_SECONDS
            )
        except TelegramBadRequest as error:
            log.warning("staff_topic_not_created_using_reply_threads", ticket=card.number, error=error.message)
            return StaffPlace(self.chat_id)
        return StaffPlace(self.chat_id, topic.message_thread_id)

    async def _placed(self, card: TicketCard) -> StaffPlace:
        """The ticket's topic (or place in the group) with its card, created on first use; retries reuse them."""
        place = card.place or await self.places.place(card.number, self._open_topic)
        if place.card_message_id is not None:
            return place
        target = Target(int(place.chat_id), place.thread_id)
        pieces = card_pieces(card, self.timezone, topics=place.thread_id is not None)
        for piece in pieces[:-1]:
            await self.bot.send_message(text=piece, **target.where())
        sent = await self.bot.send_message(text=pieces[-1], reply_markup=card_keyboard(card.number), **target.where())
        await self.places.remember_card(card.number, sent.message_id)
        return replace(place, card_message_id=sent.message_id)

    async def _open(self, card: TicketCard) -> None:
        place = await self._placed(card)
        for attachment in card.attachments:
            await send_file(self.bot, self.files, place.target(), attachment)

    async def _post(self, card: TicketCard, pieces: Sequence[str], attachments: Sequence[Attachment] = ()) -> None:
        place = await self._placed(card)
        await send_bundle(self.bot, self.files, place.target(), pieces, attachments)
