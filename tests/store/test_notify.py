"""On PostgreSQL a commit that may have made work wakes the other processes at once, not at their next poll."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import pytest

from service.inbox import Inbox
from storage.db import create_engine
from storage.migrate import upgrade
from storage.notify import CHANNEL, INBOX_CHANNEL, listen
from storage.store import Store


async def test_a_commit_in_one_process_wakes_the_listening_ones(postgres_url: str | None) -> None:
    if postgres_url is None:
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's: set TEST_POSTGRES_URL")
    engine = create_engine(postgres_url)
    await upgrade(engine)
    store = Store(engine)  # another process's store: its own events are not the listener's
    inbox = Inbox(store, lambda: datetime.now(UTC))  # another process's inbox, keeping a webhook
    work, arrived, stop = asyncio.Event(), asyncio.Event(), asyncio.Event()
    listener = asyncio.create_task(listen(postgres_url, {CHANNEL: work, INBOX_CHANNEL: arrived}, stop))
    try:
        await asyncio.wait_for(asyncio.gather(work.wait(), arrived.wait()), timeout=10)  # what was committed meanwhile
        work.clear()
        arrived.clear()

        async with store.transaction(quiet=True):  # a queue's own bookkeeping
            pass
        await asyncio.sleep(0.5)
        assert not work.is_set() and not arrived.is_set()

        async with store.transaction():  # a step of a conversation: outbox work, none for the inbox
            pass
        await asyncio.wait_for(work.wait(), timeout=5)
        await asyncio.sleep(0.5)
        assert not arrived.is_set()

        await inbox.accept(channel="telegram", platform_id=uuid.uuid4().hex, chat="1", body={})  # new in any store
        await asyncio.wait_for(arrived.wait(), timeout=5)
    finally:
        stop.set()
        await asyncio.wait_for(listener, timeout=10)
        await engine.dispose()


async def test_a_listener_that_cannot_connect_keeps_trying_until_stopped() -> None:
    woken, stop = asyncio.Event(), asyncio.Event()
    listener = asyncio.create_task(listen("postgresql+asyncpg://nobody@127.0.0.1:9/none", {CHANNEL: woken}, stop))
    await asyncio.sleep(0.3)
    assert not listener.done() and not woken.is_set()
    stop.set()
    await asyncio.wait_for(listener, timeout=10)
