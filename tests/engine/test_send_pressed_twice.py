"""«Отправить заявку» pressed twice, or typed twice in WhatsApp, where it is no button: the second reached the
engineers as the client's message «Отправить заявку»."""

from __future__ import annotations

import pytest

from core.events import ClientWroteOnTicket
from core.texts import t
from tests.engine.intake_answers import at_summary


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
