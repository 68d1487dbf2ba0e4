"""Regulation 4.13 end to end: a client with a ticket opened in Telegram who proved their phone there (their own
contact) writes from WhatsApp (whose WaId is the same phone) about the same problem. Asked once; «да» puts the
message on the same ticket and its topic, with the channel shown, and the engineer's answer reaches WhatsApp;
«нет» starts a new intake. A stranger who merely types that phone is asked nothing and sees nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from pydantic import SecretStr

from core.texts import t
from service.settings import Settings
from storage.models import Ticket
from tests.fakes import FakeClock, FakeFaq, inbound
from tests.telegram import updates
from tests.telegram.world import TelegramWorld, telegram_world
from tests.whatsapp.world import ACCOUNT_SID, AUTH_TOKEN, BUSINESS, CLIENT, WhatsAppWorld, fake_twilio_api

AUTH = {"Authorization": "Bearer test-admin-token"}
SAME_PROBLEM = "Журнал событий опять зависает, второй день"  # the Telegram ticket: «журнал событий зависает»


@dataclass
class Desk:
    """Telegram (client chat and engineers' group) and WhatsApp on one service."""

    telegram: TelegramWorld
    whatsapp: WhatsAppWorld

    async def open_in_telegram(self) -> str:
        number = await self.telegram.open_ticket()
        own = {"phone_number": CLIENT, "first_name": "Пётр", "user_id": updates.CLIENT_ID}
        await self.telegram.client_says(contact=own)  # Telegram vouches for the phone: it is theirs
        return number

    async def in_whatsapp(self, text: str, chat: str = CLIENT) -> str:
        before = len(self.whatsapp.bodies(chat))
        await self.whatsapp.client_says(text, chat)
        return "\n".join(self.whatsapp.bodies(chat)[before:])

    async def tickets(self) -> list[Ticket]:
        return await self.whatsapp.rows(Ticket)

    async def transcript(self, number: str) -> list[dict[str, Any]]:
        response = await self.telegram.http.get(f"/api/tickets/{number}", headers=AUTH)
        assert response.status_code == 200
        return response.json()["messages"]


@pytest.fixture
async def desk(settings: Settings, clock: FakeClock) -> AsyncIterator[Desk]:
    twilio = fake_twilio_api()
    await twilio.start()
    overrides = {
        "twilio_account_sid": ACCOUNT_SID,
        "twilio_auth_token": SecretStr(AUTH_TOKEN),
        "twilio_whatsapp_from": BUSINESS,
        "twilio_api_base": twilio.base_url,
    }
    try:
        async with telegram_world(settings, clock, **overrides) as telegram:
            telegram.runtime.desk.faq = FakeFaq()
            whatsapp = WhatsAppWorld("whatsapp", telegram.app, telegram.http, twilio, clock, staff=None)  # type: ignore[arg-type]
            yield Desk(telegram, whatsapp)
    finally:
        await twilio.stop()


async def test_yes_puts_the_whatsapp_message_on_the_telegram_ticket(desk: Desk) -> None:
    number = await desk.open_in_telegram()
    thread_id = await desk.telegram.topic_of(number)

    asked = await desk.in_whatsapp(SAME_PROBLEM)
    assert t("same_request.ask_elsewhere", number=number, channel="Telegram") in asked
    assert f"1. {t('same_request.yes_elsewhere', number=number)}" in asked

    joined = await desk.in_whatsapp("1")
    assert joined == t("same_request.joined", number=number)
    assert len(await desk.tickets()) == 1
    relayed = desk.telegram.group_texts(thread_id)[-1]
    assert relayed == f"<b>{t('same_request.staff_client_wrote_via', channel='WhatsApp')}</b>\n{SAME_PROBLEM}"
    transcript = await desk.transcript(number)
    assert [(m["direction"], m["channel"]) for m in transcript if m["text"] == SAME_PROBLEM] == [("in", "whatsapp")]
    assert transcript[0]["channel"] == "telegram"

    await desk.in_whatsapp("Ещё заметил: после перезагрузки то же самое")  # what follows joins it too
    assert desk.telegram.group_texts(thread_id)[-1].endswith("Ещё заметил: после перезагрузки то же самое")

    telegram_before = len(desk.telegram.client_texts())
    await desk.telegram.engineer_says("Пришлите, пожалуйста, лог сервера", thread_id=thread_id)
    assert desk.whatsapp.bodies()[-1].endswith("Пришлите, пожалуйста, лог сервера")  # where they wrote last
    assert len(desk.telegram.client_texts()) == telegram_before


async def test_no_starts_a_normal_new_intake(desk: Desk) -> None:
    number = await desk.open_in_telegram()
    thread_id = await desk.telegram.topic_of(number)
    relayed = len(desk.telegram.group_texts(thread_id))
    await desk.in_whatsapp(SAME_PROBLEM)

    answered = await desk.in_whatsapp("2")
    assert answered.startswith(t("crit.ask"))  # a reported malfunction: its criticality, consent given in Telegram
    assert len(await desk.tickets()) == 1 and len(desk.telegram.group_texts(thread_id)) == relayed
    assert all(m["channel"] != "whatsapp" for m in await desk.transcript(number))


async def test_a_stranger_typing_the_clients_phone_is_asked_nothing(desk: Desk) -> None:
    number = await desk.open_in_telegram()
    stranger = "+79990001122"

    seen = await desk.in_whatsapp(f"Мой телефон {CLIENT}. {SAME_PROBLEM}", chat=stranger)
    await desk.telegram.runtime.desk.handle(inbound(f"Мой номер {CLIENT}. {SAME_PROBLEM}", sender="desk-pc"))
    assert number not in seen and t("report.taken") in seen
    assert (await desk.whatsapp.state(stranger))["stage"] == "consent"
    assert not any(m["text"] and "Мой" in m["text"] for m in await desk.transcript(number))
