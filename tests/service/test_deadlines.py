"""Issue 15 (4.7): a ticket no engineer reacted to is reminded in its topic before its deadline and escalated to
the leads at it, each exactly once: across restarts, with timer passes racing, and through a Telegram outage."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from core.texts import t
from service.runtime import Runtime
from service.settings import Settings
from tests.fakes import FakeClock
from tests.telegram.staff_group import LEADS, general_texts, mention, moscow, open_tickets, titles
from tests.telegram.world import TelegramWorld, telegram_world

LEAD_IDS = ",".join(map(str, LEADS))
SERVER_ERROR = {"ok": False, "error_code": 502, "description": "Bad Gateway"}


def reminder(number: str) -> str:
    return t("staff.reminder", number=number, left="2 ч", deadline="26.11.2026 11:00")


def escalation(number: str, unanswered: str = "1 д") -> str:
    text = t(
        "staff.escalated",
        number=number,
        priority="обычный",
        kind="Консультация",
        unanswered=unanswered,
        created="25.11.2026 11:00",
    )
    return text + "\n" + ", ".join(mention(lead, "руководитель") for lead in LEADS)


@asynccontextmanager
async def another_process(world: TelegramWorld) -> AsyncIterator[Runtime]:
    """A second runtime on the same store, as a worker beside the web process or after a restart."""
    runtime = await Runtime.start(world.runtime.settings, clock=world.clock, migrate=False)
    try:
        yield runtime
    finally:
        await runtime.close()


async def racing(*runtimes: Runtime) -> int:
    """Timer passes of several processes at the same moment; how many events they claimed together."""
    return sum(await asyncio.gather(*(runtime.deadlines.run_once() for runtime in runtimes)))


async def test_reminder_then_escalation_once_each_across_restarts_and_racing_passes(
    settings: Settings, clock: FakeClock
) -> None:
    async with telegram_world(settings, clock, staff_lead_ids=LEAD_IDS) as world:
        number = await world.open_ticket()  # Wednesday 25.11 11:00: the deadline is Thursday 11:00
        thread_id = await world.topic_of(number)

        clock.now = moscow(26, 8, 59)
        assert await world.runtime.deadlines.run_once() == 0
        clock.now = moscow(26, 9, 0)  # two working hours before the deadline
        async with another_process(world) as worker:
            assert await racing(world.runtime, worker) == 1
        await world.deliver()
        assert world.group_texts(thread_id).count(reminder(number)) == 1
        assert general_texts(world) == []

        clock.now = moscow(26, 10, 59)
        async with another_process(world) as restarted:
            assert await restarted.deadlines.run_once() == 0  # the reminder is not sent again after a restart
            clock.now = moscow(26, 11, 0)
            assert await racing(world.runtime, restarted) == 1
        await world.deliver()
        assert general_texts(world) == [escalation(number)]
        assert titles(world, thread_id) == [
            f"{t('staff.topic.escalated')} · {number} · новая · обычный · ООО «Охрана-Сервис» · журнал событий зависает"
        ]

        clock.now = moscow(30, 12, 0)
        async with another_process(world) as restarted:
            assert await racing(world.runtime, restarted) == 0
        await world.deliver()
        assert general_texts(world) == [escalation(number)]
        assert world.group_texts(thread_id).count(reminder(number)) == 1

        await world.engineer_says("/take", thread_id=thread_id)  # the reaction at last: the mark goes
        assert not titles(world, thread_id)[-1].startswith(t("staff.topic.escalated"))


async def test_a_taken_answered_or_closed_ticket_is_neither_reminded_nor_escalated(
    settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with telegram_world(settings, clock, staff_lead_ids=LEAD_IDS) as world:
        taken, closed, answered = await open_tickets(world, monkeypatch, 3)
        await world.engineer_presses(f"st:take:{taken}", thread_id=await world.topic_of(taken))
        await world.engineer_says("/close", thread_id=await world.topic_of(closed))

        clock.now = moscow(26, 9, 0)
        assert await world.runtime.deadlines.run_once() == 1  # only the unanswered one is reminded
        await world.deliver()
        answered_topic = await world.topic_of(answered)
        assert world.group_texts(answered_topic)[-1] == reminder(answered)
        clock.now = moscow(26, 10, 0)
        await world.engineer_says("Проверьте, пожалуйста, версию драйвера.", thread_id=answered_topic)

        clock.now = moscow(27, 12, 0)  # past every deadline
        assert await world.runtime.deadlines.run_once() == 0
        await world.deliver()
        assert general_texts(world) == []
        for number in (taken, closed):
            assert reminder(number) not in world.group_texts(await world.topic_of(number))
        assert (await world.ticket(answered)).first_answer_at == moscow(26, 10, 0)


async def test_a_telegram_outage_during_the_reminder_only_delays_it(settings: Settings, clock: FakeClock) -> None:
    async with telegram_world(settings, clock) as world:
        number = await world.open_ticket()
        thread_id = await world.topic_of(number)
        world.bot_api.fail("/sendMessage", 502, SERVER_ERROR, times=2)

        clock.now = moscow(26, 9, 0)
        assert await world.runtime.deadlines.run_once() == 1
        await world.deliver()
        assert reminder(number) not in world.group_texts(thread_id)
        for _ in range(2):
            clock.advance(minutes=11)  # past any backoff: the next try is due
            await world.deliver()

        assert len(world.bot_api.calls_to("/sendMessage")) >= 3  # it was tried while Telegram was away
        assert world.group_texts(thread_id).count(reminder(number)) == 1
        assert await world.runtime.deadlines.run_once() == 0
