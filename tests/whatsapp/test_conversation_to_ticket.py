"""A WhatsApp client reaches a ticket answering numbered lists with numbers and words."""

from __future__ import annotations

from core.texts import t
from tests.whatsapp.world import ACCOUNT_SID, AUTH_TOKEN, BUSINESS, CLIENT, WEBHOOK_URL, WhatsAppWorld


async def test_faq_then_ticket_with_numbers_and_words(whatsapp: WhatsAppWorld) -> None:
    await whatsapp.client_says("Сколько стоит поддержка?")
    answer = whatsapp.bodies()[-1]
    assert "бесплатна" in answer
    assert f"1. {t('choice.helped')}\n2. {t('choice.new_ticket')}" in answer and t("choice.hint") in answer

    await whatsapp.client_says("2")
    assert f"1. {t('consent.agree')}" in whatsapp.bodies()[-1]
    await whatsapp.client_says("1")
    assert f"2. {t('kind.consultation')}" in whatsapp.bodies()[-1]
    await whatsapp.client_says("консультация")

    async def answer_with(text: str) -> None:
        await whatsapp.client_says(text)

    await whatsapp.walk_intake(CLIENT, answer_with)
    summary = whatsapp.bodies()[-1]
    assert f"«{t('choice.send')}» · «{t('choice.cancel')}»" in summary  # numbers edit items here, so words
    await whatsapp.client_says(t("choice.send"))

    number = (await whatsapp.state(CLIENT))["ticket"]
    assert number is not None and f"Заявка {number} зарегистрирована" in whatsapp.bodies()[-1]
    ticket = await whatsapp.ticket(number)
    assert ticket.channel == "whatsapp" and ticket.chat == CLIENT
    assert [n["ticket"] for n in whatsapp.staff_notices("ticket_opened")] == [number]


async def test_messages_go_through_the_messages_api_with_a_status_callback(whatsapp: WhatsAppWorld) -> None:
    await whatsapp.client_says("Здравствуйте")
    [call] = whatsapp.api.calls_to("/Messages.json")
    assert call.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert call.headers["Authorization"].startswith("Basic ")
    assert call.data["From"] == BUSINESS and call.data["To"] == "whatsapp:" + CLIENT
    assert call.data["StatusCallback"] == WEBHOOK_URL
    assert AUTH_TOKEN not in call.data.values()
