"""What one pass of the inbox or the outbox costs to find its work, as a backlog grows.

    .venv/bin/python bench/queues.py [--backlogs 10,200,2000,10000] [--history 50000] [--stores sqlite,postgresql]

A backlog builds up when the service falls behind (a burst, a long outage of a messenger): every
pass of the inbox processor and of the outbox dispatcher then looks for the due head of each chat's
queue. For each store and backlog size this fills a migrated store with ``--history`` finished items
(what a running desk keeps) and a backlog of pending ones, five to a chat, and times the statements a
pass runs: the inbox's lease (a batch of 16, and the single one a pass takes while webhooks come) and
the outbox's lease (a batch of 50, staff cards first), also while none of it is due (a messenger is down
and every item waits for its retry), each rolled back so that every pass sees the same backlog. Prints
the median milliseconds per statement. On PostgreSQL the tables are analysed first, as its autovacuum
would have done on a running desk.

On PostgreSQL it also times the inbox's lease on statistics gathered before the backlog came (autovacuum
analysed the table in a quiet hour), while half the chats' heads are being processed: the planner then takes
unfinished items for all but absent and compares each with every other. That pass is timed once; then the
table is analysed as the service does after a slow pass (``Store.refresh_statistics``) and timed again.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import insert, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.load import DEFAULT_POSTGRES, drop_postgres, fresh_postgres  # noqa: E402
from service.dispatcher import ANNOUNCEMENTS_LAST, CARDS_FIRST  # noqa: E402
from service.dispatcher import BATCH as OUTBOX_BATCH  # noqa: E402
from service.inbox import BATCH as INBOX_BATCH  # noqa: E402
from storage.db import create_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import InboxItem, OutboxItem  # noqa: E402
from storage.repos.queues import Heads, lease_heads  # noqa: E402
from storage.store import Store  # noqa: E402

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
REPEAT = 15
PER_CHAT = 5  # pending items a chat has in the backlog


def rows(count: int, status: str, chats: int, start: int) -> list[dict[str, Any]]:
    return [
        {
            "key": f"telegram:{start + n}",
            "channel": "telegram",
            "queue": f"telegram:{n % chats}",
            "body": {},
            "payload": {"type": "text", "text": "…"},
            "status": status,
            "attempts": 0,
            "next_attempt_at": NOW,
            "created_at": NOW,
        }  # fmt: skip
        for n in range(count)
    ]


async def fill(store: Store, history: int, backlog: int, *, analysed_between: bool = False) -> None:
    """``history`` finished items and ``backlog`` pending ones in both queues' tables; ``analysed_between``:
    the store's statistics gathered after the history, before the backlog."""
    batches = {
        "finished": rows(history, "done", 3000, 0),
        "pending": rows(backlog, "pending", max(backlog // PER_CHAT, 1), history),
    }
    for name, batch in batches.items():
        if name == "pending" and analysed_between:
            await analyze(store)
        async with store.transaction() as session:
            for model, done in ((InboxItem, "done"), (OutboxItem, "sent")):
                table = model.__table__  # type: ignore[attr-defined]
                names = set(table.c.keys())
                params = [{k: v for k, v in row.items() if k in names} | {"status": row["status"].replace("done", done)}
                          for row in batch]  # fmt: skip
                for first in range(0, len(params), 5000):
                    await session.exec(insert(table), params=params[first : first + 5000])  # type: ignore[call-overload]


async def analyze(store: Store) -> None:
    """PostgreSQL's statistics, as its autovacuum gathers them within a minute of such a change on a running
    desk (SQLite keeps none unless asked, and the service does not ask)."""
    if store.shared_by_processes:
        async with store.engine.begin() as connection:
            await connection.execute(text("ANALYZE"))


LEASE_EVERY_OTHER_HEAD = text(
    "UPDATE inboxitem SET status = 'leased', next_attempt_at = :until"
    " WHERE id IN (SELECT min(id) FROM inboxitem WHERE status = 'pending' GROUP BY queue HAVING min(id) % 2 = 0)"
)


async def lease_half_the_heads(store: Store) -> None:
    """Every other chat's head leased (its worker is at it): the next pass must look past them."""
    async with store.transaction() as session:
        await session.exec(LEASE_EVERY_OTHER_HEAD, params={"until": NOW + timedelta(minutes=2)})  # type: ignore[call-overload]


async def median_ms(store: Store, statement: Callable[[Any], Awaitable[object]], repeat: int = REPEAT) -> float:
    """The median time of ``statement`` in a transaction that is rolled back (the backlog stays as it is)."""
    times = []
    for _ in range(repeat):
        async with store._writing_engine.connect() as connection:  # noqa: SLF001 (a transaction that must not commit)
            transaction = await connection.begin()
            began = time.perf_counter()
            await statement(connection)
            times.append(time.perf_counter() - began)
            await transaction.rollback()
    return statistics.median(times) * 1000


async def measure(url: str, history: int, backlog: int) -> dict[str, float]:
    engine = create_engine(url)
    await upgrade(engine)
    store = Store(engine)
    await fill(store, history, backlog)
    await analyze(store)
    shared = store.shared_by_processes
    outbox = Heads(OutboxItem, OUTBOX_BATCH, first=CARDS_FIRST, last=ANNOUNCEMENTS_LAST, skip_locked=shared)

    def inbox_heads(limit: int) -> Callable[[Any], Awaitable[object]]:
        heads = Heads(InboxItem, limit, skip_locked=shared, count_takeovers=True)
        return lambda connection: lease_heads(connection=connection, heads=heads, channels=["telegram"], now=NOW,
                                           until=NOW + timedelta(minutes=2))  # fmt: skip

    result = {
        f"inbox lease ({INBOX_BATCH})": await median_ms(store, inbox_heads(INBOX_BATCH)),
        "inbox lease (1)": await median_ms(store, inbox_heads(1)),
        f"outbox lease ({OUTBOX_BATCH})": await median_ms(store, lambda connection: lease_heads(
            connection=connection, heads=outbox, channels=["telegram"], now=NOW, until=NOW + timedelta(minutes=1))),
        "outbox lease, none due": await median_ms(store, lambda connection: lease_heads(  # during an outage
            connection=connection, heads=outbox, channels=["telegram"], now=NOW - timedelta(minutes=1), until=NOW)),
    }  # fmt: skip
    await engine.dispose()
    return result


async def measure_stale(url: str, history: int, backlog: int) -> dict[str, float]:
    """The inbox's lease (a batch) on statistics from before the backlog, once; then after a refresh."""
    engine = create_engine(url)
    await upgrade(engine)
    store = Store(engine)
    await fill(store, history, backlog, analysed_between=True)
    await lease_half_the_heads(store)
    heads = Heads(InboxItem, INBOX_BATCH, skip_locked=True, count_takeovers=True)

    async def timed(connection: Any) -> object:
        return await lease_heads(connection=connection, heads=heads, channels=["telegram"], now=NOW,
                                 until=NOW + timedelta(minutes=2))  # fmt: skip

    before = await median_ms(store, timed, repeat=1)
    await store.refresh_statistics(InboxItem.__tablename__)  # type: ignore[arg-type]
    result = {"stale statistics: inbox lease": before, "after the refresh": await median_ms(store, timed)}
    await engine.dispose()
    return result


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backlogs", default="10,200,2000,10000")
    parser.add_argument("--history", type=int, default=50_000)
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    args = parser.parse_args()
    backlogs = [int(size) for size in args.backlogs.split(",")]
    table = Table(title=f"One pass's statements, median ms, over {args.history} finished items")
    table.add_column("store")
    table.add_column("backlog", justify="right")
    results: list[tuple[str, int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_KEEP")) as workdir:
        for store in args.stores.split(","):
            for backlog in backlogs:
                if store == "sqlite":
                    url = f"sqlite+aiosqlite:///{workdir}/queues-{backlog}.db"
                    results.append((store, backlog, await measure(url, args.history, backlog)))
                    continue
                timings: dict[str, float] = {}
                for measured in (measure, measure_stale):
                    url = await fresh_postgres(args.postgres_url, f"bench_queues_{os.getpid()}")
                    try:
                        timings |= await measured(url, args.history, backlog)
                    finally:
                        await drop_postgres(args, url)
                results.append((store, backlog, timings))
    names = list(dict.fromkeys(name for _, _, timings in results for name in timings))
    for name in names:
        table.add_column(name, justify="right")
    for store, backlog, timings in results:
        table.add_row(store, str(backlog), *(f"{timings[name]:.2f}" if name in timings else "—" for name in names))
    Console(width=150).print(table)


if __name__ == "__main__":
    asyncio.run(main())
