"""The outbox: messages written with the state change that produced them, delivered in order per chat."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxItem


def enqueue(
    *, session: AsyncSession, channel: str, chat: str, payload: dict[str, Any], now: datetime, status: str = "pending"
) -> OutboxItem:
    item = OutboxItem(
        channel=channel, queue=f"{channel}:{chat}", payload=payload, status=status, next_attempt_at=now, created_at=now
    )
    session.add(item)
    return item


async def find_sent(*, session: AsyncSession, channel: str, message_id: str) -> OutboxItem | None:
    """The item the platform knows as ``message_id``, for its status callbacks."""
    query = select(OutboxItem).where(OutboxItem.channel == channel, OutboxItem.platform_message_id == message_id)
    return (await session.exec(query.with_for_update())).first()


async def has_held(*, session: AsyncSession, queue: str) -> bool:
    query = select(OutboxItem.id).where(OutboxItem.queue == queue, OutboxItem.status == "held")
    return (await session.exec(query.limit(1))).first() is not None


async def release_held(*, session: AsyncSession, queue: str, now: datetime) -> int:
    """Held messages of this chat go out again, in their original order (they keep their ids)."""
    held = await session.exec(select(OutboxItem).where(OutboxItem.queue == queue, OutboxItem.status == "held"))
    count = 0
    for item in held:
        item.status, item.next_attempt_at, count = "pending", now, count + 1
    return count


async def mark_sent(*, session: AsyncSession, item_id: int, message_id: str | None, now: datetime) -> None:
    """Delivered: one UPDATE, without loading the item back."""
    statement = (
        update(OutboxItem)
        .where(OutboxItem.id == item_id)  # type: ignore[arg-type]
        .values(
            status="sent",
            sent_at=now,
            last_error=None,
            platform_message_id=message_id,
            attempts=OutboxItem.attempts + 1,
        )
    )
    await session.exec(statement)  # type: ignore[call-overload]
