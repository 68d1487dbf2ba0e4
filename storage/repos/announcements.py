"""Release announcements (4.8): one row per id, the subscribers' addresses, and the counts of the copies sent."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Announcement, Client, Identity, OutboxItem

DELIVERED = ("sent",)
FAILED = ("failed", "dead", "skipped")  # settled without reaching the client


async def insert(*, session: AsyncSession, announcement: Announcement) -> bool:
    """Insert unless its id exists; True when this call created it.

    One statement that waits for a concurrent insert of the same id (PostgreSQL) and then finds it taken,
    so two requests with one id never both send.
    """
    insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    values = announcement.model_dump()
    statement = insert(Announcement).values(**values).on_conflict_do_nothing(index_elements=["id"])
    return (await session.exec(statement.returning(Announcement.id))).first() is not None  # type: ignore[call-overload, arg-type]


async def subscribers(*, session: AsyncSession) -> dict[int, list[Identity]]:
    """Each subscribed client still on file, with their identities, most recently active first."""
    query = (
        select(Identity)
        .join(Client, Client.id == Identity.client_id)  # type: ignore[arg-type]
        .where(Client.news_subscribed, Client.anonymized_at.is_(None))  # type: ignore[arg-type, union-attr]
    )
    found: dict[int, list[Identity]] = {}
    for identity in await session.exec(query):
        found.setdefault(identity.client_id, []).append(identity)
    for identities in found.values():
        identities.sort(key=lambda i: (i.last_inbound_at is not None, i.last_inbound_at or i.created_at), reverse=True)
    return found


@dataclass(frozen=True)
class Counts:
    """Where the copies of one announcement are: delivered, failed for good, and still on their way."""

    recipients: int = 0
    delivered: int = 0
    failed: int = 0

    @property
    def waiting(self) -> int:
        return self.recipients - self.delivered - self.failed

    @property
    def done(self) -> bool:
        return self.waiting <= 0


async def counts(*, session: AsyncSession, announcement: Announcement) -> Counts:
    query = (
        select(OutboxItem.status, func.count())
        .where(OutboxItem.announcement_id == announcement.id)
        .group_by(OutboxItem.status)
    )
    by_status = dict((await session.exec(query)).all())
    delivered = sum(by_status.get(status, 0) for status in DELIVERED)
    failed = sum(by_status.get(status, 0) for status in FAILED)
    return Counts(announcement.recipients, delivered, failed)


async def unreported(*, session: AsyncSession, limit: int = 20) -> list[Announcement]:
    """Announcements whose final counts were not reported yet, oldest first."""
    query = select(Announcement).where(Announcement.reported_at.is_(None))  # type: ignore[union-attr]
    return list(await session.exec(query.order_by(Announcement.created_at).limit(limit)))  # type: ignore[arg-type]


async def claim_report(*, session: AsyncSession, announcement_id: str, now: datetime) -> bool:
    """Mark the final counts reported; True for the one process that did it first."""
    statement = (
        update(Announcement)
        .where(Announcement.id == announcement_id, Announcement.reported_at.is_(None))  # type: ignore[arg-type, union-attr]
        .values(reported_at=now)
    )
    return (await session.exec(statement)).rowcount == 1  # type: ignore[call-overload]


def reachable(identities: Collection[Identity], channels: Collection[str]) -> Identity | None:
    """The first identity (most recently active) on a live channel that the client has not blocked."""
    return next((i for i in identities if i.channel in channels and not i.unreachable), None)
