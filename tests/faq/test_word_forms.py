"""Different forms of the same words find the same entry."""

from __future__ import annotations

import pytest

from faq.analyzer import analyze
from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    ("questions", "entry"),
    [
        (["ключ потерялся", "потеряли ключи", "ключ был потерян", "потеря ключа"], "key-lost"),
        (["гарантия на ключи", "гарантии на ключ какие", "ключу положена гарантия?"], "key-warranty"),
        (["скриншоты в каком формате", "формат скриншота", "форматы для скриншотов"], "screenshot-formats"),
        (["работаете в выходные?", "выходной день работаете", "работает ли поддержка в выходной"], "support-days"),
    ],
)
def test_word_forms_find_the_same_entry(faq_index: FaqIndex, questions: list[str], entry: str) -> None:
    assert [top_id(faq_index, question) for question in questions] == [entry] * len(questions)


@pytest.mark.parametrize("text", ["антивирус касперского блокирует", "касперским проверили", "стоит Касперский"])
def test_a_vendor_the_glossary_lists_is_a_term_in_any_case(text: str) -> None:
    """pymorphy3 reads «Касперского» as a surname, and names are dropped; a listed vendor is kept."""
    assert "сторонний" in analyze(text)


def test_a_persons_name_is_still_dropped() -> None:
    assert analyze("меня зовут Иван Петров") == ["звать"]
