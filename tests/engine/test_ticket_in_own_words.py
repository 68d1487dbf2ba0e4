"""«Оформите заявку, пожалуйста» is the menu's «Оформить заявку» in the client's words: it got «Не нашёл готового
ответа на этот вопрос», the FAQ searched for a question; how to file one is still a question."""

from __future__ import annotations

import pytest

from tests.fakes import EngineChat

ASKED = ["Оформите заявку, пожалуйста", "создайте заявку", "хочу оставить заявку", "нужна заявка", "откройте заявку"]


@pytest.mark.parametrize("typed", ASKED)
def test_a_ticket_asked_for_in_own_words_starts_it(typed: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(typed)
    assert chat.state.stage == "consent"


@pytest.mark.parametrize("typed", ["где оставить заявку на сайте", "заявка TP-00012 где?"])
def test_a_question_about_tickets_is_not_one(typed: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(typed)
    assert chat.state.stage != "consent"
