"""The web desk's register of tickets: filters, text search and pages, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from core.staff import OPEN_STATUSES
from storage.models import Ticket

DEADLINE_STATES = ("overdue", "burning", "on_time")
BURNING_WITHIN = timedelta(hours=2)  # an unanswered ticket this close to its deadline «горит»
SEARCHED_FIELDS = ("organization", "description", "contact_name", "city", "product_name")


@dataclass(frozen=True)
class TicketFilter:
    status: str | None = None
    channel: str | None = None
    kind: str | None = None
    priority: str | None = None
    deadline: str | None = None  # one of DEADLINE_STATES
    engineer: str | None = None
    text: str | None = None


def deadline_state(now: datetime) -> Any:
    """«overdue» (reaction late, or still none past the deadline), «burning» (none yet, deadline within
    BURNING_WITHIN) or «on_time»: one SQL expression, shown in the list and filtered on."""
    unanswered = and_(col(Ticket.first_answer_at).is_(None), col(Ticket.status).in_(OPEN_STATUSES))
    return case(
        (col(Ticket.first_answer_at) > col(Ticket.reaction_due_at), "overdue"),
        (and_(unanswered, col(Ticket.reaction_due_at) < now), "overdue"),
        (and_(unanswered, col(Ticket.reaction_due_at) < now + BURNING_WITHIN), "burning"),
        else_="on_time",
    )


def _spellings(text: str) -> set[str]:
    """SQLite folds the case of ASCII letters only: Cyrillic is matched as typed, lower, Capitalised or UPPER."""
    return {text, text.lower(), text.capitalize(), text.upper()}


def _text_matches(text: str) -> ColumnElement[bool]:
    columns = [col(Ticket.number), *(Ticket.fields[key].as_string() for key in SEARCHED_FIELDS)]  # type: ignore[index]
    return or_(*(column.ilike(f"%{spelling}%") for column in columns for spelling in _spellings(text)))


def _conditions(chosen: TicketFilter, state: Any) -> list[Any]:
    equal = {
        col(Ticket.status): chosen.status,
        col(Ticket.channel): chosen.channel,
        col(Ticket.kind): chosen.kind,
        col(Ticket.priority): chosen.priority,
        col(Ticket.assignee): chosen.engineer,
        state: chosen.deadline,
    }
    conditions = [column == value for column, value in equal.items() if value]
    if chosen.text:
        conditions.append(_text_matches(chosen.text))
    return conditions


async def find_tickets(
    *, session: AsyncSession, chosen: TicketFilter, now: datetime, offset: int, limit: int
) -> tuple[list[tuple[Ticket, str]], int]:
    """One page of the matching tickets with their deadline state, newest first, and how many match in all."""
    state = deadline_state(now)
    conditions = _conditions(chosen, state)
    total = (await session.exec(select(func.count()).select_from(Ticket).where(*conditions))).one()
    query = (
        select(Ticket, state)
        .where(*conditions)
        .order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return [(ticket, found) for ticket, found in await session.exec(query)], total


async def engineers(*, session: AsyncSession) -> list[str]:
    """Names of the engineers tickets were ever assigned to, for the filter's choices."""
    query = select(Ticket.assignee).where(col(Ticket.assignee).is_not(None)).distinct()
    return sorted(name for name in await session.exec(query) if name)


async def deadline_state_of(*, session: AsyncSession, ticket_id: int, now: datetime) -> str:
    """The deadline state of one ticket, by the same rule as the list's."""
    return (await session.exec(select(deadline_state(now)).where(col(Ticket.id) == ticket_id))).one()
