"""The outbox: messages written with the state change that produced them, delivered in order per chat."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxItem


def enqueue(*, session: AsyncSession, channel: str, chat: str, payload: dict[str, Any], now: datetime) -> OutboxItem:
    item = OutboxItem(channel=channel, queue=f"{channel}:{chat}", payload=payload, next_attempt_at=now, created_at=now)
    session.add(item)
    return item


async def claim_heads(*, session: AsyncSession, now: datetime, limit: int, skip_locked: bool) -> list[OutboxItem]:
    """The oldest pending item of each queue whose turn has come, locked for this worker.

    Only a queue's head may go out, so one chat's messages keep their order even when an
    earlier one waits for a retry.
    """
    heads = select(func.min(OutboxItem.id)).where(OutboxItem.status == "pending").group_by(OutboxItem.queue)
    query = (
        select(OutboxItem)
        .where(OutboxItem.id.in_(heads), OutboxItem.next_attempt_at <= now)  # type: ignore[union-attr]
        .order_by(OutboxItem.id)
        .limit(limit)
    )
    if skip_locked:
        query = query.with_for_update(skip_locked=True)
    return list(await session.exec(query))


async def pending_count(*, session: AsyncSession) -> int:
    result = await session.exec(select(func.count()).select_from(OutboxItem).where(OutboxItem.status == "pending"))
    return int(result.one())
