"""After the consent is withdrawn the ticket goes on without the person (152-FZ): what the client writes on it is
kept without phones, e-mails and names, and asking again to delete the data is answered truthfully.

A phone typed on the ticket after the withdrawal was stored as typed, and «удалите мои данные» then got «Согласия
вы не давали… всё удалено», though consent had been given and the phone stayed on the ticket."""

from __future__ import annotations

from core.texts import t
from service.runtime import Runtime
from tests.engine.desk_chat import RecordingChat, said
from tests.engine.test_filed_on_the_ticket_named import client_lines


async def test_what_is_written_after_the_withdrawal_is_kept_without_the_person(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    assert said(await chat.say("Отозвать согласие")).startswith(t("consent.withdrawn"))
    assert said(await chat.say("Добавлю: контроллер Сфинкс-2, звоните 8-916-123-45-67")) == t(
        "ticket.message_added", number=number
    )
    lines = await client_lines(runtime, number)
    assert "Добавлю: контроллер Сфинкс-2, звоните [phone]" in lines
    assert not any("916" in line for line in lines)
    assert said(await chat.say("удалите мои данные")).startswith(t("consent.already_withdrawn"))
