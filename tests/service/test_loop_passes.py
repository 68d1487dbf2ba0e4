"""The inbox's loop goes round at once while a chat has messages waiting behind the one it took, and not
otherwise (issue 17): a pass that would find nothing costs a transaction after every message. What a pass
of the inbox or the outbox handled is recorded in the next pass's lease, or on its own when none follows.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select

from service.settings import Settings
from storage.models import InboxItem, OutboxItem
from tests.fakes import FakeClock
from tests.service.test_ack_first import until
from tests.telegram import updates
from tests.telegram.world import TelegramWorld, telegram_world

NEVER = 3600.0  # seconds: a loop that fell back on its poll interval would not come back within the test


async def test_a_chat_s_waiting_messages_are_processed_one_after_another_without_an_empty_pass(
    settings: Settings, clock: FakeClock
) -> None:
    async with telegram_world(settings, clock) as telegram:  # no background: the test runs the inbox's loop
        for text in ("/start", "Здравствуйте", "У нас не работает ключ"):
            assert (await telegram.post(updates.private_message(telegram.next_id(), text=text))).status_code == 200
        inbox, passes = telegram.runtime.inbox, []
        take_a_pass = inbox.process_once

        async def counted(*, settle: bool = True) -> int:
            passes.append(await take_a_pass(settle=settle))
            return passes[-1]

        inbox.process_once = counted  # type: ignore[method-assign]
        stop = asyncio.Event()
        loop = asyncio.create_task(inbox.run_forever(NEVER, stop))
        await until(lambda: len(passes) == 3)
        await asyncio.sleep(0.2)  # time for a fourth pass, were the loop to take one
        stop.set()
        await loop
    assert passes == [1, 1, 1]


@asynccontextmanager
async def inbox_and_outbox_running(telegram: TelegramWorld) -> AsyncIterator[None]:
    """The inbox's and the outbox's loops, woken only by what arrives; stopped when the block ends."""
    stop = asyncio.Event()
    loops = [
        asyncio.create_task(telegram.runtime.inbox.run_forever(NEVER, stop)),
        asyncio.create_task(telegram.runtime.dispatcher.run_forever(NEVER, stop)),
    ]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*loops)


async def until_async(read: Callable[[], Awaitable[Any]], expected: Any) -> None:
    """Wait until ``read()`` gives ``expected`` (the loops record at once, but in a task of their own)."""
    for _ in range(200):
        if await read() == expected:
            return
        await asyncio.sleep(0.01)
    assert await read() == expected


async def statuses(telegram: TelegramWorld) -> tuple[list[str], list[str]]:
    """The inbox's items' statuses and the client's outbox items' statuses, oldest first."""
    async with telegram.runtime.inbox_store.sessions() as session:
        inbox = list(await session.exec(select(InboxItem.status).order_by(InboxItem.id)))  # type: ignore[arg-type]
    async with telegram.runtime.desk.sessions() as session:
        mine = OutboxItem.queue == f"telegram:{updates.CLIENT_ID}"
        outbox = list(await session.exec(select(OutboxItem.status).where(mine).order_by(OutboxItem.id)))  # type: ignore[arg-type]
    return inbox, outbox


@contextmanager
def transactions_begun(engine: AsyncEngine) -> Iterator[list[object]]:
    """The transactions begun on ``engine`` inside the block."""
    begun: list[object] = []
    count = begun.append
    event.listen(engine.sync_engine, "begin", count)
    try:
        yield begun
    finally:
        event.remove(engine.sync_engine, "begin", count)


async def test_what_a_pass_left_unrecorded_is_recorded_in_the_transaction_of_the_next_lease(
    settings: Settings, clock: FakeClock
) -> None:
    async with telegram_world(settings, clock) as telegram:
        runtime = telegram.runtime
        await telegram.post(updates.private_message(telegram.next_id(), text="/start"))
        assert await runtime.inbox.process_once(settle=False) == 1
        assert await runtime.dispatcher.run_once(settle=False) == 1
        assert len(telegram.client_texts()) == 1  # handled and sent, neither recorded yet
        assert await statuses(telegram) == (["leased"], ["leased"])

        with transactions_begun(runtime.inbox_store.engine) as inbox:
            assert await runtime.inbox.process_once() == 0
        with transactions_begun(runtime.desk.db) as outbox:
            assert await runtime.dispatcher.run_once() == 0
        assert await statuses(telegram) == (["done"], ["sent"])
        assert len(inbox) == len(outbox) == 1  # each queue's lease, with the records


async def test_what_a_pass_handled_is_recorded_on_its_own_when_no_pass_follows(
    settings: Settings, clock: FakeClock
) -> None:
    async with telegram_world(settings, clock) as telegram, inbox_and_outbox_running(telegram):
        await telegram.post(updates.private_message(telegram.next_id(), text="/start"))
        await until(lambda: len(telegram.client_texts()) == 1)
        await until_async(lambda: statuses(telegram), (["done"], ["sent"]))
