"""Where each ticket lives in the engineers' group, kept on the ticket's row: never in memory or message text."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bots.staff_card import StaffPlace, TicketCard
from bots.staff_queue import QueueEntry
from core.calendar import working_time_between
from core.messages import Attachment
from service.desk import Desk
from storage.models import Ticket
from storage.repos import tickets


def card_of(ticket: Ticket) -> TicketCard:
    assert ticket.number is not None
    place = None
    if ticket.staff_chat_id is not None:
        place = StaffPlace(ticket.staff_chat_id, ticket.staff_thread_id, ticket.staff_message_id)
    return TicketCard(
        number=ticket.number,
        kind=ticket.kind,
        priority=ticket.priority,
        channel=ticket.channel,
        reaction_due_at=ticket.reaction_due_at,
        fields={k: v for k, v in ticket.fields.items() if k != "attachments"},
        attachments=tuple(Attachment.from_dict(a) for a in ticket.fields.get("attachments") or ()),
        place=place,
        status=ticket.status,
        escalated=ticket.escalated_at is not None and ticket.first_answer_at is None,
    )


class StaffDirectory:
    def __init__(self, desk: Desk, chat_id: str) -> None:
        self.desk = desk
        self.chat_id = chat_id

    async def card(self, number: str) -> TicketCard | None:
        async with self.desk.sessions() as session:
            ticket = await tickets.get_ticket(session=session, number=number)
            return card_of(ticket) if ticket is not None else None

    async def claim_place(self, number: str, place: StaffPlace) -> StaffPlace:
        """Store the ticket's place in the group unless another worker stored one first; the place that counts.

        A compare-and-set in a short transaction: the topic is created before, outside any transaction, so
        that no other chat waits for Telegram (on SQLite a transaction holds the store's only writer).
        """
        async with self.desk.transaction() as session:
            stored = await tickets.claim_staff_place(
                session=session, number=number, chat_id=place.chat_id, thread_id=place.thread_id
            )
            winner = place if stored else await self._place_of(session, number)
        assert winner is not None
        return winner

    async def forget_place(self, number: str, thread_id: int) -> StaffPlace | None:
        """The topic ``thread_id`` is deleted: forget it; the place that counts now (None: to be opened anew)."""
        async with self.desk.transaction() as session:
            await tickets.forget_staff_place(session=session, number=number, thread_id=thread_id)
            return await self._place_of(session, number)

    async def claim_card(self, number: str, message_id: int) -> int:
        """Store the card's message id unless another card was stored first; the id that counts."""
        async with self.desk.transaction() as session:
            if await tickets.claim_staff_message(session=session, number=number, message_id=message_id):
                return message_id
            place = await self._place_of(session, number)
        assert place is not None and place.card_message_id is not None
        return place.card_message_id

    @staticmethod
    async def _place_of(session: AsyncSession, number: str) -> StaffPlace | None:
        ticket = await tickets.get_ticket(session=session, number=number)
        if ticket is None:
            raise LookupError(number)
        return card_of(ticket).place

    async def queue(self) -> list[QueueEntry]:
        """The open tickets in the order engineers take them (4.10), with the time each has left."""
        now = self.desk.clock()
        async with self.desk.sessions() as session:
            found = await tickets.queue(session=session)
        return [
            QueueEntry(
                number=ticket.number or "",
                priority=ticket.priority,
                kind=ticket.kind,
                engineer=ticket.assignee,
                reacted=ticket.first_answer_at is not None,
                left=working_time_between(now, ticket.reaction_due_at, self.desk.timezone),
                late=max(now - ticket.reaction_due_at, timedelta(0)),
            )
            for ticket in found
        ]

    async def ticket_at(self, *, thread_id: int | None, reply_to: int | None) -> TicketCard | None:
        """The ticket an engineer's message is about: by its forum topic, or by the card it replies to."""
        async with self.desk.sessions() as session:
            ticket = None
            if thread_id is not None:
                ticket = await tickets.find_by_staff_thread(
                    session=session, staff_chat_id=self.chat_id, thread_id=thread_id
                )
            if ticket is None and reply_to is not None:
                ticket = await tickets.find_by_staff_message(
                    session=session, staff_chat_id=self.chat_id, message_id=reply_to
                )
            return card_of(ticket) if ticket is not None else None
