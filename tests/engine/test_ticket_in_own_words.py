"""«Оформите заявку, пожалуйста» is the menu's «Оформить заявку» in the client's words: it got «Не нашёл готового
ответа на этот вопрос», the FAQ searched for a question; how to file one is still a question."""

from __future__ import annotations

import pytest

from tests.fakes import EngineChat

ASKED = ["Оформите заявку, пожалуйста", "создайте заявку", "хочу оставить заявку", "нужна заявка", "откройте заявку"]
ASKED += ["оформите пожалуйста", "ну оформляй", "хочу заявку", "давайте заявку", "пусть инженер посмотрит"]


@pytest.mark.parametrize("typed", ASKED)
def test_a_ticket_asked_for_in_own_words_starts_it(typed: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(typed)
    assert chat.state.stage == "consent"


@pytest.mark.parametrize(
    "typed", ["где оставить заявку на сайте", "заявка TP-00012 где?", "хочу заявку на пропуск сделать", "да"]
)
def test_a_question_about_tickets_is_not_one(typed: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(typed)
    assert chat.state.stage != "consent"


UNANSWERED = "есть ли у вас офис в Казани"


@pytest.mark.parametrize("typed", ["да давайте", "да", "ок, пожалуйста", "давай", "оформите пожалуйста"])
def test_yes_to_the_ticket_offered_for_an_unanswered_question_starts_it_with_the_question(typed: str) -> None:
    """After «Не нашёл готового ответа… Могу оформить заявку», «да давайте» got «Не нашёл готового ответа» again, and
    «да» got «Хорошо. Если появится вопрос…»: the client's question was dropped."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(UNANSWERED)
    chat.say(typed)
    assert chat.state.stage == "consent" and chat.state.pending_question == UNANSWERED


@pytest.mark.parametrize("typed", ["нет", "оформите пожалуйста", "это не ответ на мой вопрос"])
def test_after_an_answer_that_is_not_it_a_ticket_starts_with_the_question(typed: str) -> None:
    """«нет» after an answer was «Хорошо. Если появится вопрос…», and «это не ответ на мой вопрос» a new question."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("сколько стоит поддержка")
    assert chat.state.stage == "faq"
    chat.say(typed)
    assert chat.state.stage == "consent" and "сколько стоит поддержка" in (chat.state.pending_question or "")
