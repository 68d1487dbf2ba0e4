"""On PostgreSQL a commit that may have made work wakes the other processes at once, not at their next poll."""

from __future__ import annotations

import asyncio

import pytest

from storage.db import create_engine
from storage.notify import listen
from storage.store import Store


async def test_a_commit_in_one_process_wakes_the_listening_ones(postgres_url: str | None) -> None:
    if postgres_url is None:
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's: set TEST_POSTGRES_URL")
    engine = create_engine(postgres_url)
    store = Store(engine)  # another process's store: its own ``committed`` event is not the listener's
    woken, stop = asyncio.Event(), asyncio.Event()
    listener = asyncio.create_task(listen(postgres_url, woken, stop))
    try:
        await asyncio.wait_for(woken.wait(), timeout=10)  # listening: what was committed meanwhile is looked at
        woken.clear()

        async with store.transaction(quiet=True):  # a queue's own bookkeeping
            pass
        await asyncio.sleep(0.5)
        assert not woken.is_set()

        async with store.transaction():
            pass
        await asyncio.wait_for(woken.wait(), timeout=5)
    finally:
        stop.set()
        await asyncio.wait_for(listener, timeout=10)
        await engine.dispose()


async def test_a_listener_that_cannot_connect_keeps_trying_until_stopped() -> None:
    woken, stop = asyncio.Event(), asyncio.Event()
    listener = asyncio.create_task(listen("postgresql+asyncpg://nobody@127.0.0.1:9/none", woken, stop))
    await asyncio.sleep(0.3)
    assert not listener.done() and not woken.is_set()
    stop.set()
    await asyncio.wait_for(listener, timeout=10)
