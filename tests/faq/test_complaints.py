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
    ],
)
def test_a_complaint_is_told_where_it_goes(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "complaint"
