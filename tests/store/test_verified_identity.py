"""A client is who the messenger vouches for. A typed phone is a claim: it shows nothing of the client on file,
links nothing, lets nobody erase their data and, in an intake, is met exactly as any other contact; only a one-time
code sent to that client's own chat, asked for apart («Связать с прежним чатом»), joins a chat to them."""

from __future__ import annotations

import re

from sqlmodel import select

from core.texts import t
from service.runtime import Runtime
from storage.models import Client, Identity, Ticket
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat

KNOWN_PHONE = VALID_ANSWERS["contact"]  # the victim's phone, typed by the impostor
VICTIM = {"organization": "ООО «Зенит-Безопасность»", "city": "Сызрань", "product_name": "ПК «Цитадель»"}
VICTIMS_DATA = ("Смирнова", "Зенит", "Сызрань", "Цитадель")
IMPOSTOR = {
    "organization": "ООО «Ромашка»",
    "city": "Тула",
    "contact_name": "Петров Олег",
    "product_name": "Видеосервер",
    "product_version": "2.0",
}


async def rows(runtime: Runtime, model: type) -> list:
    async with runtime.desk.sessions() as session:
        return list(await session.exec(select(model)))


async def victim_and_impostor(runtime: Runtime) -> tuple[DeskChat, DeskChat, str]:
    """The victim opened a ticket in Viber; the impostor, in another messenger, reaches the contact question."""
    victim = DeskChat(runtime, channel="viber", sender="victim")
    number = await victim.open_ticket("consultation", **VICTIM)
    impostor = DeskChat(runtime, channel="console", sender="impostor")
    await impostor.say("Здравствуйте")
    for payload in ("menu:ticket", "consent:yes", "kind:consultation"):
        await impostor.press(payload)
    return victim, impostor, number


def text_of(replies: list) -> str:
    return "\n".join(r.text for r in replies)


def sent_code(victim: DeskChat) -> str:
    [code] = [m.group(1) for r in victim.outbox.take() if (m := re.search(r"\b(\d{6})\b", r.text))]
    return code


UNKNOWN_PHONE = "+7 846 411-22-33"


async def asked_to_link(chat: DeskChat) -> str:
    """«Мои заявки» in a chat with none open, then «Связать с прежним чатом»."""
    listing = (await chat.say("мои заявки"))[-1]
    assert "link:start" in [choice.payload for choice in listing.choices]
    return text_of(await chat.press("link:start"))


async def finish(chat: DeskChat) -> list:
    for _ in range(30):
        state = await chat.state()
        if state["stage"] != "field":
            break
        await chat.say(IMPOSTOR.get(state["field"], VALID_ANSWERS[state["field"]]))
    return await chat.press("sum:send")


async def test_a_typed_phone_of_another_client_is_met_as_any_phone_and_links_nothing(runtime: Runtime) -> None:
    """The step used to differ for a contact on file: «код отправлен туда, откуда по нему писали», and a code pushed
    at that client. That told a stranger who is a client, and let them send codes at will."""
    victim, impostor, victims_ticket = await victim_and_impostor(runtime)
    stranger = DeskChat(runtime, channel="telegram", sender="stranger")  # a sender of its own per channel
    await stranger.say("Здравствуйте")
    for payload in ("menu:ticket", "consent:yes", "kind:consultation"):
        await stranger.press(payload)

    asked = text_of(await impostor.say(KNOWN_PHONE))
    assert asked == text_of(await stranger.say(UNKNOWN_PHONE))  # the next question, word for word
    assert not any(value in asked for value in VICTIMS_DATA)
    assert not [r for r in victim.outbox.take() if re.search(r"\b\d{6}\b", r.text)]  # no code to the victim
    summary = await finish(impostor)
    assert not any(value in text_of(summary) for value in VICTIMS_DATA)

    tickets = {t.number: t for t in await rows(runtime, Ticket)}
    impostors_ticket = tickets[(await impostor.state())["ticket"]]
    assert impostors_ticket.client_id != tickets[victims_ticket].client_id
    assert impostors_ticket.fields["possible_same_client"] == victims_ticket  # the engineers see the coincidence
    owners = {i.sender: i.client_id for i in await rows(runtime, Identity)}
    assert owners["impostor"] != owners["victim"]

    withdrawn = text_of(await impostor.say("Отозвать согласие"))
    assert t("consent.withdrawn")[:20] in withdrawn
    victim_client = next(c for c in await rows(runtime, Client) if c.id == owners["victim"])
    assert victim_client.name == "Смирнова Анна" and victim_client.phone == "+78465551234"
    ticket = next(t for t in await rows(runtime, Ticket) if t.number == victims_ticket)
    assert ticket.fields["contact"] == "+78465551234" and ticket.fields["contact_name"] == "Смирнова Анна"


async def test_asked_to_link_any_contact_gets_the_same_answer_and_a_code_goes_only_to_the_client_s_chat(
    runtime: Runtime,
) -> None:
    victim = DeskChat(runtime, channel="viber", sender="victim")
    await victim.open_ticket("consultation", **VICTIM)
    owner = DeskChat(runtime, channel="console", sender="owner")
    stranger = DeskChat(runtime, channel="telegram", sender="stranger")  # a sender of its own per channel
    assert t("link.ask") in await asked_to_link(owner) and t("link.ask") in await asked_to_link(stranger)

    for_known, for_unknown = text_of(await owner.say(KNOWN_PHONE)), text_of(await stranger.say(UNKNOWN_PHONE))
    assert for_known == for_unknown == t("verify.sent")
    code = sent_code(victim)  # to the client's own Viber chat
    assert t("verify.wrong", left=4) in text_of(await stranger.say(code))  # a code was kept for the stranger too
    forgetful = DeskChat(runtime, channel="whatsapp", sender="forgetful")
    await asked_to_link(forgetful)
    assert t("link.not_a_contact") in text_of(await forgetful.say("не помню"))


async def test_the_right_code_links_the_chat_and_the_next_ticket_offers_the_data_on_file(runtime: Runtime) -> None:
    victim = DeskChat(runtime, channel="viber", sender="victim")
    await victim.open_ticket("consultation", **VICTIM)
    owner = DeskChat(runtime, channel="console", sender="owner")
    await asked_to_link(owner)
    await owner.say(KNOWN_PHONE)
    assert t("verify.ok") in text_of(await owner.say(sent_code(victim)))
    owners = {i.sender: i.client_id for i in await rows(runtime, Identity)}
    assert owners["owner"] == owners["victim"]
    await owner.press("menu:ticket")
    offered = text_of(await owner.press("kind:consultation"))
    assert "Зенит" in offered and "Сызрань" in offered


async def test_a_code_typed_wrong_five_times_locks_and_the_right_one_is_then_useless(runtime: Runtime) -> None:
    victim = DeskChat(runtime, channel="viber", sender="victim")
    await victim.open_ticket("consultation", **VICTIM)
    impostor = DeskChat(runtime, channel="console", sender="impostor")
    await asked_to_link(impostor)
    await impostor.say(KNOWN_PHONE)
    code = sent_code(victim)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        assert t("verify.wrong", left=left) in text_of(await impostor.say(wrong))
    locked = text_of(await impostor.say(wrong))
    assert t("verify.locked") in locked and (await impostor.state())["stage"] == "idle"
    await impostor.say(code)  # too late: only a message at the menu now
    owners = {i.sender: i.client_id for i in await rows(runtime, Identity)}
    assert owners["impostor"] != owners["victim"]


async def test_an_expired_code_does_not_link(runtime: Runtime, clock: FakeClock) -> None:
    victim = DeskChat(runtime, channel="viber", sender="victim")
    await victim.open_ticket("consultation", **VICTIM)
    impostor = DeskChat(runtime, channel="console", sender="impostor")
    await asked_to_link(impostor)
    await impostor.say(KNOWN_PHONE)
    code = sent_code(victim)
    clock.advance(minutes=11)
    assert t("verify.expired") in text_of(await impostor.say(code))
    owners = {i.sender: i.client_id for i in await rows(runtime, Identity)}
    assert owners["impostor"] != owners["victim"]
