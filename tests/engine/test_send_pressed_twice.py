"""«Отправить заявку» pressed twice, or typed twice in WhatsApp, where it is no button: the second reached the
engineers as the client's message «Отправить заявку»."""

from __future__ import annotations

import pytest

from core.events import ClientWroteOnTicket
from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS, at_summary
from tests.fakes import EngineChat


def test_the_button_pressed_again_tells_the_ticket_is_sent_and_passes_nothing_on() -> None:
    chat = at_summary()
    chat.press("sum:send")
    number = chat.state.ticket
    assert number is not None

    chat.press("sum:send")

    assert chat.text() == t("ticket.already_sent", number=number)
    assert not [event for event in chat.events if isinstance(event, ClientWroteOnTicket)]


@pytest.mark.parametrize("typed", ["Отправить заявку", "отправить заявку.", "Отправить"])
def test_the_button_s_words_typed_again_tell_the_ticket_is_sent(typed: str) -> None:
    chat = at_summary()
    chat.say("Отправить заявку")
    assert len(chat.tickets()) == 1

    chat.say(typed)

    assert chat.text() == t("ticket.already_sent", number=chat.state.ticket)
    assert not [event for event in chat.events if isinstance(event, ClientWroteOnTicket)]


def test_a_message_that_only_begins_with_the_words_still_reaches_the_engineers() -> None:
    chat = at_summary()
    chat.press("sum:send")

    chat.say("отправить логи сейчас или позже?")

    assert ClientWroteOnTicket(chat.state.ticket, "отправить логи сейчас или позже?") in chat.events


def test_sent_again_at_a_question_after_a_critical_ticket_opened_is_told_and_the_question_asked() -> None:
    """It was refused as no name («укажите фамилию и имя буквами»); the stale button says it is another step's."""
    chat = EngineChat()
    chat.say("вся СКУД легла, ни одна дверь не открывается")
    chat.press("consent:yes")
    while not chat.state.on_ticket:
        chat.say(VALID_ANSWERS[chat.state.field])
    asked = chat.state.field

    chat.say("Отправить заявку")

    assert chat.text().startswith(t("followup.already_sent", number=chat.state.ticket, prompt="").strip())
    assert chat.state.field == asked and asked not in chat.state.answers
