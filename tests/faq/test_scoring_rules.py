"""The answer rules of faq.retriever beyond plain coverage (issue 14, item 2)."""

from __future__ import annotations

import numpy as np
import pytest

from faq.intent import names_our_product
from faq.retriever import FaqIndex, _PerEntry
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "question",
    [
        "ошибка в моём коде на c#, помогите",
        "помогите с обработкой в 1С",
        "как написать хранимую процедуру",
        "объясните как работает цикл for в питоне",
    ],
)
def test_a_programming_word_gets_the_regulations_refusal(faq_index: FaqIndex, question: str) -> None:
    found = faq_index.search(question)
    assert found.answered and not found.report
    assert found.results[0].id == "no-general-programming"


def test_a_vendors_name_gets_the_refusal_unless_our_product_is_named(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "помогите настроить камеры dahua") == "no-third-party"
    found = faq_index.search("камеры dahua не отображаются в бастионе")
    assert found.report and not (found.answered and found.results[0].id == "no-third-party")


def test_a_clear_winner_sharing_several_words_answers_despite_extra_words(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "Скриншоты в формате bmp подойдут или нужно другое?") == "screenshot-formats"


@pytest.mark.parametrize("question", ["какая погода в выходные", "куда сходить в выходные", "фильм на выходные"])
def test_meaning_alone_does_not_answer_a_message_of_foreign_words(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) is None


def test_meaning_answers_a_message_made_of_the_bases_words(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "звонить можно в выходные?") == "support-days"


def test_a_negated_word_still_counts_towards_the_plain_one(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "вы не можете воспроизвести ошибку, что дальше") == "cannot-reproduce"


def test_without_marking_is_not_with_marking(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "вы меняете ключ без маркировки") == "key-unmarked"


def test_our_product_is_named_in_any_case_form() -> None:
    assert names_our_product("ошибка базы данных в Бастионе")
    assert names_our_product("сломался хасп")
    assert not names_our_product("настройте роутер")


def test_per_entry_best_takes_each_entrys_best_phrasing_and_zero_without_one() -> None:
    per_entry = _PerEntry([0, 0, 2], count=3)
    values = np.array([[0.2, 0.7, -0.4], [0.1, 0.0, 0.9]], dtype=np.float32)
    np.testing.assert_allclose(per_entry.best(values), [[0.7, 0.0, 0.0], [0.1, 0.0, 0.9]])


def test_per_entry_refuses_phrasings_out_of_entry_order() -> None:
    with pytest.raises(ValueError, match="entry by entry"):
        _PerEntry([1, 0], count=2)
