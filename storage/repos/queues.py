"""Work queues kept in tables (inbox, outbox): strictly ordered per queue, leased to one worker."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, case, func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

ACTIVE = ("pending", "leased")

Row = TypeVar("Row", bound=Any)


async def due_heads(
    *,
    session: AsyncSession,
    model: type[Row],
    channels: Collection[str],
    now: datetime,
    limit: int,
    skip_locked: bool,
    first: ColumnElement[bool] | None = None,
    last: ColumnElement[bool] | None = None,
) -> list[Row]:
    """The oldest unfinished item of each queue whose turn has come, locked for this transaction.

    Only a queue's head may be worked on, so one chat's items keep their order even while an
    earlier one waits for a retry. A leased item belongs to its worker until its lease ends; if
    that worker dies, the lease runs out and the item is due again (still 'leased': taken over).
    Only items of ``channels`` are taken: a process leaves alone what it has no means to handle.
    Heads that match ``first`` are taken before the others and those that match ``last`` after
    them, then the oldest first.
    """
    heads = select(func.min(model.id)).where(model.status.in_(ACTIVE)).group_by(model.queue)
    due = (model.id.in_(heads), model.next_attempt_at <= now, model.channel.in_(list(channels)))
    order = (
        *(() if first is None else (case((first, 0), else_=1),)),
        *(() if last is None else (case((last, 1), else_=0),)),
        model.id,
    )
    query = select(model).where(*due).order_by(*order).limit(limit)
    if skip_locked:
        query = query.with_for_update(skip_locked=True)
    return list(await session.exec(query))


def take(items: list[Row], until: datetime) -> None:
    """Lease ``items`` to this worker until ``until``."""
    for item in items:
        item.status, item.next_attempt_at = "leased", until
