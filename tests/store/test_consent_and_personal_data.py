"""152-FZ: nothing personal before consent; consent recorded with time and version; withdrawal erases."""

from __future__ import annotations

from sqlmodel import select

from core.texts import CONSENT_VERSION, t
from service.runtime import Runtime
from storage.models import Client, ConsentRecord, Identity, Message, Ticket
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat


async def rows(runtime: Runtime, model: type) -> list:
    async with runtime.desk.sessions() as session:
        return list(await session.exec(select(model)))


async def test_refused_consent_leaves_no_personal_data(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    await chat.say("Здравствуйте", profile_name="Пётр Иванов")
    await chat.press("menu:ticket")
    replies = await chat.press("consent:no")
    assert t("consent.declined") in replies[-1].text
    (client,) = await rows(runtime, Client)
    assert (client.name, client.phone, client.email, client.consent_at) == (None, None, None, None)
    assert await rows(runtime, ConsentRecord) == []
    (identity,) = await rows(runtime, Identity)
    assert identity.profile_name is None


async def test_consent_is_recorded_with_time_and_text_version(runtime: Runtime, clock: FakeClock) -> None:
    chat = DeskChat(runtime)
    await chat.say("Здравствуйте")
    await chat.press("menu:ticket")
    await chat.press("consent:yes")
    (record,) = await rows(runtime, ConsentRecord)
    assert record.version == CONSENT_VERSION
    assert record.given_at == clock.now
    assert "152-ФЗ" in record.text


async def test_withdrawal_erases_personal_fields_and_keeps_the_technical_content(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    number = await chat.open_ticket("consultation")
    replies = await chat.say("Отозвать согласие")
    assert t("consent.withdrawn") in replies[-1].text

    (ticket,) = await rows(runtime, Ticket)
    assert ticket.number == number
    assert ticket.fields["contact"] == "" and ticket.fields["contact_name"] == ""
    assert ticket.fields["organization"] == ""  # often a person's name («ИП Смирнов»): erased with the rest
    assert ticket.fields["description"] == "журнал событий зависает"
    assert ticket.fields["city"] == "Самара"
    client = next(c for c in await rows(runtime, Client) if c.id == ticket.client_id)
    assert (client.name, client.phone, client.email, client.profile) == (None, None, None, {})
    assert client.anonymized_at is not None
    (record,) = await rows(runtime, ConsentRecord)
    assert record.withdrawn_at is not None
    texts = " ".join(m.text or "" for m in await rows(runtime, Message))
    assert "Смирнова Анна" not in texts and "555-12-34" not in texts and "+78465551234" not in texts


async def test_after_withdrawal_a_new_ticket_asks_consent_again(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    await chat.open_ticket("consultation")
    await chat.say("Отозвать согласие")
    replies = await chat.press("menu:ticket")
    assert "152-ФЗ" in replies[-1].text


async def test_a_phone_and_an_e_mail_typed_together_are_both_kept_and_both_erased(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    number = await chat.open_ticket("consultation", contact="smirnov@mail.ru, +7 (846) 200-10-20")
    (ticket,) = await rows(runtime, Ticket)
    assert ticket.number == number and ticket.fields["contact"] == "+78462001020, smirnov@mail.ru"
    client = next(c for c in await rows(runtime, Client) if c.id == ticket.client_id)
    assert (client.phone, client.email) == ("+78462001020", "smirnov@mail.ru")
    await chat.say("Отозвать согласие")
    client = next(c for c in await rows(runtime, Client) if c.id == ticket.client_id)
    assert (client.phone, client.email) == (None, None)
