"""Tickets: creation with a human-friendly number, lookups for the admin API and the staff group."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

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


async def tickets_of_client(*, session: AsyncSession, client_id: int) -> list[Ticket]:
    query = select(Ticket).where(Ticket.client_id == client_id)
    return list(await session.exec(query))
