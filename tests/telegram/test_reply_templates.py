"""Issue 15, item 7: an engineer answers with a reply template (``/t NAME`` in the ticket's topic).

A Viber client and the engineers' Telegram group in one service, each against its fake platform API.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bots.reply_templates import shipped_templates
from core.texts import t
from service.settings import Settings
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import CollectingSender, FakeClock
from tests.telegram import updates
from tests.telegram.world import TelegramWorld, telegram_world
from tests.viber.world import ViberWorld, fake_viber_api, viber_settings


@dataclass
class Desk:
    group: TelegramWorld
    client: ViberWorld
    number: str
    thread_id: int

    async def engineer_types(self, text: str) -> None:
        await self.group.engineer_says(text, thread_id=self.thread_id)

    def topic(self) -> list[str]:
        return self.group.group_texts(self.thread_id)


@pytest.fixture
async def desk(settings: Settings, clock: FakeClock) -> AsyncIterator[Desk]:
    """A Viber client's ticket («Смирнова Анна» in the intake) with its topic in the engineers' group."""
    viber_api = fake_viber_api()
    await viber_api.start()
    try:
        async with telegram_world(viber_settings(settings, viber_api), clock) as group:
            client = ViberWorld("viber", group.app, group.http, viber_api, clock, CollectingSender())
            number = await client.open_ticket()
            await group.deliver()
            yield Desk(group, client, number, await group.topic_of(number))
    finally:
        await viber_api.stop()


async def test_a_template_reaches_the_viber_client_with_the_ticket_and_first_name(desk: Desk) -> None:
    assert VALID_ANSWERS["contact_name"] == "Смирнова Анна"
    before = len(desk.client.texts())

    await desk.engineer_types("/t key")

    [answer] = desk.client.texts()[before:]
    assert answer.startswith(f"Здравствуйте, Анна! По заявке {desk.number} о ключе защиты")
    assert "п. 6.3" in answer and "{" not in answer and "}" not in answer
    [sent] = desk.client.sent()[before:]
    assert sent["sender"]["name"].startswith("Алексей")  # the engineer's answer, as a typed reply is
    assert desk.topic()[-1].startswith(t("templates.sent", name="key", text="").rstrip())


async def test_a_redelivered_template_command_sends_nothing_twice(desk: Desk) -> None:
    update = updates.group_message(desk.group.next_id(), thread_id=desk.thread_id, text="/t ключ")
    before = len(desk.client.texts())

    for _ in range(2):
        await desk.group.send(update)

    assert len(desk.client.texts()) == before + 1
    assert "о ключе защиты" in desk.client.texts()[-1]


async def test_t_alone_lists_the_templates_in_the_topic_and_sends_nothing(desk: Desk) -> None:
    before = len(desk.client.texts())

    await desk.engineer_types("/t")

    listing = desk.topic()[-1]
    assert listing.startswith("Шаблоны ответов")
    for template in shipped_templates().templates:
        assert f"{template.name} — {template.title}" in listing
    assert len(desk.client.texts()) == before


async def test_an_unknown_name_is_answered_with_the_closest_names_and_the_list(desk: Desk) -> None:
    before = len(desk.client.texts())

    await desk.engineer_types("/t kye")

    answer = desk.topic()[-1]
    assert answer.startswith("Шаблона «kye» нет. Может быть, key?")
    assert "closed — Заявка решена" in answer
    assert len(desk.client.texts()) == before
