"""Telegram's refusals: 429 waits as long as Telegram asks, 5xx retries, a blocked bot marks the client unreachable."""

from __future__ import annotations

from sqlmodel import select

from core.texts import t
from storage.models import Identity
from tests.telegram import updates
from tests.telegram.world import TelegramWorld

TOO_MANY = {
    "ok": False,
    "error_code": 429,
    "description": "Too Many Requests: retry after 7",
    "parameters": {"retry_after": 7},
}
BLOCKED = {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}


async def test_429_is_retried_after_the_time_telegram_asked_for(telegram: TelegramWorld) -> None:
    telegram.bot_api.fail("/sendMessage", 429, TOO_MANY)

    await telegram.client_says("/start")
    assert telegram.client_texts() == []  # refused once, not yet due again

    telegram.clock.advance(seconds=6)
    await telegram.deliver()
    assert telegram.client_texts() == []

    telegram.clock.advance(seconds=1)
    await telegram.deliver()
    assert telegram.client_texts() == [t("menu.greeting")]


async def test_server_errors_are_retried(telegram: TelegramWorld) -> None:
    telegram.bot_api.fail("/sendMessage", 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})

    await telegram.client_says("/start")
    telegram.clock.advance(minutes=5)
    await telegram.deliver()

    assert telegram.client_texts() == [t("menu.greeting")]


async def test_a_client_who_blocked_the_bot_is_marked_unreachable(telegram: TelegramWorld) -> None:
    telegram.bot_api.fail("/sendMessage", 403, BLOCKED)

    await telegram.client_says("/start")

    async with telegram.runtime.desk.sessions() as session:
        identity = (await session.exec(select(Identity).where(Identity.chat == str(updates.CLIENT_ID)))).one()
    assert identity.unreachable
    assert len(telegram.bot_api.calls_to("/sendMessage")) == 1  # tried once, not again


async def test_engineers_are_told_in_the_topic_when_the_client_blocked_the_bot(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    telegram.bot_api.fail_in_chat("sendMessage", updates.CLIENT_ID, 403, BLOCKED)

    await telegram.engineer_says("Проверьте версию драйвера.", thread_id=thread_id)

    assert telegram.group_texts(thread_id)[-1] == t("staff.client_unreachable")


async def test_a_flood_limit_in_the_group_delays_the_card(telegram: TelegramWorld) -> None:
    telegram.bot_api.fail_in_chat("sendMessage", updates.STAFF_CHAT_ID, 429, TOO_MANY)

    number = await telegram.open_ticket()
    assert telegram.group_texts() == []

    telegram.clock.advance(seconds=7)
    await telegram.deliver()
    assert number in telegram.group_texts(await telegram.topic_of(number))[0]
