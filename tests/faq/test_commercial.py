"""Buying and prices go to the commercial department; support itself stays free."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "question",
    [
        "сколько стоит ваша камера",
        "хочу купить лицензию на 10 рабочих мест",
        "где купить ключ",
        "сколько стоит лицензия на рабочее место",
        "хочу приобрести ключ защиты",
        "стоимость лицензии на дополнительное рабочее место",
    ],
)
def test_purchase_and_price_questions_get_the_commercial_department(faq_index: FaqIndex, question: str) -> None:
    found = faq_index.search(question)
    assert found.answered and not found.report
    assert "Коммерческ" in found.results[0].answer
    assert found.results[0].id != "no-third-party"


def test_support_itself_is_still_free(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "Сколько стоит техподдержка?") == "support-cost"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("поможете настроить ip-камеру хиквижн?", "no-third-party"),
        ("настройте коммутатор cisco", "no-third-party"),
        ("научите программировать на java", "no-general-programming"),
        ("можете переписать модуль под наш бизнес-процесс", "no-custom-code"),
    ],
)
def test_out_of_scope_questions_still_get_the_regulations_answer(
    faq_index: FaqIndex, question: str, entry: str
) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize("question", ["сколько стоит айфон", "где купить машину", "сколько стоит билет в кино"])
def test_prices_of_other_things_are_declined(faq_index: FaqIndex, question: str) -> None:
    assert not faq_index.search(question).answered
