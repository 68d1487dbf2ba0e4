"""Rules of the thirteenth round of issue 14 (bench/faq.py): «должен» and «туда / сюда» carry no topic, «перс» is
«персональный», a thing that «побилась» is damaged, our product linked «с» another program («связать бастион с 1С») is
integration, a thing that «стоит» in place («какой антивирус стоит») is installed, not priced, a negation reaches two
words at most, and two entries got a phrasing (the order of requests, a report of an unmarked key whose number reads).
Other vendors' goods priced or bought («сколько стоит камера dahua», «лицензия windows»), a choice between other
vendors' products («что лучше: hikvision или dahua») and someone else's hours («часы работы у налоговой») are
declined."""

from __future__ import annotations

import pytest

from faq.analyzer import analyze, installed_read
from faq.intent import names_exchange
from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


def shown_id(index: FaqIndex, question: str) -> str | None:
    """The entry the client reads: the answer, or beside a report the entry offered."""
    answer = index.search(question)
    if answer.report:
        return answer.suggestion.id if answer.suggestion else None
    return answer.results[0].id if answer.answered else None


def test_must_carries_no_topic(faq_index: FaqIndex) -> None:
    assert "должный" not in analyze("на ключе должен быть номер?")
    assert top_id(faq_index, "на ключе должен быть номер?") == "key-marking"


def test_pers_is_personal(faq_index: FaqIndex) -> None:
    assert "персональный" in analyze("согласие на перс данные")
    assert top_id(faq_index, "зачем вы просите согласие на перс данные") == "pd-consent"


def test_a_database_that_broke_is_damaged(faq_index: FaqIndex) -> None:
    assert "повреждение" in analyze("база побилась")
    assert "повреждение" not in analyze("побить рекорд")
    assert top_id(faq_index, "база данных бастиона побилась, подскажете как восстановить?") == "database-errors"


def test_our_product_linked_with_another_program_is_integration(faq_index: FaqIndex) -> None:
    assert names_exchange("можно ли бастион связать с нашей 1с")
    assert not names_exchange("как связаться с поддержкой")
    assert top_id(faq_index, "можно ли бастион связать с нашей 1с") == "scope-integration"
    assert top_id(faq_index, "как связаться с поддержкой") == "contact-channels"


def test_a_thing_that_stands_in_place_is_installed_not_priced(faq_index: FaqIndex) -> None:
    assert "установлен" in installed_read("какой антивирус стоит")
    assert "установлен" in installed_read("у нас стоит касперский")
    unchanged = ("сколько стоит ключ", "стоит ли покупать", "какой ключ стоит купить", "какая лицензия сколько стоит")
    for text in unchanged:
        assert installed_read(text) == text
    assert top_id(faq_index, "нужно ли указывать какой антивирус стоит") == "request-system-info"
    assert top_id(faq_index, "сколько стоит лицензия на рабочее место") == "commercial-prices"


def test_worth_doing_is_no_price(faq_index: FaqIndex) -> None:
    """«чем отличается бастион 2 от бастион 3, стоит ли переходить?» was answered with the commercial department's
    prices (round of 2026-12-05)."""
    assert installed_read("стоит ли писать") == "имеет смысл писать"
    asked = "чем отличается бастион 2 от бастион 3, стоит ли переходить?"
    assert not faq_index.search(asked).answered or top_id(faq_index, asked) != "commercial-prices"


def test_there_and_here_carry_no_topic(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "как грамотно накатать заявку чтоб не гоняли туда сюда") == "how-to-write-request"


def test_others_answered_first_is_the_order_of_requests(faq_index: FaqIndex) -> None:
    """The negation of a stop word («не берут») does not reach past two words («, а другим»), and the entry on the
    order of requests says whom it answers first («Почему другим ответили раньше, чем мне?»): both are needed."""
    assert "не другой" not in analyze("почему мою заявку не берут, а другим уже ответили")
    assert "не работа" in analyze("не всегда работает")
    assert top_id(faq_index, "почему мою заявку не берут, а другим уже ответили") == "queue-order"


def test_a_faulty_unmarked_key_whose_number_reads(faq_index: FaqIndex) -> None:
    question = "ключ старый, без номера, но лицензии с него прога читает. он глючит, как поменять?"
    assert faq_index.search(question).report
    assert shown_id(faq_index, question) == "key-unmarked"


@pytest.mark.parametrize(
    "question",
    [
        "сколько стоит камера hikvision на озоне",
        "где купить камеру hikvision",
        "сколько стоит ноутбук lenovo",
        "сколько стоит сервер dell",
        "сколько стоит лицензия windows",
        "где купить лицензию windows 10",
        "сколько стоит лицензия касперского",
    ],
)
def test_other_vendors_goods_are_declined(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) is None


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("сколько стоит ваша камера", "commercial-prices"),
        ("какая цена лицензии бастиона для камер hikvision", "commercial-prices"),
        ("где купить ключ hasp", "commercial-purchase"),
        ("какой сервер лучше купить под бастион", "scope-hardware-choice"),
    ],
)
def test_our_goods_are_still_the_sales_department(faq_index: FaqIndex, question: str, entry: str) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    "question",
    [
        "какой антивирус лучше касперский или доктор веб",
        "что лучше hikvision или dahua",
        "какой роутер лучше микротик или cisco",
    ],
)
def test_a_choice_between_other_vendors_products_is_declined(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) is None


def test_how_best_to_set_up_and_programming_keep_their_refusals(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "как лучше настроить микротик") == "no-third-party"
    assert top_id(faq_index, "что лучше python или c#") == "no-general-programming"


@pytest.mark.parametrize("question", ["режим работы у налоговой", "часы работы у пенсионного фонда"])
def test_someone_elses_hours_are_declined(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) is None


@pytest.mark.parametrize(
    "question",
    [
        "какой график работы у техподдержки твинпро",
        "а у отдела техподдержки есть перерыв?",
        "обед у поддержки во сколько",
    ],
)
def test_supports_hours_asked_with_u_are_ours(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "support-hours"
