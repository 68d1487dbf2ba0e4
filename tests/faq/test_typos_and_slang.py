"""Misspelt, transliterated and slang questions still find their answer."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("скока стоит поддерка", "support-cost"),
        ("сколько стоит техподдрежка", "support-cost"),
        ("гарантя на ключь защиты", "key-warranty"),
        ("какие фарматы скриншотов", "screenshot-formats"),
        ("hasp kluch poteryal", "key-lost"),
        ("skolko stoit podderzhka", "support-cost"),
    ],
)
def test_misspelt_or_transliterated_question_is_answered(faq_index: FaqIndex, question: str, entry: str) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("донгл потеряли", "key-lost"),
        ("хасп потеряли", "key-lost"),
        ("usb-ключ потеряли", "key-lost"),
        ("есть вотсап?", "contact-messengers"),
        ("можно в ватсап написать", "contact-messengers"),
        ("в телегу можно писать?", "contact-messengers"),
        ("саппорт платный?", "support-cost"),
        ("поддержка даром?", "support-cost"),
        ("мыло техподдержки", "contact-email"),
        ("скрины в каком виде слать", "screenshot-formats"),
    ],
)
def test_synonyms_and_slang_find_the_entry(faq_index: FaqIndex, question: str, entry: str) -> None:
    assert top_id(faq_index, question) == entry


def test_skud_and_access_control_are_one_term(faq_index: FaqIndex) -> None:
    spelled_out = faq_index.search("срочно не работает система контроля доступа")
    abbreviated = faq_index.search("срочно не работает СКУД")
    assert spelled_out.answered and abbreviated.answered
    assert spelled_out.results[0].id == abbreviated.results[0].id == "critical-request"
