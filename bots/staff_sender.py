"""Delivers the desk's staff notices to the engineers' group: a topic and a card per ticket, then what happens."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import replace
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import structlog
from aiogram import Bot
from aiogram.exceptions import AiogramError, TelegramBadRequest

from bots.base import DeliveryResult
from bots.files import FileStore
from bots.staff_card import (
    StaffPlace,
    TicketCard,
    alert_pieces,
    card_keyboard,
    card_pieces,
    client_message_pieces,
    notice_pieces,
    topic_name,
)
from bots.telegram_render import split_text
from bots.telegram_send import Target, delivered, send_bundle, send_file
from core.messages import Attachment

log = structlog.get_logger(__name__)

TOPIC_TIMEOUT_SECONDS = 15  # only this ticket's notices wait for it: no transaction is open meanwhile
NOTICES = {
    "client_unreachable": "staff.client_unreachable",
    "delivery_failed": "staff.delivery_failed",
    "consent_withdrawn": "staff.consent_withdrawn",
}
WORDED_NOTICES = frozenset({"whatsapp_window_closed", "deadline_reminder"})  # the desk wrote their text already
# worded notices for the group's general topic, with the mentions of who must act: notice → the mention's label
GENERAL_NOTICES = {"escalated": "staff.mention.lead", "critical_alert": "staff.mention.on_duty"}
TOPIC_UNCHANGED = "TOPIC_NOT_MODIFIED"
MESSAGE_UNCHANGED = "message is not modified"
TOPIC_GONE = ("TOPIC_ID_INVALID", "message thread not found")  # what Telegram says of a topic deleted already


class TicketPlaces(Protocol):
    async def card(self, number: str) -> TicketCard | None: ...

    async def claim_place(self, number: str, place: StaffPlace) -> StaffPlace: ...

    async def claim_card(self, number: str, message_id: int) -> int: ...

    async def forget_place(self, number: str, thread_id: int) -> StaffPlace | None: ...


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
        if kind == "consent_withdrawn":
            return await delivered(self._withdrawn(card))
        if kind == "client_message":
            attachments = [Attachment.from_dict(a) for a in payload.get("attachments") or ()]
            pieces = client_message_pieces(payload.get("text"), payload.get("channel"), card.channel)
            return await delivered(self._post(card, pieces, attachments))
        if kind in NOTICES:
            return await delivered(self._post(card, notice_pieces(NOTICES[kind])))
        if kind == "desk_action" and payload.get("text"):
            return await delivered(self._desk_action(card, str(payload["text"]), payload.get("topic")))
        if kind in WORDED_NOTICES and payload.get("text"):
            return await delivered(self._post(card, split_text(str(payload["text"]))))
        if kind in GENERAL_NOTICES and payload.get("text"):
            mentioned = [int(user_id) for user_id in payload.get("mention") or ()]
            pieces = alert_pieces(str(payload["text"]), mentioned, GENERAL_NOTICES[kind])
            return await delivered(send_bundle(self.bot, self.files, Target(int(self.chat_id)), pieces))
        if kind == "topic_title":
            return await delivered(self._rename(card))
        return DeliveryResult.failed(f"unknown staff notice {kind}")

    async def _desk_action(self, card: TicketCard, text: str, topic: str | None) -> None:
        """What an engineer did on the web desk, told in the topic; a close or reopen there closes or reopens it
        (after the text: a retry of the notice never tells twice, and a topic Telegram will not change is logged)."""
        await self._post(card, split_text(text))
        place = card.place
        if topic not in ("close", "reopen") or place is None or place.thread_id is None:
            return
        change = self.bot.close_forum_topic if topic == "close" else self.bot.reopen_forum_topic
        try:
            await change(chat_id=int(place.chat_id), message_thread_id=place.thread_id)
        except TelegramBadRequest as error:
            if TOPIC_UNCHANGED not in error.message:
                log.warning("staff_topic_not_changed", ticket=card.number, error=error.message)

    async def _withdrawn(self, card: TicketCard) -> None:
        """The client withdrew consent: what the group holds of the person goes, then the engineers are told.

        In a forum the ticket's topic is deleted with every message in it (the client's messages relayed there held
        their words, the card their name and phone, the title their organisation), and a new topic gets the card of
        the ticket as the store now holds it. Where topics cannot be deleted (no right to, or no forum) the title
        and the card are rebuilt from that ticket instead. The notice comes last, so that a retry never tells twice.
        """
        place = card.place
        if place is not None and place.thread_id is not None and await self._topic_deleted(card, place):
            card = replace(card, place=await self.places.forget_place(card.number, place.thread_id))
            await self._post(card, notice_pieces("staff.consent_withdrawn_topic_deleted"))
            return
        await self._rename(card)
        place = card.place
        if place is not None and place.card_message_id is not None:
            pieces = card_pieces(card, self.timezone, topics=place.thread_id is not None)
            try:
                await self.bot.edit_message_text(
                    chat_id=int(place.chat_id),
                    message_id=place.card_message_id,
                    text=pieces[-1],
                    reply_markup=card_keyboard(card.number),
                )
            except TelegramBadRequest as error:
                if MESSAGE_UNCHANGED not in error.message:
                    raise
        await self._post(card, notice_pieces(NOTICES["consent_withdrawn"]))

    async def _topic_deleted(self, card: TicketCard, place: StaffPlace) -> bool:
        """Delete the ticket's topic; True when it is gone (a retry finds it deleted already)."""
        try:
            await self.bot.delete_forum_topic(chat_id=int(place.chat_id), message_thread_id=place.thread_id)
        except TelegramBadRequest as error:
            if not any(gone in error.message for gone in TOPIC_GONE):
                log.warning("staff_topic_not_deleted", ticket=card.number, error=error.message)
                return False
        return True

    async def _rename(self, card: TicketCard) -> None:
        """The topic's title shows the ticket as it is now (status, priority, escalation), whatever notice asked."""
        if card.place is None or card.place.thread_id is None:  # not placed yet (named then), or no topics
            return
        try:
            await self.bot.edit_forum_topic(
                chat_id=int(card.place.chat_id), message_thread_id=card.place.thread_id, name=topic_name(card)
            )
        except TelegramBadRequest as error:
            if TOPIC_UNCHANGED not in error.message:
                raise

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
        """The ticket's topic (or place in the group) with its card, created on first use; retries reuse them.

        Telegram is called outside any transaction, so no other chat waits for it; what it made is stored with
        a compare-and-set, and when another worker placed the ticket first this one's duplicate is removed.
        """
        place = card.place or await self._claim_topic(card)
        if place.card_message_id is not None:
            return place
        return replace(place, card_message_id=await self._claim_card(card, place))

    async def _claim_topic(self, card: TicketCard) -> StaffPlace:
        opened = await self._open_topic(card)
        place = await self.places.claim_place(card.number, opened)
        if opened.thread_id is not None and place.thread_id != opened.thread_id:
            close = self.bot.close_forum_topic(chat_id=int(self.chat_id), message_thread_id=opened.thread_id)
            await self._discard(card, close)
        return place

    async def _claim_card(self, card: TicketCard, place: StaffPlace) -> int:
        target = Target(int(place.chat_id), place.thread_id)
        pieces = card_pieces(card, self.timezone, topics=place.thread_id is not None)
        sent = [await self.bot.send_message(text=piece, **target.where()) for piece in pieces[:-1]]
        sent.append(
            await self.bot.send_message(text=pieces[-1], reply_markup=card_keyboard(card.number), **target.where())
        )
        card_message_id = await self.places.claim_card(card.number, sent[-1].message_id)
        if card_message_id != sent[-1].message_id:
            ids = [message.message_id for message in sent]
            await self._discard(card, self.bot.delete_messages(chat_id=int(place.chat_id), message_ids=ids))
        return card_message_id

    @staticmethod
    async def _discard(card: TicketCard, removal: Awaitable[bool]) -> None:
        """Remove a duplicate topic or card that lost the race; a refusal only leaves it in the group."""
        try:
            await removal
        except AiogramError as error:
            log.warning("staff_duplicate_not_removed", ticket=card.number, error=type(error).__name__)

    async def _open(self, card: TicketCard) -> None:
        place = await self._placed(card)
        for attachment in card.attachments:
            await send_file(self.bot, self.files, place.target(), attachment)

    async def _post(self, card: TicketCard, pieces: Sequence[str], attachments: Sequence[Attachment] = ()) -> None:
        place = await self._placed(card)
        await send_bundle(self.bot, self.files, place.target(), pieces, attachments)
