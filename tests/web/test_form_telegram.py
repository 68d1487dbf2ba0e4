"""The form as a Telegram Mini App: the «Заполнить форму» button, the signed initData, the ticket in the chat."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from core.texts import t
from service.settings import Settings
from service.web.form_links import TELEGRAM_PATH, FormChat, sign_init_data, telegram_chat
from storage.models import Client, Ticket
from tests.fakes import FakeClock
from tests.telegram import updates
from tests.telegram.fake_bot_api import TOKEN
from tests.telegram.world import TelegramWorld, telegram_world
from tests.web.test_form_link import WISH

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def init_data(now: datetime, *, user_id: int = updates.CLIENT_ID, token: str = TOKEN, **extra: str) -> str:
    user = json.dumps({"id": user_id, "first_name": "Пётр", "last_name": "Иванов"}, ensure_ascii=False)
    fields = {"query_id": "AAE1", "user": user, "auth_date": str(int(now.timestamp())), **extra}
    return sign_init_data(fields, token)


def test_init_data_signed_for_the_bot_names_its_user() -> None:
    assert telegram_chat(init_data(NOW), TOKEN, NOW + timedelta(minutes=5)) == FormChat(
        "telegram", str(updates.CLIENT_ID), "Пётр Иванов"
    )


@pytest.mark.parametrize(
    "signed",
    [
        init_data(NOW).replace("hash=", "hash=0"),  # a hash that is not Telegram's
        init_data(NOW, token="123:another-bot"),  # signed for another bot
        init_data(NOW).replace("AAE1", "AAE2"),  # a field changed after signing
        init_data(NOW).split("&hash=")[0],  # no hash at all
        "garbage",
    ],
)
def test_forged_init_data_is_refused(signed: str) -> None:
    assert telegram_chat(signed, TOKEN, NOW) is None


def test_old_init_data_is_refused() -> None:
    assert telegram_chat(init_data(NOW), TOKEN, NOW + timedelta(hours=1, seconds=1)) is None


@pytest.fixture
async def telegram(settings: Settings, clock: FakeClock) -> AsyncIterator[TelegramWorld]:
    async with telegram_world(settings, clock) as world:
        yield world


def last_buttons(telegram: TelegramWorld) -> list[dict[str, Any]]:
    markup = telegram.bot_api.sent(updates.CLIENT_ID)[-1].data["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return [button for row in markup["inline_keyboard"] for button in row]


async def test_the_mini_app_opens_a_ticket_confirmed_in_the_chat(telegram: TelegramWorld, clock: FakeClock) -> None:
    await telegram.client_says("Здравствуйте")
    await telegram.client_presses("menu:ticket")
    button = last_buttons(telegram)[-1]
    assert button["text"] == t("webform.offer_button")
    assert button["web_app"]["url"] == "https://support.example.test" + TELEGRAM_PATH

    page = await telegram.http.get(TELEGRAM_PATH)
    assert page.status_code == 200 and "tgWebAppData" in page.text  # the script posts Telegram's initData back
    signed = init_data(clock())
    opened = await telegram.http.post(TELEGRAM_PATH, data={"init_data": signed, "kind": "wish"})
    assert opened.status_code == 200 and 'value="Пётр Иванов"' in opened.text  # the profile's name offered
    assert signed.replace("&", "&amp;") in opened.text  # carried on to the submit

    sent = await telegram.http.post(TELEGRAM_PATH, data={**WISH, "consent": "yes", "init_data": signed})
    assert sent.status_code == 200 and t("webform.sent") in sent.text
    await telegram.deliver()
    ticket = await ticket_of(telegram)
    assert ticket.channel == "telegram" and ticket.chat == str(updates.CLIENT_ID)
    assert t("ticket.opened", number=ticket.number, priority="", deadline="")[:30] in telegram.client_texts()[-1]


async def ticket_of(telegram: TelegramWorld) -> Ticket:
    number = (await telegram.state())["ticket"]
    assert number is not None
    return await telegram.ticket(number)


async def test_forged_or_stale_init_data_shows_a_refusal_and_stores_nothing(
    telegram: TelegramWorld, clock: FakeClock
) -> None:
    for signed in (init_data(clock(), token="123:another-bot"), init_data(clock() - timedelta(hours=2)), ""):
        refused = await telegram.http.post(TELEGRAM_PATH, data={**WISH, "consent": "yes", "init_data": signed})
        assert refused.status_code == 403 and t("webform.telegram_forged") in refused.text
    async with telegram.runtime.desk.sessions() as session:
        assert list(await session.exec(select(Ticket))) == []
        assert list(await session.exec(select(Client))) == []
