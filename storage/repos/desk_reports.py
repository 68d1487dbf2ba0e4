"""The figures of the desk's reports page for one period: grouped and counted in SQL.

Every ticket figure is about the tickets created in the period (``start`` inclusive, ``end`` exclusive, UTC);
FAQ figures are about the presses and questions of the period. Only the reaction times come back as rows,
one per ticket of the period, because working hours (nights, weekends, holidays) cannot be counted in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, cast, func, literal
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import FaqFeedbackRecord, FaqGap, Ticket
from storage.repos.desk_tickets import deadline_state


@dataclass(frozen=True)
class Reaction:
    """One ticket's way to its first answer (None: not answered yet)."""

    number: str
    created_at: datetime
    due_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True)
class Question:
    """One unsettled FAQ question of the period, however phrased, and how often it was asked."""

    text: str
    count: int


def _created_in(start: datetime, end: datetime) -> Any:
    return (col(Ticket.created_at) >= start) & (col(Ticket.created_at) < end)


def _local_day(session: AsyncSession, moment: Any, offset: timedelta) -> Any:
    """The calendar day of ``moment`` (a UTC column) at the desk's UTC ``offset``, in the store's own SQL.

    One offset for the whole period: exact for Moscow, which keeps no summer time.
    """
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        return cast(func.timezone("UTC", moment) + literal(offset), Date)
    return func.date(moment, f"{int(offset.total_seconds()):+d} seconds")  # SQLite keeps times as UTC text


async def tickets_per_day(
    *, session: AsyncSession, start: datetime, end: datetime, offset: timedelta
) -> list[tuple[date, str, int]]:
    """(local day, channel, tickets created) for every pair that has any."""
    day = _local_day(session, col(Ticket.created_at), offset)
    query = (
        select(day, Ticket.channel, func.count())
        .where(_created_in(start, end))
        .group_by(day, col(Ticket.channel))
        .order_by(day, col(Ticket.channel))
    )
    return [(date.fromisoformat(str(on)), channel, count) for on, channel, count in await session.exec(query)]


async def reactions(*, session: AsyncSession, start: datetime, end: datetime) -> list[Reaction]:
    """Creation, deadline and first answer of each ticket of the period (the columns needed, nothing more)."""
    query = (
        select(Ticket.number, Ticket.created_at, Ticket.reaction_due_at, Ticket.first_answer_at)
        .where(_created_in(start, end))
        .order_by(col(Ticket.created_at))
    )
    return [Reaction(*row) for row in await session.exec(query)]


async def missed_deadlines(*, session: AsyncSession, start: datetime, end: datetime, now: datetime) -> list[str]:
    """Numbers of the period's tickets whose reaction deadline was missed, as the register's «просрочена» filter
    counts it (answered late, or still unanswered past the deadline); oldest first."""
    query = (
        select(Ticket.number)
        .where(_created_in(start, end), deadline_state(now) == "overdue")
        .order_by(col(Ticket.created_at))
    )
    return [number for number in await session.exec(query) if number]


async def ratings(*, session: AsyncSession, start: datetime, end: datetime) -> dict[int, int]:
    """Client ratings (1–5) of the period's tickets: rating → how many."""
    query = (
        select(Ticket.rating, func.count())
        .where(_created_in(start, end), col(Ticket.rating).is_not(None))
        .group_by(col(Ticket.rating))
    )
    return {int(rating): count for rating, count in await session.exec(query)}


async def faq_feedback(*, session: AsyncSession, start: datetime, end: datetime) -> dict[bool, int]:
    """Presses after an FAQ answer in the period: True «Помогло», False «не помогло»."""
    moment = col(FaqFeedbackRecord.created_at)
    query = (
        select(FaqFeedbackRecord.helpful, func.count())
        .where(moment >= start, moment < end)
        .group_by(col(FaqFeedbackRecord.helpful))
    )
    return {bool(helpful): count for helpful, count in await session.exec(query)}


async def faq_unanswered(*, session: AsyncSession, start: datetime, end: datetime) -> int:
    """Questions of the period the knowledge base had no confident answer for."""
    moment = col(FaqGap.asked_at)
    query = select(func.count()).where(moment >= start, moment < end, col(FaqGap.entry_id).is_(None))
    return int((await session.exec(query)).one())


async def top_questions(*, session: AsyncSession, start: datetime, end: datetime, limit: int) -> list[Question]:
    """The period's most frequent unsettled questions, grouped by their lemmas (core/gap_key.py) as `faq gaps` is."""
    moment, count = col(FaqGap.asked_at), func.count(FaqGap.id)
    query = (
        select(func.min(FaqGap.text), count)
        .where(moment >= start, moment < end)
        .group_by(col(FaqGap.key))
        .order_by(count.desc(), func.max(FaqGap.asked_at).desc(), col(FaqGap.key))
        .limit(limit)
    )
    return [Question(text, n) for text, n in await session.exec(query)]
