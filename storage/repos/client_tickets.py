"""The client's own tickets as the client may see them («мои заявки», «статус TP-…»): status, engineer, deadline."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from core.my_requests import ClientTicket
from storage.models import Ticket


async def client_tickets(*, session: AsyncSession, client_id: int) -> tuple[ClientTicket, ...]:
    """Every ticket of ``client_id``, oldest first; nothing of any other client."""
    query = select(Ticket).where(Ticket.client_id == client_id).order_by(Ticket.id)  # type: ignore[arg-type]
    return tuple(
        ClientTicket(
            number=ticket.number or "",
            status=ticket.status,
            engineer=ticket.assignee,
            due_at=ticket.reaction_due_at,
            answered=ticket.first_answer_at is not None,
        )
        for ticket in await session.exec(query)
    )
