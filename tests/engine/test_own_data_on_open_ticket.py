"""A client puts right their own contact data on an open ticket, in their words: the ticket and the data on file
change and the engineers hear it. It was only added as a message: the ticket and «Мои данные» kept the old phone."""

from __future__ import annotations

import pytest

from core.texts import t
from service.runtime import Runtime
from storage.repos import tickets
from tests.engine.desk_chat import RecordingChat, said


async def ticket_contact(runtime: Runtime, number: str) -> str:
    async with runtime.desk.sessions() as session:
        ticket = await tickets.get_ticket(session=session, number=number)
        assert ticket is not None
        return ticket.fields["contact"]


async def test_a_new_phone_then_an_e_mail_change_the_ticket_and_the_data_on_file(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    answer = said(await chat.say("Измените мой номер телефона на +7 903 765 43 21"))
    assert answer == t("ticket.own_data_changed", number=number, items="Телефон или e-mail — +79037654321")
    await chat.say("Мой новый e-mail: petrov@romashka.ru")
    assert await ticket_contact(runtime, number) == "+79037654321, petrov@romashka.ru"  # the phone kept
    client = await chat.client()
    assert (client.phone, client.email) == ("+79037654321", "petrov@romashka.ru")
    await chat.say("Исправьте имя, я не Петров Иван, а Сидоров Алексей")
    assert (await chat.client()).name == "Сидоров Алексей"


@pytest.mark.parametrize(
    "typed", ["новый считыватель не работает, звоните охране 8 927 111-22-33", "теперь всё работает, спасибо"]
)
async def test_a_report_or_a_thanks_with_a_change_word_changes_nothing(runtime: Runtime, typed: str) -> None:
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    before = await ticket_contact(runtime, number)
    assert not said(await chat.say(typed)).startswith(t("ticket.own_data_changed", number=number, items="")[:20])
    assert await ticket_contact(runtime, number) == before


async def test_a_change_asked_with_please_between_is_made(runtime: Runtime) -> None:
    """«Поменяйте, пожалуйста, телефон в заявке на …» was only added to the ticket as a message."""
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    await chat.say("Поменяйте, пожалуйста, телефон в заявке на +7 999 444-55-66")
    assert await ticket_contact(runtime, number) == "+79994445566"
