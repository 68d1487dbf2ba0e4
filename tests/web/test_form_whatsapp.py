"""A WhatsApp client gets the form as a link in the text (no Mini Apps there); the ticket is confirmed in WhatsApp.

In the quick start (http://localhost) the form is not offered at all: Telegram opens Mini Apps over https only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from core.texts import t
from service.settings import Settings
from tests.fakes import FakeClock
from tests.telegram.world import telegram_world
from tests.web.test_form_link import LINK, WISH
from tests.web.test_form_telegram import last_buttons
from tests.whatsapp.world import CLIENT, WhatsAppWorld, whatsapp_world


@pytest.fixture
async def whatsapp(settings: Settings, clock: FakeClock) -> AsyncIterator[WhatsAppWorld]:
    async with whatsapp_world(settings, clock) as world:
        yield world


async def test_the_link_in_whatsapp_opens_a_ticket_confirmed_in_whatsapp(whatsapp: WhatsAppWorld) -> None:
    for text in ("Здравствуйте", "Оформить заявку", "1"):  # typed the WhatsApp way: «1» is «Согласен»
        await whatsapp.client_says(text)
    found = LINK.search(whatsapp.bodies()[-1])
    assert found, whatsapp.bodies()[-1]
    sent = await whatsapp.http.post(found[1], data=WISH)
    assert sent.status_code == 200
    await whatsapp.deliver()
    number = (await whatsapp.state(CLIENT))["ticket"]
    assert number and t("ticket.opened", number=number, priority="", deadline="")[:30] in whatsapp.bodies()[-1]
    assert (await whatsapp.ticket(number)).channel == "whatsapp"


async def test_over_plain_http_only_the_chat_intake_is_offered(settings: Settings, clock: FakeClock) -> None:
    async with telegram_world(settings, clock, public_base_url="http://localhost:8000") as telegram:
        await telegram.client_says("Здравствуйте")
        await telegram.client_presses("menu:ticket")
        await telegram.client_presses("consent:yes")
        titles = [button["text"] for button in last_buttons(telegram)]
        assert t("kind.problem") in titles and t("webform.offer_button") not in titles
        assert "/form/" not in telegram.client_texts()[-1]
