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


@pytest.mark.parametrize(
    "question",
    ["почём у вас контроллеры", "нужен счёт на три лицензии арм", "дайте контакт продажников", "где взять прайс"],
)
def test_a_price_or_a_purchase_in_other_words_gets_the_commercial_department(
    faq_index: FaqIndex, question: str
) -> None:
    found = faq_index.search(question)
    assert found.answered and "Коммерческ" in found.results[0].answer


@pytest.mark.parametrize("question", ["как с вами связаться по телефону", "горячая линия бесплатная?"])
def test_the_support_phone_is_not_the_sales_department(faq_index: FaqIndex, question: str) -> None:
    found = faq_index.search(question)
    assert found.answered and "8-800-25-00-846" in found.results[0].answer
    assert "Коммерческ" not in found.results[0].answer


@pytest.mark.parametrize(
    "question", ["мы купили бастион, как его установить", "хотим заказать доработку отчёта под нас"]
)
def test_a_purchase_told_or_development_to_order_is_not_a_sale(faq_index: FaqIndex, question: str) -> None:
    assert "Коммерческ" not in faq_index.search(question).results[0].answer


@pytest.mark.parametrize("question", ["сколько стоит айфон", "где купить дешёвые билеты на самолёт"])
def test_the_price_of_what_we_do_not_sell_is_declined(faq_index: FaqIndex, question: str) -> None:
    assert not faq_index.search(question).answered
