"""What an engineer does on the web desk is told in the ticket's Telegram topic, so that the engineers there see
the client's answer to a reply they never saw; a close or reopen on the desk closes or reopens the topic."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from core.texts import t
from service.settings import Settings
from tests.fakes import FakeClock
from tests.telegram.world import TelegramWorld, telegram_world
from tests.web.desk_client import LOGIN, act, add_user, log_in


@pytest.fixture
async def telegram(settings: Settings, clock: FakeClock) -> AsyncIterator[TelegramWorld]:
    await add_user(settings)
    async with telegram_world(settings, clock) as world:
        yield world


@pytest.fixture
async def desk(telegram: TelegramWorld) -> AsyncIterator[httpx.AsyncClient]:
    """«anna» logged in on the desk, over https as the service is published (its cookies are Secure)."""
    transport = httpx.ASGITransport(app=telegram.app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="https://support.example.test") as browser:
        assert (await log_in(browser)).status_code == 303
        yield browser


async def test_a_reply_a_note_and_a_close_on_the_desk_are_told_in_the_topic(
    telegram: TelegramWorld, desk: httpx.AsyncClient
) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await act(desk, number, "reply", text="Перезапустите службу <Бастион>.")
    await act(desk, number, "note", text="клиент на старой версии")
    await telegram.deliver()

    topic = telegram.group_texts(thread_id)
    assert t("staff.desk.replied", engineer=LOGIN, text="Перезапустите службу &lt;Бастион&gt;.") in topic
    assert t("staff.desk.noted", engineer=LOGIN, text="клиент на старой версии") in topic
    assert not any("старой версии" in text for text in telegram.client_texts())

    await act(desk, number, "close")
    await telegram.deliver()

    assert telegram.group_texts(thread_id)[-1] == t("staff.desk.closed")
    [closed] = telegram.bot_api.called("closeForumTopic")
    assert int(closed["message_thread_id"]) == thread_id


async def test_what_the_group_does_itself_is_not_told_twice(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await telegram.engineer_says("Перезапустите службу", thread_id=thread_id)

    assert not any(text.startswith("🖥") for text in telegram.group_texts(thread_id))
