"""Issue 14: a question on how to do something in our products, which no FAQ entry answers, starts a consultation
(regulation п. 3.3) with the question as its description, where the client used to read «Не нашёл готового
ответа»; someone else's things and the support's own topics stay the FAQ's."""

from __future__ import annotations

import pytest

from core.events import QuestionUnanswered
from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import reach_ticket
from tests.fakes import EngineChat

HOW_TO_QUESTIONS = [
    "как добавить камеру в арм",
    "подскажите как выдать временный пропуск посетителю",
    "как поменять пароль оператора",
    "каким образом привязать карту к сотруднику",
    "как работает модуль фотоидентификации",
    "Добрый день! Где в Бастионе посмотреть отчёт по опозданиям?",
    "как заблокировать пропуск уволенного сотрудника",
    "куда нажать, чтобы открыть дверь с АРМ?",
    "как удалить уволенного сотрудника из бастиона",
    "бастион поддерживает postgres?",  # what the product does, declined by the FAQ (faq.intent.asks_what_product_does)
    "какие контроллеры поддерживает бастион",
    "умеет ли бастион распознавать номера машин",
]

NOT_HOW_TO = [
    "как поставить пароль на вайфай роутер дома",  # someone else's thing: declined
    "как настроить камеру hikvision",  # a third-party device
    "Можно ли поставить сервер оборудования на виртуальную машину?",  # no thing of the products' functionality
]


@pytest.mark.parametrize("question", HOW_TO_QUESTIONS)
def test_a_how_to_question_starts_a_consultation_with_consent_first(faq: FaqIndex, question: str) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say(question)
    assert t("howto.taken") in chat.text() and t("faq.not_found") not in chat.text()
    assert chat.state.stage == "consent" and chat.state.kind == "consultation"
    assert QuestionUnanswered(question) in chat.events  # still a gap staff may write an entry for


@pytest.mark.parametrize("question", NOT_HOW_TO)
def test_other_questions_are_not_taken_for_a_consultation(faq: FaqIndex, question: str) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say(question)
    assert t("howto.taken") not in chat.text() and chat.state.kind is None


def test_the_question_is_the_consultation_description_and_never_asked_again(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    question = "подскажите как выдать временный пропуск посетителю"
    reach_ticket(chat, question)
    [ticket] = chat.tickets()
    assert ticket.kind == "consultation" and ticket.fields["description"] == question
    assert "description" not in chat.state.history


def test_a_question_the_faq_answers_is_still_answered(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say("как связаться с поддержкой бастиона?")
    assert t("howto.taken") not in chat.text() and chat.state.stage == "faq"
