"""Rules of the eighth round of issue 14 (bench/faq.py): a question about time is support's only when asked
of us, a private place is the client's own matter (the questions both decline are among
test_threshold's off-topic ones), a request closed is solved, and a second way of reaching us asks
whether to duplicate the request."""

from __future__ import annotations

import pytest

from faq.analyzer import analyze
from faq.intent import asked_of_us, names_private_place, uses_second_channel
from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("в майские праздники заявки принимаете?", "support-days"),
        ("праздники входят во время реакции?", "reaction-time-counting"),
        ("где смотреть если график поменяется на праздники", "schedule-changes"),
    ],
)
def test_time_asked_of_us_is_still_answered(faq_index: FaqIndex, question: str, entry: str) -> None:
    answer = faq_index.search(question)
    assert answer.answered and answer.results[0].id == entry


def test_whom_a_question_is_asked_of() -> None:
    assert asked_of_us("вы работаете 9 мая?", analyze("вы работаете 9 мая"))
    assert asked_of_us("поддержка в праздники дежурит?", analyze("поддержка в праздники дежурит"))
    assert not asked_of_us("какой сегодня праздник", analyze("какой сегодня праздник"))


def test_a_private_place() -> None:
    assert names_private_place("как настроить роутер дома")
    assert not names_private_place("как настроить роутер на объекте")


def test_a_request_closed_is_solved() -> None:
    assert "решение" in analyze("в какой срок закрываете проблему")


@pytest.mark.parametrize(
    "question", ["кинул письмо и еще позвонил, норм?", "позвонил и ещё письмо отправил, так правильно?"]
)
def test_a_second_way_of_reaching_us_asks_about_duplicating(faq_index: FaqIndex, question: str) -> None:
    assert uses_second_channel(question, analyze(question))
    assert top_id(faq_index, question) == "no-duplicate-requests"


def test_one_way_of_reaching_us_is_no_duplicate() -> None:
    question = "можно писать на почту или звонить?"
    assert not uses_second_channel(question, analyze(question))
