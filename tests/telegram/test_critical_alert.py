"""Issue 15 (4.10): a critical ticket is announced at once in the general topic to the engineers on duty,
outside working hours only when the desk wants it."""

from __future__ import annotations

import pytest

from core.texts import t
from service.settings import Settings
from tests.fakes import FakeClock
from tests.telegram.staff_group import ON_DUTY, general_texts, mention, moscow, open_critical_ticket
from tests.telegram.world import telegram_world

DUTY_IDS = ",".join(map(str, ON_DUTY))


def alert(number: str, kind: str, deadline: str) -> str:
    text = t("staff.critical_alert", number=number, kind=kind, deadline=deadline)
    return text + "\n" + ", ".join(mention(user_id, "дежурный") for user_id in ON_DUTY)


async def test_a_critical_ticket_is_announced_once_with_the_on_duty_engineers_mentioned(
    settings: Settings, clock: FakeClock
) -> None:
    async with telegram_world(settings, clock, staff_on_duty_ids=DUTY_IDS, staff_lead_ids="999") as world:
        number = await open_critical_ticket(world)
        await world.client_says("Оператор Смирнова")  # the rest of the intake goes on: no second alert
        await world.deliver()

        ticket = await world.ticket(number)
        assert ticket.priority == "critical"
        assert general_texts(world) == [alert(number, t(f"kind.{ticket.kind}"), "26.11.2026 11:00")]
        thread_id = await world.topic_of(number)
        await world.engineer_says("/priority критический", thread_id=thread_id)  # already critical: nothing new
        assert len(general_texts(world)) == 1


@pytest.mark.parametrize("off_hours", [True, False])
async def test_on_a_saturday_evening_the_alert_goes_out_only_when_the_desk_wants_it(
    settings: Settings, clock: FakeClock, off_hours: bool
) -> None:
    clock.now = moscow(28, 20, 0)
    overrides = {"staff_on_duty_ids": DUTY_IDS, "critical_alerts_off_hours": off_hours}
    async with telegram_world(settings, clock, **overrides) as world:
        number = await world.open_ticket()
        await world.engineer_says("/priority критический", thread_id=await world.topic_of(number))

        expected = [alert(number, "Консультация", "30.11.2026 17:00")] if off_hours else []
        assert general_texts(world) == expected
