"""A key without the maker's marking (sold before 01.01.2013) is replaced by п. 6.5 of the regulation, whether its
number still reads or not: one entry says both. Clients say it their way («без наклейки», «номер на нём не написан»,
«куплен в 2010 году»); they got the entry on marked keys replaced free under warranty (п. 6.4)."""

from __future__ import annotations

import pytest

from faq.intent import unmarked_key
from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "question",
    [
        "ключ куплен в 2010 году, номер на нем не написан, сломался, сколько будет стоить замена?",
        "ключ старый без наклейки, перестал определяться, что можно сделать",
        "ключ без маркировки сломался",
        "ключ сломался, на нём нет никакой маркировки, как заменить?",  # it got the free replacement of 6.4
    ],
)
def test_an_unmarked_key_gets_the_rule_for_unmarked_keys(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "key-unmarked"


def test_a_report_of_an_unmarked_key_is_shown_the_rule_for_unmarked_keys(faq_index: FaqIndex) -> None:
    """«Возможно, поможет» beside the ticket was the entry on a marked key replaced free under warranty."""
    found = faq_index.search("ключ не работает, маркировки на нем нет")
    assert found.report and found.suggestion is not None and found.suggestion.id == "key-unmarked"


def test_the_entry_says_both_cases_and_the_handover(faq_index: FaqIndex) -> None:
    [entry] = [entry for entry in faq_index.entries if entry.id == "key-unmarked"]
    assert "Коммерческом департаменте" in entry.answer and "полной стоимости" in entry.answer
    assert "п. 6.6" in entry.answer


def test_a_marked_key_under_warranty_is_still_its_own_entry(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "ключ сломался, замена бесплатная?") == "key-replace-warranty"


@pytest.mark.parametrize(
    ("text", "unmarked"),
    [
        ("ключ без наклейки", True),
        ("номер на нём не написан", True),
        ("купили в 2011 году", True),
        ("нет никакой маркировки", True),
        ("маркировки на нём нет", True),
        ("ключ немаркированный", True),
        ("маркировка есть, номер 0459-123", False),
        ("ключ купили в 2019 году", False),
        ("где найти номер ключа", False),
    ],
)
def test_what_tells_an_unmarked_key(text: str, unmarked: bool) -> None:
    assert unmarked_key(text) is unmarked
