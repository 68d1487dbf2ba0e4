"""Each chat's oldest unfinished item, and only that, is what a pass of the inbox takes, however long the backlog."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from service.inbox import LEASE
from service.runtime import Runtime
from storage.models import InboxItem
from storage.repos import queues
from storage.repos.inbox import insert_new, mark_done
from storage.repos.queues import Heads, Leased, lease_heads

ROOT = Path(__file__).resolve().parents[2]


async def backlog(runtime: Runtime, chats: dict[str, int]) -> None:
    """``count`` items for each chat, in turns (a, b, c, a, b, c…), as messages of several chats arrive."""
    rows = [
        {"key": f"telegram:{chat}-{n}", "channel": "telegram", "queue": f"telegram:{chat}", "body": {"n": n}}
        for n in range(max(chats.values()))
        for chat, count in chats.items()
        if n < count
    ]
    async with runtime.inbox_store.statements() as connection:
        await insert_new(connection=connection, rows=rows, now=runtime.desk.clock())


async def leased(runtime: Runtime, limit: int = 16, *, later: timedelta = timedelta(0)) -> Leased:
    """What a pass of the inbox takes ``later`` from now."""
    now = runtime.desk.clock() + later
    heads = Heads(InboxItem, limit, skip_locked=runtime.inbox_store.shared_by_processes, count_takeovers=True)
    async with runtime.inbox_store.statements() as connection:
        return await lease_heads(connection=connection, heads=heads, channels=["telegram"], now=now, until=now + LEASE)


async def lease(runtime: Runtime, limit: int = 16, *, later: timedelta = timedelta(0)) -> list[tuple[str, int, int]]:
    """What a pass of the inbox takes ``later`` from now: (chat, item number, attempts), in order."""
    items = (await leased(runtime, limit, later=later)).items
    return [(item.queue.removeprefix("telegram:"), item.body["n"], item.attempts) for item in items]


async def test_each_chat_gives_its_oldest_item_oldest_chat_first(runtime: Runtime) -> None:
    await backlog(runtime, {"a": 3, "b": 1, "c": 2})
    assert await lease(runtime, limit=2) == [("a", 0, 0), ("b", 0, 0)]
    assert await lease(runtime) == [("c", 0, 0)]  # a's next item waits while its head is being processed


async def test_a_chat_goes_on_once_its_head_is_done_and_a_dead_worker_s_head_is_taken_over(runtime: Runtime) -> None:
    await backlog(runtime, {"a": 2, "b": 2})
    [(_, _, _), (_, _, _)] = await lease(runtime)
    async with runtime.inbox_store.statements() as connection:
        first = (await connection.execute(select(InboxItem.id).where(InboxItem.key == "telegram:a-0"))).scalar_one()
        await mark_done(connection=connection, ids=[first])
    assert await lease(runtime) == [("a", 1, 0)]
    assert await lease(runtime) == []  # b's head is still leased: its worker may be at it
    assert await lease(runtime, later=LEASE * 2) == [("b", 0, 1), ("a", 1, 1)]  # their worker died: tried again


async def test_a_pass_says_whether_it_left_work_behind_the_heads_it_took(runtime: Runtime) -> None:
    """The loop goes round at once only then: otherwise an empty pass after every message finds nothing."""
    await backlog(runtime, {"a": 1, "b": 1, "c": 1})
    assert (await leased(runtime, limit=2)).more  # as many as it may take: c waits
    assert not (await leased(runtime)).more  # c alone, and nothing after it
    await backlog(runtime, {"d": 2})
    assert (await leased(runtime)).more  # d's second message waits for its first


async def test_on_sqlite_a_pass_reads_the_unfinished_items_in_order_and_stops_at_its_limit(runtime: Runtime) -> None:
    """SQLite keeps no statistics: the plan must be right by itself, or every pass reads and sorts the backlog."""
    if runtime.inbox_store.shared_by_processes:
        return  # PostgreSQL plans from the statistics its autovacuum gathers
    compiled = Heads(InboxItem, 16).lease.compile(runtime.inbox_store.engine.sync_engine)
    params = compiled.construct_params({"now": "2026", "until": "2027", "channels": ["telegram"]})
    sql = compiled.string.replace("__[POSTCOMPILE_channels]", "'telegram'")
    values = tuple(params[name] for name in compiled.positiontup if name != "channels")
    async with runtime.inbox_store.engine.connect() as connection:
        plan = (await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", values)).all()
    steps = " | ".join(row[-1] for row in plan)
    assert "USING INDEX ix_inboxitem_active_id" in steps
    assert "TEMP B-TREE" not in steps


async def planner_rows(runtime: Runtime) -> float | None:
    """How many items the store's statistics say the inbox holds (PostgreSQL), or whether SQLite has any."""
    query = (
        "SELECT reltuples FROM pg_class WHERE relname = 'inboxitem'"
        if runtime.inbox_store.shared_by_processes
        else "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
    )
    async with runtime.inbox_store.engine.connect() as connection:
        return (await connection.execute(text(query))).scalar()


async def test_a_slow_pass_has_the_inbox_s_statistics_gathered_anew_at_most_twice_a_minute(runtime: Runtime) -> None:
    """Planned on statistics from an hour without a backlog, the heads statement compared every unfinished item with
    every other: 2 to 7 seconds a pass for 7,000 items on PostgreSQL (bench/queues.py), where it takes milliseconds
    on statistics that know the backlog. SQLite plans without any, and is never made to keep some."""
    store, now = runtime.inbox_store, runtime.desk.clock()
    heads = Heads(InboxItem, 16, skip_locked=store.shared_by_processes, count_takeovers=True)
    await backlog(runtime, {f"chat{n}": 3 for n in range(40)})
    before = await planner_rows(runtime)

    await queues.lease(store, heads, channels=["telegram"], now=now, until=now + LEASE, slow=0.0)
    first = await planner_rows(runtime)
    await backlog(runtime, {f"more{n}": 2 for n in range(10)})
    await queues.lease(store, heads, channels=["telegram"], now=now, until=now + LEASE, slow=0.0)

    if store.shared_by_processes:
        assert (before, first) != (120, 120)
        assert first == 120
        assert await planner_rows(runtime) == 120  # not again within the half minute
    else:
        assert (before, first, await planner_rows(runtime)) == (0, 0, 0)


LEASE_FIRST_THING = """
import asyncio, sys
from datetime import datetime, timedelta, timezone
from storage.db import create_engine
from storage.migrate import upgrade
from storage.models import InboxItem
from storage.repos.inbox import insert_new
from storage.repos.queues import Heads, lease_heads
from storage.store import Store

async def main() -> None:
    store = Store(create_engine(sys.argv[1]))
    await upgrade(store.engine)
    now = datetime.now(timezone.utc)
    row = {"key": "telegram:1", "channel": "telegram", "queue": "telegram:1", "body": {"n": 7}}
    async with store.statements() as connection:
        await insert_new(connection=connection, rows=[row], now=now)
        leased = await lease_heads(connection=connection, heads=Heads(InboxItem, 16), channels=["telegram"],
                                   now=now + timedelta(seconds=1), until=now + timedelta(minutes=2))
    print([(item.queue, item.body, item.attempts) for item in leased.items])

asyncio.run(main())
"""


def test_a_pass_that_is_the_process_s_first_use_of_the_store_reads_its_items(tmp_path: Path) -> None:
    """A restart with messages left in the inbox leases them before anything else touches the ORM: the items,
    built without a session, must still be readable then."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'first.db'}"
    done = subprocess.run([sys.executable, "-c", LEASE_FIRST_THING, url], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('telegram:1', {'n': 7}, 0)]"


async def test_at_start_on_sqlite_the_leases_of_a_process_that_died_are_taken_back_at_once(runtime: Runtime) -> None:
    """A service killed mid-message and started again answered that chat two minutes later, when the lease ran out.
    On PostgreSQL a lease may be another process's, at work: it is left to run out."""
    await backlog(runtime, {"a": 2, "b": 1})
    assert [chat for chat, _, _ in await lease(runtime)] == ["a", "b"]  # the process that held them dies here
    store, now = runtime.inbox_store, runtime.desk.clock()
    heads = Heads(InboxItem, 16, skip_locked=store.shared_by_processes, count_takeovers=True)

    taken = await queues.take_back(store, heads, channels=["telegram"], now=now)

    if store.shared_by_processes:
        assert taken == 0 and await lease(runtime) == []
    else:
        assert taken == 2 and await lease(runtime) == [("a", 0, 1), ("b", 0, 1)]  # replayed: the desk dedupes


async def test_taking_back_leaves_the_channels_another_process_handles(runtime: Runtime) -> None:
    await backlog(runtime, {"a": 1})
    await lease(runtime)
    store, now = runtime.inbox_store, runtime.desk.clock()
    heads = Heads(InboxItem, 16, skip_locked=store.shared_by_processes, count_takeovers=True)
    assert await queues.take_back(store, heads, channels=["viber"], now=now) == 0
    assert await lease(runtime) == []
