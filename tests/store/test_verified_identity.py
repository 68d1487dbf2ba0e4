"""A client is who the messenger vouches for. A typed phone is a claim: it shows nothing of the client on file,
links nothing and lets nobody erase their data; only a one-time code sent to that client's own chat does."""

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


async def finish(chat: DeskChat) -> list:
    for _ in range(30):
        state = await chat.state()
        if state["stage"] != "field":
            break
        await chat.say(IMPOSTOR.get(state["field"], VALID_ANSWERS[state["field"]]))
    return await chat.press("sum:send")


async def test_a_typed_phone_of_another_client_reveals_nothing_and_links_nothing(runtime: Runtime) -> None:
    victim, impostor, victims_ticket = await victim_and_impostor(runtime)

    asked = text_of(await impostor.say(KNOWN_PHONE))
    assert t("verify.sent") in asked and not any(value in asked for value in VICTIMS_DATA)
    assert "Viber" not in asked  # where the client on file writes from is theirs too
    assert sent_code(victim)  # the code went to the victim's own chat, not here
    assert t("verify.expect_code") in text_of(await impostor.say("что за код?"))  # neither a code nor a choice
    skipped = text_of(await impostor.say("1"))  # «1. Пропустить», typed
    assert t("verify.skipped") in skipped and not any(value in skipped for value in VICTIMS_DATA)
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


async def test_the_phone_of_the_first_message_tapped_is_a_claim_as_if_typed(runtime: Runtime) -> None:
    """The one-tap offer of the first message's phone answered «1», which the desk checked instead of the phone:
    another client's number went into the ticket with no code asked and no coincidence shown to the engineers."""
    victim = DeskChat(runtime, channel="viber", sender="victim")
    await victim.open_ticket("consultation", **VICTIM)
    impostor = DeskChat(runtime, channel="console", sender="impostor")
    await impostor.say(f"Не открывается журнал событий, звоните {KNOWN_PHONE}")
    await impostor.press("consent:yes")
    await impostor.press("crit:partial")
    for _ in range(10):
        state = await impostor.state()
        if state["field"] == "contact":
            break
        await impostor.say(IMPOSTOR.get(state["field"], VALID_ANSWERS[state["field"]]))
    asked = text_of(await impostor.say("1"))  # «1. +7 846 555-12-34», the phone offered in one tap
    assert t("verify.sent") in asked and not any(value in asked for value in VICTIMS_DATA)
    assert sent_code(victim)


async def test_the_right_code_links_the_chat_and_offers_the_data_on_file(runtime: Runtime) -> None:
    victim, owner, _ = await victim_and_impostor(runtime)  # here the second chat is the client themself
    await owner.say(KNOWN_PHONE)
    offered = text_of(await owner.say(sent_code(victim)))
    assert t("verify.ok") in offered and "Зенит" in offered and "Сызрань" in offered
    owners = {i.sender: i.client_id for i in await rows(runtime, Identity)}
    assert owners["impostor"] == owners["victim"]


async def test_a_code_typed_wrong_five_times_locks_and_the_right_one_is_then_useless(runtime: Runtime) -> None:
    victim, impostor, _ = await victim_and_impostor(runtime)
    await impostor.say(KNOWN_PHONE)
    code = sent_code(victim)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        assert t("verify.wrong", left=left) in text_of(await impostor.say(wrong))
    locked = text_of(await impostor.say(wrong))
    assert t("verify.locked") in locked and (await impostor.state())["field"] == "organization"
    await impostor.say(code)  # too late: it is only an answer to the next question now
    owners = {i.sender: i.client_id for i in await rows(runtime, Identity)}
    assert owners["impostor"] != owners["victim"]


async def test_an_expired_code_does_not_link(runtime: Runtime, clock: FakeClock) -> None:
    victim, impostor, _ = await victim_and_impostor(runtime)
    await impostor.say(KNOWN_PHONE)
    code = sent_code(victim)
    clock.advance(minutes=11)
    assert t("verify.expired") in text_of(await impostor.say(code))
    owners = {i.sender: i.client_id for i in await rows(runtime, Identity)}
    assert owners["impostor"] != owners["victim"]


async def test_codes_are_rate_limited_per_requesting_chat(runtime: Runtime) -> None:
    victim, impostor, _ = await victim_and_impostor(runtime)
    codes = 0
    for _ in range(5):
        await impostor.say(KNOWN_PHONE)
        codes += len([r for r in victim.outbox.take() if re.search(r"\b\d{6}\b", r.text)])
        await impostor.say("назад")  # back to the contact question, to ask for another code
    assert codes == 3
    assert (await impostor.state())["stage"] == "field"


async def test_a_phone_the_messenger_vouches_for_links_at_once(runtime: Runtime) -> None:
    whatsapp = DeskChat(runtime, channel="whatsapp", sender="+78465551234", verified_phone="+78465551234")
    await whatsapp.open_ticket("consultation")
    telegram = DeskChat(runtime, channel="telegram", sender="7001")
    await telegram.say("Здравствуйте")
    for payload in ("menu:ticket", "consent:yes", "kind:consultation"):
        await telegram.press(payload)
    offered = text_of(await telegram.say(None, verified_phone="+78465551234"))  # an own contact, shared
    assert "Охрана-Сервис" in offered and not whatsapp.outbox.take()  # no code needed
    owners = {i.channel: i.client_id for i in await rows(runtime, Identity)}
    assert owners["telegram"] == owners["whatsapp"]
