"""The intake form in Chromium: a Viber client opens the bot's link, makes a mistake, corrects it, and gets the
ticket's confirmation in Viber; the same link then refuses a second ticket."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from itertools import count
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.async_api import Page, expect
from pydantic import SecretStr

from core.messages import Inbound
from core.texts import t
from core.validators import InvalidAnswer, phone_or_email
from storage.repos.conversations import find_conversation
from tests.browser.conftest import LiveServer, Shoot
from tests.fake_api import FakeApi
from tests.viber.world import CLIENT, TOKEN, fake_viber_api

PUBLIC = "https://support.example.test"  # the form is offered over https only; the browser opens the path locally
LINK = re.compile(re.escape(PUBLIC) + r"(/form/[\w-]+)")
WRONG_PHONE = "8 846 12"


@pytest.fixture
async def viber_api() -> AsyncIterator[FakeApi]:
    api = fake_viber_api()
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
def server_overrides(viber_api: FakeApi) -> dict[str, Any]:
    return {
        "viber_auth_token": SecretStr(TOKEN),
        "viber_api_base": viber_api.base_url + "/pa",
        "public_base_url": PUBLIC,
    }


def viber_texts(api: FakeApi) -> list[str]:
    return [c.data["text"] for c in api.calls_to("/send_message") if c.data.get("receiver") == CLIENT]


async def client_starts_a_ticket(server: LiveServer, api: FakeApi) -> str:
    """The client says hello, asks for a ticket and agrees: the kind question carries the form's link."""
    ids = count(1)
    for text, choice in (("Здравствуйте", None), (None, "menu:ticket"), (None, "consent:yes")):
        inbound = Inbound("viber", CLIENT, CLIENT, f"viber-{next(ids)}", text=text, choice=choice)
        await server.runtime.desk.handle(inbound)
    await server.deliver()
    found = LINK.search(viber_texts(api)[-1])
    assert found, viber_texts(api)[-1]
    return found[1]


async def test_a_client_fills_the_form_corrects_a_mistake_and_gets_the_ticket_in_viber(
    live_server: LiveServer, viber_api: FakeApi, browser_page: Page, shoot: Shoot
) -> None:
    path = await client_starts_a_ticket(live_server, viber_api)
    page = browser_page
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.goto(path)
    await page.get_by_label(t("kind.wish")).check()  # the page's script asks for the kind's questions at once
    await expect(page.locator("#input-description")).to_be_visible()

    await page.locator("#input-contact").fill(WRONG_PHONE)
    for key, value in (("organization", "ООО «Охрана-Сервис»"), ("city", "Самара"), ("contact_name", "Смирнова Анна"),
                       ("product_name", "АПК «Бастион-3»"), ("expected", "отчёт по сменам в Excel"),
                       ("description", "хотим выгружать журнал в Excel")):  # fmt: skip
        await page.locator(f"#input-{key}").fill(value)
    await shoot(page, "form")
    await page.get_by_role("button", name=t("webform.submit")).click()

    with pytest.raises(InvalidAnswer) as refusal:
        phone_or_email(WRONG_PHONE)
    await expect(page.locator("#field-contact .error")).to_have_text(t(refusal.value.reason, **refusal.value.values))
    await expect(page.locator("#input-city")).to_have_value("Самара")  # what was typed stays
    await shoot(page, "form-error")

    await page.locator("#input-contact").fill("+7 846 555-12-34")
    await page.get_by_role("button", name=t("webform.submit")).click()
    await expect(page.get_by_role("status")).to_have_text(t("webform.sent"))
    await live_server.deliver()
    async with live_server.runtime.desk.sessions() as session:
        conversation = await find_conversation(session=session, channel="viber", chat=CLIENT)
    assert conversation is not None and conversation.state["ticket"]
    opened = t("ticket.opened", number=conversation.state["ticket"], priority="", deadline="")
    assert opened[:30] in viber_texts(viber_api)[-1]  # the confirmation reached the client in Viber
    await shoot(page, "form-sent")

    await page.goto(path)  # the link was used: no second ticket from it
    await expect(page.get_by_role("alert")).to_have_text(t("webform.link_used"))


async def test_a_forged_link_or_forged_telegram_data_shows_a_refusal(
    live_server: LiveServer, viber_api: FakeApi, browser_page: Page, shoot: Shoot
) -> None:
    await browser_page.goto("/form/" + "A" * 32)
    await expect(browser_page.get_by_role("alert")).to_have_text(t("webform.link_forged"))
    forged = urlencode({"tgWebAppData": "user=%7B%22id%22%3A1%7D&auth_date=1&hash=00"})
    await browser_page.goto(f"/form/tg#{forged}")  # as Telegram opens a Mini App: the page posts the data back
    await expect(browser_page.get_by_role("alert")).to_have_text(t("webform.telegram_forged"))
    await shoot(browser_page, "form-refused")
