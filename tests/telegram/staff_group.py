"""What the engineers' group shows besides a ticket's topic: the general topic, the topics' titles; Moscow moments."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.engine.intake_answers import VALID_ANSWERS
from tests.telegram import updates
from tests.telegram.world import TelegramWorld

MOSCOW = ZoneInfo("Europe/Moscow")
LEADS = (424242, 434343)
ON_DUTY = (515151,)


def moscow(day: int, hour: int, minute: int = 0, *, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MOSCOW)


def general_texts(world: TelegramWorld) -> list[str]:
    """What the bot posted in the group's general topic (outside every ticket's topic)."""
    sent = world.bot_api.sent(updates.STAFF_CHAT_ID)
    return [str(call.data.get("text")) for call in sent if "message_thread_id" not in call.data]


def titles(world: TelegramWorld, thread_id: int) -> list[str]:
    """The names the bot gave the topic after creating it, oldest first."""
    edits = world.bot_api.called("editForumTopic")
    return [edit["name"] for edit in edits if int(edit["message_thread_id"]) == thread_id]


def mention(user_id: int, label: str) -> str:
    return f'<a href="tg://user?id={user_id}">{label}</a>'


async def open_critical_ticket(world: TelegramWorld, *, user_id: int = updates.CLIENT_ID) -> str:
    """«Вся СКУД легла»: the critical intake asks only what a call back needs and opens the ticket."""
    await world.client_says("Вся СКУД легла, ничего не работает", user_id=user_id)
    await world.client_presses("consent:yes", user_id=user_id)
    for key in ("contact", "organization", "city"):
        await world.client_says(VALID_ANSWERS[key], user_id=user_id)
    number = (await world.state(user_id))["ticket"]
    assert number, world.client_texts(user_id)[-3:]
    return number


async def open_tickets(
    world: TelegramWorld, monkeypatch: pytest.MonkeyPatch, count: int, *, apart: timedelta = timedelta(0)
) -> list[str]:
    """Tickets of ``count`` different clients (each with a phone of their own), opened ``apart`` from each other."""
    numbers = []
    for n in range(count):
        if n:
            world.clock.advance(seconds=apart.total_seconds())
        monkeypatch.setitem(VALID_ANSWERS, "contact", f"+7 846 555-12-{40 + n}")
        numbers.append(await world.open_ticket(user_id=updates.CLIENT_ID + n))
    return numbers
