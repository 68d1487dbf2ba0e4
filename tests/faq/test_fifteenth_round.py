"""Rules of the fifteenth round of issue 14 (bench/faq.py): a thing that «стоит» at the client's place with words
between («у нас на предприятии стоит ваш комплекс») is installed, not priced; a negated verb spoken to us («вы не
работаете») tells of support, not of a malfunction; a message typed in Latin letters is read in Cyrillic by the
report detector, and a Latin word whose synonyms the base knows is not mended into another word; a knowledge base
and a FAQ are the documentation; a module made («сделать нам модуль») is development to order; the price of a thing
we sell that no other entry answers is the sales department's."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "у нас на предприятии стоит ваш комплекс, во сколько вы начинаете принимать звонки по утрам",
            "support-hours",
        ),  # not the price of the complex
        ("у нас на объекте стоит ваша система, до скольки работает поддержка", "support-hours"),
        ("у вас лицензия стоит сколько?", "commercial-prices"),  # a price asked after «стоит»
    ],
)
def test_a_thing_in_place_at_the_client_is_installed_not_priced(
    faq_index: FaqIndex, question: str, entry: str | None
) -> None:
    """The entry answered, or offered when the question is declined (the first one is since the eighteenth round's
    phrasings: «Возможно, поможет» with the hours); never the price of the complex."""
    answer = faq_index.search(question)
    offered = answer.results[0] if answer.answered else answer.suggestion
    assert offered is not None and offered.id == entry


@pytest.mark.parametrize(
    ("message", "report"),
    [
        ("как узнать когда вы не работаете из-за техработ", False),
        ("а вы не работаете в субботу", False),
        ("бастион не работает", True),
        ("у вас сайт не открывается", True),
    ],
)
def test_a_negated_verb_spoken_to_us_tells_of_support(faq_index: FaqIndex, message: str, report: bool) -> None:
    assert faq_index.search(message).report is report


@pytest.mark.parametrize(
    ("message", "report"),
    [
        ("videoarhiv ne pishetsya uzhe 2 dnya", True),
        ("ne rabotaet otchet po opozdaniyam", True),
        ("kak ustanovit bastion na server", False),
        ("hasp работает нормально, спасибо", False),
    ],
)
def test_a_message_typed_in_latin_letters_is_read_as_russian_for_reports(
    faq_index: FaqIndex, message: str, report: bool
) -> None:
    assert faq_index.search(message).report is report


def test_a_latin_word_the_base_knows_by_a_synonym_is_not_mended_into_another(faq_index: FaqIndex) -> None:
    terms = faq_index._analyzer.terms("ne rabotaet otchet")
    assert "модуль" in terms and "ответ" not in terms  # «отчёт» is a module, not «ответ» one letter away


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("есть у вас на сайте какой-то faq или база знаний?", "read-docs-first"),
        ("где у вас база знаний и чаво по продукту", "read-docs-first"),
        ("база данных повреждена, поможете?", "database-errors"),
    ],
)
def test_a_knowledge_base_is_the_documentation(faq_index: FaqIndex, question: str, entry: str | None) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("сколько будет стоить сделать нам отдельный модуль под гостиницу", "new-module-order"),
        ("сколько стоит сделать модуль", "new-module-order"),  # not the price of a module we sell
        ("можете написать свой модуль под нас?", "new-module-order"),
    ],
)
def test_a_module_made_is_development_to_order(faq_index: FaqIndex, question: str, entry: str | None) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("цена модуля учёта рабочего времени", "commercial-prices"),  # not declined by «учёт» of requests
        ("мы партнер-интегратор, какие у вас цены для партнеров?", "commercial-prices"),
        ("сколько стоит айфон", None),  # nothing we sell
    ],
)
def test_a_price_of_a_thing_we_sell_no_entry_answers_is_the_sales_departments(
    faq_index: FaqIndex, question: str, entry: str | None
) -> None:
    assert top_id(faq_index, question) == entry
