"""A complaint about the support or an engineer, or a wish to speak to its head, is told where it goes (the chat,
help@twinpro.ru, 8-800) and that an unanswered ticket reaches the head by itself; it got «Не нашёл готового ответа»
and an offer of a ticket to the very engineers complained about."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "question",
    [
        "хочу пожаловаться на вашего инженера, он грубил по телефону",
        "хочу поговорить с начальником техподдержки",
        "уже три дня никто не отвечает по заявке, безобразие. Куда жаловаться?",
        "кому жаловаться",
        "ваш инженер третий день не отвечает, куда жаловаться?",  # a person not answering is no broken system
    ],
)
def test_a_complaint_is_told_where_it_goes(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "complaint"


@pytest.mark.parametrize(
    ("message", "report"),
    [("никто не отвечает по заявке", False), ("контроллер не отвечает", True), ("программа не отвечает", True)],
)
def test_a_person_not_answering_is_no_report(faq_index: FaqIndex, message: str, report: bool) -> None:
    assert faq_index.search(message).report is report
