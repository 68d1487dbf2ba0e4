"""Work queues kept in tables (inbox, outbox): strictly ordered per queue, leased to one worker."""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, FromClause, bindparam, case, exists, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import configure_mappers

from storage.models import QUEUE_ACTIVE

if TYPE_CHECKING:
    from storage.store import Store

SLOW_LEASE = 0.25  # seconds: a lease this slow was planned on statistics that no longer hold (Store.refresh_statistics)


def active(table: FromClause) -> ColumnElement[bool]:
    """``table``'s unfinished rows, spelled as the partial indexes of the queues' tables are (literals, not
    parameters): a planner uses such an index only when the query names the very same values."""
    return table.c.status.in_([literal_column(f"'{status}'") for status in QUEUE_ACTIVE])


@dataclass(frozen=True)
class Heads:
    """Which queues' heads a worker takes: ``model``'s, up to ``limit`` of them, those that match ``first``
    before the others and those that match ``last`` after them, then the oldest first.

    Its statements are built once (``now``, ``until`` and the channels are their parameters), in Core on
    the model's table (``first`` and ``last`` too): building one and computing its cache key cost a third
    of a millisecond each pass, and the ORM's UPDATE, which annotates the statement anew each time, about
    0.9 ms of CPU more than this one (a pass of one item on SQLite).
    """

    model: Any
    limit: int
    first: ColumnElement[bool] | None = None
    last: ColumnElement[bool] | None = None
    skip_locked: bool = False  # several processes share the queues (PostgreSQL)
    count_takeovers: bool = False  # a head taken over from a worker that died counts as an attempt (the inbox)

    @property
    def table(self) -> Any:
        return self.model.__table__

    @property
    def order(self) -> tuple[ColumnElement[Any], ...]:
        return (
            *(() if self.first is None else (case((self.first, 0), else_=1),)),
            *(() if self.last is None else (case((self.last, 1), else_=0),)),
            self.table.c.id,
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
        table, earlier = self.table, self.table.alias("earlier")
        due = (
            active(table),
            table.c.next_attempt_at <= bindparam("now"),
            table.c.channel.in_(bindparam("channels", expanding=True)),
            ~exists().where(earlier.c.queue == table.c.queue, active(earlier), earlier.c.id < table.c.id),
        )
        query = select(table.c.id).where(*due).order_by(*self.order).limit(self.limit)
        return query.with_for_update(skip_locked=True) if self.skip_locked else query

    @cached_property
    def lease(self) -> Any:
        """The heads set ``leased`` until ``until``, returned with whether their queue has more items after
        them and with the keys of their order."""
        configure_mappers()  # the items are built without a session: their attributes must be set up already
        table, later = self.table, self.table.alias("later")
        queue, item = literal_column(f"{table.name}.queue"), literal_column(f"{table.name}.id")  # spelled out:
        more = exists().where(later.c.queue == queue, active(later), later.c.id > item)  # SQLite's RETURNING drops it
        values: dict[str, Any] = {"status": "leased", "next_attempt_at": bindparam("until")}
        if self.count_takeovers:  # still 'leased' when due: its worker died mid-way (SET reads the old row)
            values["attempts"] = case((table.c.status == "leased", table.c.attempts + 1), else_=table.c.attempts)
        chosen = table.c.id.in_(self._chosen_ids())
        return update(table).where(chosen).values(values).returning(*table.c, more, *self.order)


@dataclass(frozen=True)
class Leased:
    """What a pass took, and whether due work may be left behind it.

    The items are the model's objects built from the returned columns without validation or an ORM session
    (``model_construct``: about 5 µs, where validating one cost 45): read them, do not change or store them.
    """

    items: list[Any]
    more: bool  # a queue it took from has items after its head, or the pass took as many as it may


async def lease_heads(
    *, connection: AsyncConnection, heads: Heads, channels: Collection[str], now: datetime, until: datetime
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
    rows = list(await connection.execute(heads.lease, params))
    columns = heads.table.c.keys()
    width = len(columns)
    rows.sort(key=lambda row: tuple(row[width + 1 :]))  # RETURNING keeps no order
    items = [heads.model.model_construct(**dict(zip(columns, row[:width], strict=True))) for row in rows]
    return Leased(items, more=len(rows) >= heads.limit or any(row[width] for row in rows))


async def lease(
    store: Store, heads: Heads, *, channels: Collection[str], now: datetime, until: datetime, slow: float = SLOW_LEASE
) -> Leased:
    """``lease_heads`` in a transaction of its own; when it took more than ``slow`` seconds, the table's
    statistics are refreshed for the passes that follow."""
    began = time.perf_counter()
    async with store.statements() as connection:
        leased = await lease_heads(connection=connection, heads=heads, channels=channels, now=now, until=until)
    if time.perf_counter() - began > slow:
        await store.refresh_statistics(heads.table.name)
    return leased


async def take_back(store: Store, heads: Heads, *, channels: Collection[str], now: datetime) -> int:
    """On a store only this process works on (SQLite), the leases of ``channels`` found at its start are those of a
    process that died mid-way: their items are due at once, not when the lease runs out (the inbox's two minutes,
    all that time its chat's later messages waiting behind it). How many; none on a shared store (PostgreSQL),
    where a lease may belong to a process at work."""
    if store.shared_by_processes:
        return 0
    table = heads.table
    statement = (
        update(table)
        .where(table.c.status == "leased", table.c.next_attempt_at > now, table.c.channel.in_(list(channels)))
        .values(next_attempt_at=now)
    )
    async with store.statements() as connection:
        return (await connection.execute(statement)).rowcount
