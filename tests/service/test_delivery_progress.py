"""Resumed parts, outcomes only under the lease, and a messenger used at once when it answers again."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlmodel import select

from bots.base import DeliveryResult
from service.runtime import Runtime
from service.settings import Settings
from storage.models import OutboxItem
from tests.fake_api import Call
from tests.fakes import CollectingSender, FakeClock, inbound
from tests.store.dialogue import DeskChat
from tests.telegram import updates
from tests.telegram.fake_bot_api import method_of
from tests.telegram.world import telegram_world

BAD_GATEWAY = {"ok": False, "error_code": 502, "description": "Bad Gateway"}


async def items(runtime: Runtime) -> list[OutboxItem]:
    async with runtime.desk.sessions() as session:
        return list(await session.exec(select(OutboxItem).order_by(OutboxItem.id)))  # type: ignore[arg-type]


async def test_a_long_reply_resumes_from_the_part_that_failed(settings: Settings, clock: FakeClock) -> None:
    async with telegram_world(settings, clock) as telegram:
        number = await telegram.open_ticket()
        thread_id = await telegram.topic_of(number)
        before = len(telegram.client_texts())
        sends = 0
        answer = telegram.bot_api.respond

        def second_part_refused(call: Call) -> tuple[int, Any]:
            nonlocal sends
            if method_of(call) == "sendMessage" and int(call.data["chat_id"]) == updates.CLIENT_ID:
                sends += 1
                if sends == 2:
                    return 502, BAD_GATEWAY
            return answer(call)

        telegram.bot_api.respond = second_part_refused
        long = ("Проверьте настройки порта и перезапустите службу. " * 200).strip()
        await telegram.engineer_says(long, thread_id=thread_id)
        assert len(telegram.client_texts()) == before + 1  # the first part got through
        [reply] = [item for item in await items(telegram.runtime) if item.status == "pending"]
        assert reply.parts_sent == 1 and reply.last_error == "TelegramServerError"

        clock.advance(minutes=1)
        await telegram.deliver()
        parts = telegram.client_texts()[before:]
        assert sends == len(parts) + 1 == 4  # three parts, one of them refused once: none sent twice
        assert len(set(parts)) == 3 and "Проверьте настройки порта" in parts[0]


class Gate(CollectingSender):
    """The first delivery hangs until ``opened``, then reports ``first`` (delivering if it says sent)."""

    def __init__(self, first: DeliveryResult) -> None:
        super().__init__()
        self.first: DeliveryResult | None = first
        self.called = asyncio.Event()
        self.opened = asyncio.Event()

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        first, self.first = self.first, None
        if first is None:
            return await super().deliver(payload)
        self.called.set()
        await self.opened.wait()
        return await super().deliver(payload) if first.ok else first


async def test_an_outcome_after_the_lease_ran_out_changes_nothing(runtime: Runtime, clock: FakeClock) -> None:
    for late in (DeliveryResult.later("ReadTimeout"), DeliveryResult.sent()):
        gate = Gate(late)
        chat = DeskChat(runtime, sender=f"client-{late.ok}", outbox=gate)
        await runtime.desk.handle(inbound("Здравствуйте", sender=chat.sender))
        slow = asyncio.create_task(runtime.dispatcher.run_once())
        await gate.called.wait()  # this worker's send hangs past its lease
        clock.advance(seconds=61)
        assert await runtime.dispatcher.run_once() == 1  # another worker takes the item over and delivers it
        gate.opened.set()
        await slow  # its late outcome finds the item no longer under its lease: nothing is recorded

        [item] = (await items(runtime))[-1:]
        assert (item.status, item.attempts, item.last_error) == ("sent", 1, None)
        assert await runtime.dispatcher.run_once() == 0
        assert len(gate.sent) == (2 if late.ok else 1)  # a send that hung and still got through is not undone


class Outage(CollectingSender):
    """Refuses with a 502 while ``down``, and ``told`` with a 429 that asks for an hour; delivers otherwise."""

    def __init__(self, told: str) -> None:
        super().__init__()
        self.down = True
        self.told = told

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        if not self.down:
            return await super().deliver(payload)
        if payload["chat"] == self.told:
            return DeliveryResult.later("http 429", retry_after=3600)
        return DeliveryResult.later("http 502")


async def test_when_the_messenger_answers_again_every_waiting_message_goes_at_once(
    runtime: Runtime, clock: FakeClock
) -> None:
    messenger = Outage(told="client-3")
    for n in (1, 2, 3):
        chat = DeskChat(runtime, sender=f"client-{n}", outbox=messenger)
        await runtime.desk.handle(inbound("Здравствуйте", sender=chat.sender))
        await runtime.dispatcher.run_once()
        clock.advance(minutes=2)
    for _ in range(6):  # a few minutes of outage: the backoffs grow to minutes
        await runtime.dispatcher.run_once()
        clock.advance(minutes=1)
    messenger.down = False
    clock.now = min(item.next_attempt_at for item in await items(runtime))  # the first retry is due: it gets through

    await runtime.drain()

    assert sorted(payload["chat"] for payload in messenger.sent) == ["client-1", "client-2"]
    [told] = [item for item in await items(runtime) if item.queue == "console:client-3"]
    assert told.status == "pending" and told.last_error == "http 429 (retry after 3600 s)"  # it waits as asked
