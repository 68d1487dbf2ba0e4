"""The store keeps the dialogue: a restart continues at the same step, a redelivery changes nothing."""

from __future__ import annotations

from sqlmodel import func, select

from core.texts import t
from service.runtime import Runtime
from service.settings import Settings
from storage.models import Message, OutboxItem
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat


async def test_restart_mid_dialogue_continues_at_the_same_step(settings: Settings, clock: FakeClock) -> None:
    first = await Runtime.start(settings, clock=clock)
    chat = DeskChat(first)
    await chat.say("Здравствуйте")
    await chat.press("menu:ticket")
    await chat.press("consent:yes")
    await chat.press("kind:consultation")
    await chat.say("+7 846 555-12-34")
    await first.close()

    second = await Runtime.start(settings, clock=clock)
    try:
        chat = DeskChat(second)
        replies = await chat.say("ООО Ромашка")
        assert t("field.city.prompt") in replies[-1].text
        assert (await chat.state())["answers"]["organization"] == "ООО Ромашка"
    finally:
        await second.close()


async def counts(runtime: Runtime) -> tuple[int, int]:
    async with runtime.desk.sessions() as session:
        outbox = (await session.exec(select(func.count()).select_from(OutboxItem))).one()
        transcript = (await session.exec(select(func.count()).select_from(Message))).one()
    return outbox, transcript


async def test_redelivered_message_has_no_second_effect(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    first = await chat.say("Здравствуйте", platform_id="update-1")
    assert first
    before = await counts(runtime)
    again = await chat.say("Здравствуйте", platform_id="update-1")
    assert again == []
    assert await counts(runtime) == before
