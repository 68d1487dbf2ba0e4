"""The outbox delivers every message once, in order per chat, through failures of the messenger."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from sqlmodel import select

from bots.base import DeliveryResult
from service.runtime import Runtime
from storage.models import Identity, OutboxItem
from tests.fakes import FakeClock, inbound
from tests.store.dialogue import DeskChat


class ScriptedSender:
    """Answers with the scripted results first, then delivers; records what got through."""

    def __init__(self, *script: DeliveryResult, hang: asyncio.Event | None = None) -> None:
        self.script = deque(script)
        self.delivered: list[str] = []
        self.hang = hang
        self.called = asyncio.Event()

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        self.called.set()
        if self.hang is not None:
            await self.hang.wait()
        if self.script:
            return self.script.popleft()
        self.delivered.append(payload["text"])
        return DeliveryResult.sent()


async def statuses(runtime: Runtime) -> list[str]:
    async with runtime.desk.sessions() as session:
        return [item.status for item in await session.exec(select(OutboxItem).order_by(OutboxItem.id))]


async def queue_two_messages(runtime: Runtime, chat: DeskChat) -> None:
    await runtime.desk.handle(inbound("Здравствуйте", sender=chat.sender))
    await runtime.desk.handle(inbound("сколько стоит поддержка?", sender=chat.sender))


async def test_a_failing_message_holds_back_the_next_one_of_the_same_chat(runtime: Runtime, clock: FakeClock) -> None:
    sender = ScriptedSender(DeliveryResult.later("HTTP 500"), DeliveryResult.later("HTTP 502"))
    chat = DeskChat(runtime, outbox=sender)  # type: ignore[arg-type]
    await queue_two_messages(runtime, chat)
    await runtime.dispatcher.run_once()
    assert sender.delivered == []
    clock.advance(seconds=10)
    await runtime.dispatcher.run_once()
    clock.advance(seconds=10)
    while await runtime.dispatcher.run_once():
        pass
    assert len(sender.delivered) == 2
    assert sender.delivered[0].startswith("Здравствуйте")
    assert "бесплатн" in sender.delivered[1]


async def test_retry_after_is_honoured(runtime: Runtime, clock: FakeClock) -> None:
    sender = ScriptedSender(DeliveryResult.later("429", retry_after=30))
    chat = DeskChat(runtime, outbox=sender)  # type: ignore[arg-type]
    await runtime.desk.handle(inbound(sender=chat.sender, text="Здравствуйте"))
    await runtime.dispatcher.run_once()
    clock.advance(seconds=29)
    assert await runtime.dispatcher.run_once() == 0
    clock.advance(seconds=2)
    assert await runtime.dispatcher.run_once() == 1
    assert len(sender.delivered) == 1


async def test_failures_are_retried_for_the_horizon_then_the_item_is_a_dead_letter(
    runtime: Runtime, clock: FakeClock
) -> None:
    sender = ScriptedSender(*[DeliveryResult.later("HTTP 500")] * 1000)
    chat = DeskChat(runtime, outbox=sender)  # type: ignore[arg-type]
    await runtime.desk.handle(inbound(sender=chat.sender, text="Здравствуйте"))
    tries = 0
    while await statuses(runtime) != ["dead"]:
        tries += await runtime.dispatcher.run_once()
        clock.advance(minutes=10)  # the longest backoff
    assert runtime.settings.retry_horizon_hours == 24
    assert tries >= 24 * 6  # tried all along the horizon, every 5 to 10 minutes once the backoff is at its cap
    assert not sender.delivered

    blocked = ScriptedSender(DeliveryResult.failed("Forbidden: bot was blocked by the user", unreachable=True))
    other = DeskChat(runtime, sender="client-2", outbox=blocked)  # type: ignore[arg-type]
    await runtime.desk.handle(inbound(sender=other.sender, text="Здравствуйте"))
    await runtime.dispatcher.run_once()
    async with runtime.desk.sessions() as session:
        identity = (await session.exec(select(Identity).where(Identity.sender == "client-2"))).one()
    assert identity.unreachable
    assert (await statuses(runtime))[-1] == "failed"  # a permanent refusal ends the item at once


async def test_dispatcher_killed_mid_batch_loses_nothing(runtime: Runtime, clock: FakeClock) -> None:
    stuck = asyncio.Event()
    sender = ScriptedSender(hang=stuck)
    chat = DeskChat(runtime, outbox=sender)  # type: ignore[arg-type]
    await queue_two_messages(runtime, chat)
    killed = asyncio.create_task(runtime.dispatcher.run_once())
    await sender.called.wait()  # the head is leased and being sent
    killed.cancel()
    await asyncio.gather(killed, return_exceptions=True)
    assert sender.delivered == []
    assert "leased" in await statuses(runtime)

    stuck.set()
    assert await runtime.dispatcher.run_once() == 0  # the lease of the killed dispatcher still holds
    clock.advance(seconds=61)
    while await runtime.dispatcher.run_once():
        pass
    assert len(sender.delivered) == 2
    assert await statuses(runtime) == ["sent", "sent"]
