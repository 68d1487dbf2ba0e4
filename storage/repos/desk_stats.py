"""Totals of the desk's work for the metrics (``GET /metrics``): aggregate queries only, no row is loaded.

Read from the store at each scrape, so the numbers are the same whichever process serves them and
survive restarts. The totals only grow while rows are kept: tickets, FAQ feedback and gaps are never
deleted (a withdrawal of consent scrubs a ticket, it does not drop it), and the outbox's retention
empties payloads but keeps the rows. Every label value comes from a fixed set the code writes
(channel, kind, priority, status): none carries a client's data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import FaqFeedbackRecord, FaqGap, OutboxItem, Ticket
from storage.repos.outbox import DEAD

WAITING = ("pending", "leased")  # as /healthz counts them: held messages wait for the client, not a messenger


@dataclass(frozen=True)
class ReactionTimes:
    """First engineer's answers of one priority: how many, their total seconds, and how many within each bound."""

    priority: str
    count: int
    total_seconds: float
    within: tuple[int, ...]  # cumulative, one per bound


@dataclass(frozen=True)
class OutboxDepth:
    channel: str
    waiting: int
    oldest_waiting: datetime | None
    dead: int


async def tickets_opened(*, session: AsyncSession) -> list[tuple[str, str, str, int]]:
    """(channel, kind, priority, tickets) for every combination that has any."""
    query = select(Ticket.channel, Ticket.kind, Ticket.priority, func.count()).group_by(
        col(Ticket.channel), col(Ticket.kind), col(Ticket.priority)
    )
    return [(channel, kind, priority, count) for channel, kind, priority, count in await session.exec(query)]


def _seconds_between(session: AsyncSession, earlier: Any, later: Any) -> Any:
    """``later - earlier`` in seconds, in the store's own SQL (SQLite keeps times as text)."""
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        return func.extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


async def reaction_times(*, session: AsyncSession, bounds: Sequence[float]) -> list[ReactionTimes]:
    """From creation to the engineers' first answer, per priority, bucketed by ``bounds`` (seconds) in SQL."""
    seconds = _seconds_between(session, col(Ticket.created_at), col(Ticket.first_answer_at))
    within = [func.sum(case((seconds <= bound, 1), else_=0)) for bound in bounds]
    query = (
        select(Ticket.priority, func.count(), func.sum(seconds), *within)
        .where(col(Ticket.first_answer_at).is_not(None))
        .group_by(col(Ticket.priority))
    )
    return [
        ReactionTimes(priority, count, float(total or 0), tuple(int(n or 0) for n in buckets))
        for priority, count, total, *buckets in await session.exec(query)
    ]


async def deadlines_missed(*, session: AsyncSession, now: datetime) -> list[tuple[str, int]]:
    """(priority, tickets) whose reaction deadline (4.7) passed before an engineer's answer.

    Unanswered: missed once the deadline is past, unless the ticket was closed before it. Once missed, a
    ticket stays missed, so the total only grows.
    """
    due, answered, closed = col(Ticket.reaction_due_at), col(Ticket.first_answer_at), col(Ticket.closed_at)
    unanswered_late = and_(answered.is_(None), or_(and_(closed.is_(None), due < now), closed > due))
    query = (
        select(Ticket.priority, func.count()).where(or_(answered > due, unanswered_late)).group_by(col(Ticket.priority))
    )
    return [(priority, count) for priority, count in await session.exec(query)]


async def outbox_depth(*, session: AsyncSession) -> list[OutboxDepth]:
    """Per channel: messages waiting for their messenger, the oldest one's creation, and dead letters."""
    query = (
        select(OutboxItem.channel, OutboxItem.status, func.count(), func.min(OutboxItem.created_at))
        .where(col(OutboxItem.status).in_((*WAITING, DEAD)))
        .group_by(col(OutboxItem.channel), col(OutboxItem.status))
    )
    found: dict[str, dict[str, tuple[int, datetime | None]]] = {}
    for channel, status, count, oldest in await session.exec(query):
        found.setdefault(channel, {})[status] = (count, oldest)
    depths = []
    for channel, by_status in sorted(found.items()):
        waiting = [by_status[status] for status in WAITING if status in by_status]
        oldest = min((since for _, since in waiting if since is not None), default=None)
        dead = by_status.get(DEAD, (0, None))[0]
        depths.append(OutboxDepth(channel, sum(count for count, _ in waiting), oldest, dead))
    return depths


async def faq_feedback(*, session: AsyncSession) -> dict[bool, int]:
    """Presses after an FAQ answer: True «Помогло», False «Оформить заявку» (it did not help)."""
    query = select(FaqFeedbackRecord.helpful, func.count()).group_by(col(FaqFeedbackRecord.helpful))
    return {bool(helpful): count for helpful, count in await session.exec(query)}


async def faq_unanswered(*, session: AsyncSession) -> int:
    """Clients' questions the knowledge base had no confident answer for (kept for `faq gaps`)."""
    query = select(func.count()).select_from(FaqGap).where(col(FaqGap.entry_id).is_(None))
    return int((await session.exec(query)).one())
