"""A client with an open ticket may ask for the engineers' answers in writing (regulation 4.6)."""

from __future__ import annotations

import pytest

from core.events import AnswerByEmailAsked, ClientWroteOnTicket
from core.stages.ticket_open import wants_answer_by_email
from tests.engine.intake_answers import start_ticket, walk_to_summary
from tests.fakes import EngineChat


@pytest.mark.parametrize(
    "text",
    [
        "Пришлите ответ на почту",
        "продублируйте ответ письмом, пожалуйста",
        "Можно ответить на e-mail?",
        "отправьте на мейл",
        "Напишите мне на электронку",
    ],
)
def test_asked_in_own_words(text: str) -> None:
    assert wants_answer_by_email(text)


@pytest.mark.parametrize(
    "text",
    [
        "Почтовый сервер не отвечает",
        "Когда будет ответ?",
        "не приходят письма с регистратора",
        "Спасибо, жду",
    ],
)
def test_not_every_mention_of_mail_is_a_request(text: str) -> None:
    assert not wants_answer_by_email(text)


def test_the_request_reaches_the_engineers_and_the_shell_answers_it() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    walk_to_summary(chat)
    chat.press("sum:send")
    chat.state.ticket = "TP-00007"  # numbered by the shell
    chat.events.clear()
    replies = chat.say("Пришлите ответ на почту")
    assert replies == []  # the shell knows the address and answers
    assert chat.events == [ClientWroteOnTicket("TP-00007", "Пришлите ответ на почту"), AnswerByEmailAsked("TP-00007")]
