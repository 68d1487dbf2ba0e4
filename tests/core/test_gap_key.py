"""Issue 14, «learn from misses»: `support-bot faq gaps` groups a question however it was typed — case, spacing,
punctuation, word order and word forms make no new group; other words do."""

from __future__ import annotations

import pytest

from core.gap_key import gap_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param("не открывается журнал", "Журнал не открывается?!", id="word order, case, punctuation"),
        pytest.param("Журнал не открывается", "журналы  не открываются", id="word forms"),
        pytest.param("Как сбросить пароль?", "как пароль сбросить", id="order of a question"),
        pytest.param("Какая погода завтра в Москве?", "Завтра в Москве какая погода", id="case of a place"),
        pytest.param("Где скачать драйвер", "где скачать драйвера, где", id="a word repeated"),
        pytest.param("Ошибка в версии 3.1", "в версии 3.1: ошибка", id="a version number kept whole"),
    ],
)
def test_the_same_question_however_typed_has_one_key(one: str, other: str) -> None:
    assert gap_key(one) == gap_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param("журнал работает", "журнал не работает", id="a negation"),
        pytest.param("Как сбросить пароль", "Как сменить пароль", id="another verb"),
        pytest.param("Ошибка в версии 3.1", "Ошибка в версии 1.3", id="another version"),
        pytest.param("Где скачать драйвер", "Где скачать драйвер Elsys", id="one more word"),
    ],
)
def test_different_questions_have_different_keys(one: str, other: str) -> None:
    assert gap_key(one) != gap_key(other)


def test_a_question_without_words_has_an_empty_key() -> None:
    assert gap_key(" ?! … ") == ""
