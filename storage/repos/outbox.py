"""The outbox: messages written with the state change that produced them, delivered in order per chat."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Update, and_, bindparam, func, insert, or_, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxItem

TABLE = OutboxItem.__table__  # type: ignore[attr-defined]
_INSERT = insert(TABLE)
_SENT = (  # built once, for every message sent: see ``_still_leased``
    update(TABLE)
    .where(
        TABLE.c.id == bindparam("item_id"),
        TABLE.c.status == "leased",
        TABLE.c.next_attempt_at == bindparam("leased_until", type_=TABLE.c.next_attempt_at.type),
    )
    .values(
        status="sent",
        sent_at=bindparam("sent", type_=TABLE.c.sent_at.type),
        last_error=None,
        platform_message_id=bindparam("message_id"),
        attempts=TABLE.c.attempts + 1,
    )
)
DEAD = "dead"  # undelivered at the end of the retry horizon: listed, replayable, and no longer blocks its queue


def queue_of(channel: str, chat: str) -> str:
    """The queue of one chat's messages: delivered strictly in order."""
    return f"{channel}:{chat}"


def item_row(
    *, channel: str, chat: str, payload: dict[str, Any], now: datetime, status: str = "pending"
) -> dict[str, Any]:
    """A message to deliver to ``chat`` as the table's columns (``insert_items`` writes many in one statement)."""
    return {
        "channel": channel,
        "queue": queue_of(channel, chat),
        "payload": payload,
        "status": status,
        "next_attempt_at": now,
        "created_at": now,
    }


def enqueue(
    *, session: AsyncSession, channel: str, chat: str, payload: dict[str, Any], now: datetime, status: str = "pending"
) -> OutboxItem:
    """A message added to the session: written by the ORM's flush, in the order added."""
    item = OutboxItem(**item_row(channel=channel, chat=chat, payload=payload, now=now, status=status))
    session.add(item)
    return item


async def insert_items(*, session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Messages (``item_row``) in one INSERT now, in their order (a queue's order is its ids'), without ORM objects.

    Whatever the session holds unflushed is written first: messages enqueued before keep their place.
    """
    if rows:
        if session.new:
            await session.flush()
        await session.exec(_INSERT, params=rows)  # type: ignore[call-overload]


async def find_sent(*, session: AsyncSession, channel: str, message_id: str) -> OutboxItem | None:
    """The item the platform knows as ``message_id``, for its status callbacks."""
    query = select(OutboxItem).where(OutboxItem.channel == channel, OutboxItem.platform_message_id == message_id)
    return (await session.exec(query.with_for_update())).first()


async def sent_to(*, session: AsyncSession, queue: str, message_ids: Collection[str]) -> bool:
    """Whether one of ``message_ids`` is a message we sent to the chat of ``queue`` (a letter replying to it
    proves its sender reads that address)."""
    if not message_ids:
        return False
    query = select(OutboxItem.id).where(
        OutboxItem.platform_message_id.in_(message_ids),  # type: ignore[union-attr]
        OutboxItem.queue == queue,
        OutboxItem.status == "sent",
    )
    return (await session.exec(query.limit(1))).first() is not None


async def queued_since(*, session: AsyncSession, queue: str, since: datetime) -> int:
    """How many messages were queued for the chat of ``queue`` since ``since`` (a mail loop's measure)."""
    query = select(func.count()).where(OutboxItem.queue == queue, OutboxItem.created_at >= since)
    return (await session.exec(query)).one()


async def has_held(*, session: AsyncSession, queue: str) -> bool:
    query = select(OutboxItem.id).where(OutboxItem.queue == queue, OutboxItem.status == "held")
    return (await session.exec(query.limit(1))).first() is not None


async def release_held(*, session: AsyncSession, queue: str, now: datetime) -> int:
    """Held messages of this chat go out again, in their original order (they keep their ids); how many.

    One UPDATE, asked on every WhatsApp message: nothing is loaded to find none are held.
    """
    statement = update(TABLE).where(TABLE.c.queue == queue, TABLE.c.status == "held")
    return (await session.exec(statement.values(status="pending", next_attempt_at=now))).rowcount  # type: ignore[call-overload]


def _still_leased(item_id: int, leased_until: datetime) -> Update:
    """An UPDATE of the item that applies only while it is leased with the deadline its worker claimed.

    If the lease ran out and another worker took the item over, that worker settles it, not this one.
    Core on the table: the ORM's UPDATE machinery cost more CPU than the statement (one per message sent).
    """
    columns = TABLE.c
    return update(TABLE).where(
        columns.id == item_id, columns.status == "leased", columns.next_attempt_at == leased_until
    )


async def _applied(session: AsyncSession, statement: Update) -> bool:
    return (await session.exec(statement)).rowcount == 1  # type: ignore[call-overload]


async def mark_sent(
    *, session: AsyncSession, item_id: int, leased_until: datetime, message_id: str | None, now: datetime
) -> bool:
    """Delivered: one UPDATE, without loading the item back; False when the lease was lost meanwhile."""
    params = {"item_id": item_id, "leased_until": leased_until, "message_id": message_id, "sent": now}
    return (await session.exec(_SENT, params=params)).rowcount == 1  # type: ignore[call-overload]


async def mark_unsent(
    *,
    session: AsyncSession,
    item_id: int,
    leased_until: datetime,
    status: str,
    next_attempt_at: datetime,
    error: str,
    parts_sent: int,
) -> bool:
    """A try that failed: ``pending`` again until ``next_attempt_at``, ``failed`` or ``dead``; only under the lease."""
    values = {
        "status": status,
        "next_attempt_at": next_attempt_at,
        "last_error": error[:500],
        "parts_sent": parts_sent,
        "attempts": TABLE.c.attempts + 1,
    }
    return await _applied(session, _still_leased(item_id, leased_until).values(values))


async def wake(*, session: AsyncSession, channels: Collection[str], now: datetime, unless: str) -> int:
    """Items of ``channels`` waiting for a retry become due now (the messenger answers again); not those
    whose last error contains ``unless`` (the platform said how long to wait)."""
    statement = (
        update(OutboxItem)
        .where(
            OutboxItem.status == "pending",  # type: ignore[arg-type]
            OutboxItem.next_attempt_at > now,  # type: ignore[arg-type]
            OutboxItem.attempts > 0,  # type: ignore[arg-type]
            OutboxItem.channel.in_(list(channels)),  # type: ignore[attr-defined]
            or_(OutboxItem.last_error.is_(None), OutboxItem.last_error.not_like(f"%{unless}%")),  # type: ignore[union-attr]
        )
        .values(next_attempt_at=now)
    )
    return (await session.exec(statement)).rowcount  # type: ignore[call-overload]


async def dead_letters(*, session: AsyncSession, limit: int) -> list[OutboxItem]:
    """Messages still undelivered at the end of their retry horizon, oldest first."""
    query = select(OutboxItem).where(OutboxItem.status == DEAD).order_by(OutboxItem.id).limit(limit)  # type: ignore[arg-type]
    return list(await session.exec(query))


async def replay_dead(*, session: AsyncSession, now: datetime, item_id: int | None = None) -> list[int]:
    """Dead letters (all, or the one ``item_id``) back to their queues for one more delivery; their ids.

    A replayed item is the oldest unfinished one of its queue again, so it goes out before the
    chat's messages still waiting, though after those delivered meanwhile. Its retry horizon starts now.
    """
    condition = OutboxItem.status == DEAD
    if item_id is not None:
        condition = and_(condition, OutboxItem.id == item_id)  # type: ignore[assignment]
    statement = (
        update(OutboxItem)
        .where(condition)  # type: ignore[arg-type]
        .values(status="pending", next_attempt_at=now, replayed_at=now)
        .returning(OutboxItem.id)  # type: ignore[arg-type]
    )
    return sorted((await session.exec(statement)).scalars())  # type: ignore[call-overload]


@dataclass(frozen=True)
class Backlog:
    """What the outbox has not delivered: messages waiting for their messenger, and dead letters."""

    waiting: int = 0
    oldest_waiting: datetime | None = None
    dead: int = 0
    oldest_dead: datetime | None = None


async def backlog(*, session: AsyncSession) -> Backlog:
    """One query on the status index: counts and the oldest creation time of waiting and dead items.

    Held messages (WhatsApp's 24-hour window) wait for the client, not for a messenger: not counted.
    """
    query = (
        select(OutboxItem.status, func.count(), func.min(OutboxItem.created_at))
        .where(OutboxItem.status.in_(("pending", "leased", DEAD)))  # type: ignore[attr-defined]
        .group_by(OutboxItem.status)
    )
    found = {status: (count, oldest) for status, count, oldest in await session.exec(query)}
    dead, oldest_dead = found.pop(DEAD, (0, None))
    oldest = min((oldest for _, oldest in found.values()), default=None)
    return Backlog(sum(count for count, _ in found.values()), oldest, dead, oldest_dead)
