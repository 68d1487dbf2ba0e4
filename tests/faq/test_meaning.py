"""Word embeddings let a client's own words count when the base words it otherwise."""

from __future__ import annotations

from faq.embeddings import load_vectors
from faq.retriever import FaqIndex


def test_the_vectors_are_loaded_once_per_process() -> None:
    assert load_vectors() is load_vectors()


def test_a_word_the_base_never_uses_still_leads_to_the_entry(faq_index: FaqIndex) -> None:
    # "сдох" and "полгода назад купили" are not the base's words; the warranty entry's are.
    found = faq_index.search("ключ hasp полгода назад купили и он сдох, поменяете бесплатно?")
    assert found.answered
    assert "бесплатн" in found.results[0].answer


def test_a_rebuilt_index_answers_the_same(faq_index: FaqIndex) -> None:
    rebuilt = FaqIndex(faq_index.entries)
    question = "у вас есть удалённое подключение для установки?"
    assert rebuilt.search(question) == faq_index.search(question)
