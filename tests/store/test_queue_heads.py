"""Each chat's oldest unfinished item, and only that, is what a pass of the inbox takes, however long the backlog."""

from __future__ import annotations

from datetime import timedelta

from service.runtime import Runtime
from storage.models import InboxItem
from storage.repos.inbox import insert_new, mark_done
from storage.repos.queues import _heads, due_heads, take


async def backlog(runtime: Runtime, chats: dict[str, int]) -> None:
    """``count`` items for each chat, in turns (a, b, c, a, b, c…), as messages of several chats arrive."""
    rows = [
        {"key": f"telegram:{chat}-{n}", "channel": "telegram", "queue": f"telegram:{chat}", "body": {"n": n}}
        for n in range(max(chats.values()))
        for chat, count in chats.items()
        if n < count
    ]
    async with runtime.inbox_store.transaction() as session:
        await insert_new(session=session, rows=rows, now=runtime.desk.clock())


async def heads(runtime: Runtime, limit: int = 16) -> list[tuple[str, int]]:
    async with runtime.inbox_store.transaction() as session:
        items = await due_heads(session=session, model=InboxItem, channels=["telegram"], now=runtime.desk.clock(),
                                limit=limit, skip_locked=runtime.inbox_store.shared_by_processes)  # fmt: skip
        return [(item.queue.removeprefix("telegram:"), item.body["n"]) for item in items]


async def test_each_chat_gives_its_oldest_item_oldest_chat_first(runtime: Runtime) -> None:
    await backlog(runtime, {"a": 3, "b": 1, "c": 2})
    assert await heads(runtime) == [("a", 0), ("b", 0), ("c", 0)]
    assert await heads(runtime, limit=2) == [("a", 0), ("b", 0)]


async def test_a_chat_whose_head_is_being_processed_gives_nothing_until_it_is_done(runtime: Runtime) -> None:
    await backlog(runtime, {"a": 2, "b": 2})
    now = runtime.desk.clock()
    async with runtime.inbox_store.transaction() as session:
        first = await due_heads(session=session, model=InboxItem, channels=["telegram"], now=now, limit=1,
                                skip_locked=runtime.inbox_store.shared_by_processes)  # fmt: skip
        take(first, now + timedelta(minutes=2))
    assert await heads(runtime) == [("b", 0)]  # a's second item waits for its first
    async with runtime.inbox_store.transaction() as session:
        await mark_done(session=session, ids=[first[0].id])
    assert await heads(runtime) == [("b", 0), ("a", 1)]


async def test_on_sqlite_a_pass_reads_the_unfinished_items_in_order_and_stops_at_its_limit(runtime: Runtime) -> None:
    """SQLite keeps no statistics: the plan must be right by itself, or every pass reads and sorts the backlog."""
    if runtime.inbox_store.shared_by_processes:
        return  # PostgreSQL plans from the statistics its autovacuum gathers
    statement = _heads(InboxItem, 16, None, None, False).select
    compiled = statement.compile(runtime.inbox_store.engine.sync_engine)
    async with runtime.inbox_store.engine.connect() as connection:
        sql = compiled.string.replace("__[POSTCOMPILE_channels]", "'telegram'")
        plan = (await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", ("2026", 16, 0))).all()
    steps = " | ".join(row[-1] for row in plan)
    assert "USING INDEX ix_inboxitem_active_id" in steps
    assert "TEMP B-TREE" not in steps
