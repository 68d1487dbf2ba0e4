"""The inbox's loop goes round at once while a chat has messages waiting behind the one it took, and not
otherwise (issue 17): a pass that would find nothing costs a transaction after every message."""

from __future__ import annotations

import asyncio

from service.settings import Settings
from tests.fakes import FakeClock
from tests.service.test_ack_first import until
from tests.telegram import updates
from tests.telegram.world import telegram_world

NEVER = 3600.0  # seconds: a loop that fell back on its poll interval would not come back within the test


async def test_a_chat_s_waiting_messages_are_processed_one_after_another_without_an_empty_pass(
    settings: Settings, clock: FakeClock
) -> None:
    async with telegram_world(settings, clock) as telegram:  # no background: the test runs the inbox's loop
        for text in ("/start", "Здравствуйте", "У нас не работает ключ"):
            assert (await telegram.post(updates.private_message(telegram.next_id(), text=text))).status_code == 200
        inbox, passes = telegram.runtime.inbox, []
        take_a_pass = inbox.process_once

        async def counted() -> int:
            passes.append(await take_a_pass())
            return passes[-1]

        inbox.process_once = counted  # type: ignore[method-assign]
        stop = asyncio.Event()
        loop = asyncio.create_task(inbox.run_forever(NEVER, stop))
        await until(lambda: len(passes) == 3)
        await asyncio.sleep(0.2)  # time for a fourth pass, were the loop to take one
        stop.set()
        await loop
    assert passes == [1, 1, 1]
