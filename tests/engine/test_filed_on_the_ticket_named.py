"""A message about one of two tickets open in a chat is stored on the ticket it is about, where its engineer reads it.

The bot said «Добавил сообщение к заявке TP-00001» and routed the engineers' notice there, while the transcript kept
the message on the chat's newer ticket: TP-00001's card never showed it, and «TP-00002 — вопрос снят» sat on TP-00001.
"""

from __future__ import annotations

from core.texts import t
from service.runtime import Runtime
from storage.repos import messages, tickets
from tests.engine.desk_chat import RecordingChat, said


async def client_lines(runtime: Runtime, number: str) -> list[str]:
    async with runtime.desk.sessions() as session:
        ticket = await tickets.get_ticket(session=session, number=number)
        assert ticket is not None and ticket.id is not None
        return [
            m.text or ""
            for m in await messages.ticket_transcript(session=session, ticket_id=ticket.id)
            if m.direction == "in"
        ]


async def test_a_message_naming_the_older_ticket_is_stored_on_it(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    first = await chat.open_ticket()
    second = await chat.open_ticket("problem")
    detail, closing = f"По заявке {first}: прошивка контроллера 2.04", f"{second} — вопрос снят, разобрались"
    assert f"заявке {first}" in said(await chat.say(detail))
    await chat.say(closing)
    assert detail in await client_lines(runtime, first) and detail not in await client_lines(runtime, second)
    assert closing in await client_lines(runtime, second) and closing not in await client_lines(runtime, first)


async def test_a_number_of_no_ticket_of_the_client_s_is_said_so_and_added_nowhere(runtime: Runtime) -> None:
    """«Дополнение к заявке TP-00001: …» from a client whose only ticket is another went to that one without a word."""
    other = RecordingChat(runtime, sender="client-2")
    foreign = await other.open_ticket()
    chat = RecordingChat(runtime)
    mine = await chat.open_ticket()
    typed = f"Дополнение к заявке {foreign}: пароль администратора 12345"
    answer = said(await chat.say(typed))
    assert answer.startswith(t("requests.not_found")) and t("ticket.not_added_unknown_number", number=mine) in answer
    assert typed not in await client_lines(runtime, foreign)
    assert said(await chat.say(f"Дополнение к заявке {mine.lower()}: пароль 12345")) == t(
        "ticket.message_added", number=mine
    )
