"""A Viber client goes from opening the chat to a ticket: welcome, FAQ, consent, intake with keyboards, ticket."""

from __future__ import annotations

from core.texts import t
from tests.viber.world import CLIENT, ViberWorld, user


async def test_welcome_is_the_answer_to_conversation_started(viber: ViberWorld) -> None:
    event = {"event": "conversation_started", "timestamp": 1764000000000, "message_token": 4912661846655238146,
             "type": "open", "context": "", "subscribed": False, "user": user()}  # fmt: skip
    response = await viber.send(event)
    welcome = response.json()
    assert welcome["type"] == "text" and welcome["text"] == t("viber.welcome")
    button = welcome["keyboard"]["Buttons"][0]
    assert button["ActionType"] == "reply" and button["Text"] == t("choice.new_ticket")
    assert viber.sent() == []  # nothing may be pushed before the client subscribes

    await viber.client_says(button["ActionBody"])  # pressing it starts a ticket: the consent question
    assert viber.buttons() == ["consent:yes", "consent:no"]


async def test_faq_then_ticket_through_keyboards(viber: ViberWorld) -> None:
    await viber.client_says("Сколько стоит поддержка?")
    assert "бесплатна" in viber.texts()[-1]
    assert viber.buttons() == ["faq:helped", "menu:ticket"]

    await viber.client_says("menu:ticket")
    assert viber.texts()[-1].startswith(t("consent.request", policy_url="")[:40])
    await viber.client_says("consent:yes")
    assert "kind:consultation" in viber.buttons()
    await viber.client_says("kind:consultation")
    share = viber.sent()[-1]["keyboard"]["Buttons"][-1]
    assert share["ActionType"] == "share-phone"  # the contact question offers Viber's own «share my number»

    contact = {"type": "contact", "contact": {"name": "Пётр", "phone_number": "+78461234567"}}
    await viber.send(viber.message(contact))
    assert (await viber.state(CLIENT))["answers"]["contact"] == "+78461234567"

    async def answer(text: str) -> None:
        await viber.client_says(text)

    await viber.walk_intake(CLIENT, answer)
    assert viber.buttons() == ["sum:send", "sum:cancel"]
    await viber.client_says("sum:send")

    number = (await viber.state(CLIENT))["ticket"]
    assert number is not None
    assert t("ticket.opened", number=number, priority="", deadline="")[:30] in viber.texts()[-1]
    ticket = await viber.ticket(number)
    assert ticket.channel == "viber" and ticket.chat == CLIENT
    assert ticket.fields["description"] == "Сколько стоит поддержка?"
    assert [n["ticket"] for n in viber.staff_notices("ticket_opened")] == [number]
