"""Work queues kept in tables (inbox, outbox): strictly ordered per queue, leased to one worker."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, exists, literal_column, update
from sqlalchemy.orm import aliased
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import QUEUE_ACTIVE


def active(model: Any) -> ColumnElement[bool]:
    """``model``'s unfinished rows, spelled as the partial indexes of the queues' tables are (literals, not
    parameters): a planner uses such an index only when the query names the very same values."""
    return model.status.in_([literal_column(f"'{status}'") for status in QUEUE_ACTIVE])


@dataclass(frozen=True)
class Heads:
    """Which queues' heads a worker takes: ``model``'s, up to ``limit`` of them, those that match ``first``
    before the others and those that match ``last`` after them, then the oldest first.

    Its statements are built once (``now``, ``until`` and the channels are their parameters): building one
    and computing its cache key cost a third of a millisecond each pass, more than running it.
    """

    model: Any
    limit: int
    first: ColumnElement[bool] | None = None
    last: ColumnElement[bool] | None = None
    skip_locked: bool = False  # several processes share the queues (PostgreSQL)
    count_takeovers: bool = False  # a head taken over from a worker that died counts as an attempt (the inbox)

    @property
    def order(self) -> tuple[ColumnElement[Any], ...]:
        return (
            *(() if self.first is None else (case((self.first, 0), else_=1),)),
            *(() if self.last is None else (case((self.last, 1), else_=0),)),
            self.model.id,
        )

    def _chosen_ids(self) -> Any:
        """The due heads' ids, locked for this transaction; parameters ``now`` and ``channels``.

        A head is an unfinished item with no unfinished item before it in its queue: one look-up in the
        partial index of unfinished items by queue. The inbox orders by id alone, so its heads are read
        in the order of the partial index of unfinished ids, and the reading stops at ``limit`` (the
        inbox has no other index on its status, so that even SQLite, which keeps no statistics, takes
        that plan). Grouping every item by queue, as this did before, cost a pass time in proportion to
        the backlog, just when the service had fallen behind (bench/queues.py).
        """
        model = self.model
        earlier = aliased(model)
        due = (
            active(model),
            model.next_attempt_at <= bindparam("now"),
            model.channel.in_(bindparam("channels", expanding=True)),
            ~exists().where(earlier.queue == model.queue, active(earlier), earlier.id < model.id),
        )
        query = select(model.id).where(*due).order_by(*self.order).limit(self.limit)
        return query.with_for_update(skip_locked=True) if self.skip_locked else query

    @cached_property
    def lease(self) -> Any:
        """The heads set ``leased`` until ``until``, returned with whether their queue has more items after
        them and with the keys of their order."""
        model = self.model
        later = aliased(model)
        updated = model.__table__.name  # spelled out: SQLite's RETURNING drops the table's name from its columns
        queue, item = literal_column(f"{updated}.queue"), literal_column(f"{updated}.id")
        more = exists().where(later.queue == queue, active(later), later.id > item)
        values: dict[str, Any] = {"status": "leased", "next_attempt_at": bindparam("until")}
        if self.count_takeovers:  # still 'leased' when due: its worker died mid-way (SET reads the old row)
            values["attempts"] = case((model.status == "leased", model.attempts + 1), else_=model.attempts)
        return (
            update(model)
            .where(model.id.in_(self._chosen_ids()))
            .values(values)
            .returning(model, more, *self.order)
            .execution_options(synchronize_session=False)  # nothing of the table is loaded in this session
        )


@dataclass(frozen=True)
class Leased:
    """What a pass took, and whether due work may be left behind it."""

    items: list[Any]
    more: bool  # a queue it took from has items after its head, or the pass took as many as it may


async def lease_heads(
    *, session: AsyncSession, heads: Heads, channels: Collection[str], now: datetime, until: datetime
) -> Leased:
    """The oldest unfinished item of each queue whose turn has come, leased to this worker until ``until``
    in one UPDATE … RETURNING, in the order ``heads`` gives.

    Only a queue's head may be worked on, so one chat's items keep their order even while an earlier one
    waits for a retry. A leased item belongs to its worker until its lease ends; if that worker dies, the
    lease runs out and the item is due again (taken over: ``Heads.count_takeovers``). Only items of
    ``channels`` are taken: a process leaves alone what it has no means to handle. The items come back as
    they are stored once leased. Whether more may be due tells the worker to go round at once, where an
    empty pass would otherwise find that out (a transaction of its own, after every message).
    """
    params = {"now": now, "until": until, "channels": list(channels)}
    rows = list(await session.exec(heads.lease, params=params))  # type: ignore[call-overload]
    items = [row[0] for row in sorted(rows, key=lambda row: tuple(row[2:]))]  # RETURNING keeps no order
    return Leased(items, more=len(rows) >= heads.limit or any(row[1] for row in rows))
