"""Whatever a client types, search returns an answer object and never raises."""

from __future__ import annotations

import pytest

from faq.normalize import words
from faq.retriever import FaqIndex


@pytest.mark.parametrize("text", ["", "   ", "?!...", "😀👍", "12345", "месяцев", "а" * 5000])
def test_odd_input_is_declined_without_error(faq_index: FaqIndex, text: str) -> None:
    answer = faq_index.search(text)
    assert answer.query == text
    assert not answer.answered


def test_every_word_of_every_answer_can_be_searched(faq_index: FaqIndex) -> None:
    vocabulary = {word for entry in faq_index.entries for word in words(entry.answer)}
    for word in vocabulary:
        assert len(faq_index.search(word, limit=2).results) <= 2


def test_a_long_message_with_the_question_inside_is_answered(faq_index: FaqIndex) -> None:
    message = (
        "Добрый день! Мы давно пользуемся вашей системой, всё было хорошо, но вчера при "
        "переезде офиса потерялся ключ HASP. Как нам теперь восстановить лицензии?"
    )
    answer = faq_index.search(message)
    assert answer.answered
    assert answer.results[0].id == "key-lost"
