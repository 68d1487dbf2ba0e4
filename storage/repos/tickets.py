"""Tickets: creation with a human-friendly number, lookups for the admin API and the staff group."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from core.staff import OPEN_STATUSES
from storage.models import Ticket


def format_number(ticket_id: int) -> str:
    return f"TP-{ticket_id:05d}"


async def create_ticket(*, session: AsyncSession, ticket: Ticket) -> Ticket:
    session.add(ticket)
    await session.flush()
    assert ticket.id is not None
    ticket.number = format_number(ticket.id)
    await session.flush()
    return ticket


async def get_ticket(*, session: AsyncSession, number: str, lock: bool = False) -> Ticket | None:
    query = select(Ticket).where(Ticket.number == number)
    if lock:
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def _set_while_empty(session: AsyncSession, number: str, guard: Any, values: dict[str, Any]) -> bool:
    """Compare-and-set: write ``values`` on the ticket only while ``guard`` is still NULL; True when written."""
    statement = update(Ticket).where(Ticket.number == number, guard.is_(None)).values(**values)
    return (await session.exec(statement)).rowcount == 1  # type: ignore[call-overload]


async def claim_deadline_event(*, session: AsyncSession, ticket_id: int, event: str, now: datetime) -> bool:
    """Mark the ticket reminded (``event`` "reminded_at") or escalated ("escalated_at") unless it was already,
    or has been answered or closed meanwhile; True for the one caller that marked it.

    A conditional UPDATE: whatever the number of processes, exactly one claims each event.
    """
    guard = getattr(Ticket, event)
    statement = (
        update(Ticket)
        .where(
            col(Ticket.id) == ticket_id,
            guard.is_(None),
            col(Ticket.first_answer_at).is_(None),
            col(Ticket.status).in_(OPEN_STATUSES),
        )
        .values({event: now})
    )
    return (await session.exec(statement)).rowcount == 1  # type: ignore[call-overload]


async def awaiting_reaction(*, session: AsyncSession, limit: int = 1000) -> list[Ticket]:
    """Open tickets no engineer has reacted to and not escalated yet, the nearest deadline first."""
    query = select(Ticket).where(
        col(Ticket.status).in_(OPEN_STATUSES),
        col(Ticket.first_answer_at).is_(None),
        col(Ticket.escalated_at).is_(None),
    )
    return list(await session.exec(query.order_by(col(Ticket.reaction_due_at), col(Ticket.id)).limit(limit)))


async def queue(*, session: AsyncSession) -> list[Ticket]:
    """Every ticket the engineers still owe something (new, taken, waiting for the client) in the order of 4.10:
    critical ones first, then by the reaction deadline, which is the order they came in."""
    critical_first = case((col(Ticket.priority) == "critical", 0), else_=1)
    query = select(Ticket).where(col(Ticket.status).in_(OPEN_STATUSES))
    return list(await session.exec(query.order_by(critical_first, col(Ticket.reaction_due_at), col(Ticket.id))))


async def claim_staff_place(*, session: AsyncSession, number: str, chat_id: str, thread_id: int | None) -> bool:
    """Store where the ticket lives in the engineers' group, unless a place was stored first; True when stored."""
    values = {"staff_chat_id": chat_id, "staff_thread_id": thread_id}
    return await _set_while_empty(session, number, Ticket.staff_chat_id, values)


async def forget_staff_place(*, session: AsyncSession, number: str, thread_id: int) -> None:
    """Forget the ticket's topic ``thread_id`` (deleted from the group) and its card, unless another place is stored
    by now: the next notice then opens a topic of its own."""
    statement = (
        update(Ticket)
        .where(Ticket.number == number, Ticket.staff_thread_id == thread_id)
        .values(staff_chat_id=None, staff_thread_id=None, staff_message_id=None)
    )
    await session.exec(statement)  # type: ignore[call-overload]


async def claim_staff_message(*, session: AsyncSession, number: str, message_id: int) -> bool:
    """Store the id of the ticket's card in the group, unless a card was stored first; True when stored."""
    return await _set_while_empty(session, number, Ticket.staff_message_id, {"staff_message_id": message_id})


async def find_by_staff_thread(*, session: AsyncSession, staff_chat_id: str, thread_id: int) -> Ticket | None:
    query = select(Ticket).where(Ticket.staff_chat_id == staff_chat_id, Ticket.staff_thread_id == thread_id)
    return (await session.exec(query.order_by(Ticket.id.desc()))).first()  # type: ignore[union-attr]


async def find_by_staff_message(*, session: AsyncSession, staff_chat_id: str, message_id: int) -> Ticket | None:
    query = select(Ticket).where(Ticket.staff_chat_id == staff_chat_id, Ticket.staff_message_id == message_id)
    return (await session.exec(query)).first()


async def list_tickets(
    *, session: AsyncSession, status: str | None = None, channel: str | None = None, limit: int = 100
) -> list[Ticket]:
    query = select(Ticket)
    if status:
        query = query.where(Ticket.status == status)
    if channel:
        query = query.where(Ticket.channel == channel)
    return list(await session.exec(query.order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(limit)))  # type: ignore[attr-defined]


async def tickets_of_client(*, session: AsyncSession, client_id: int, open_only: bool = False) -> list[Ticket]:
    """Every ticket of ``client_id``; with ``open_only`` those not closed (asked on every message: 4.13)."""
    query = select(Ticket).where(Ticket.client_id == client_id)
    if open_only:
        query = query.where(col(Ticket.status).in_(OPEN_STATUSES))
    return list(await session.exec(query))
