"""A key that died without damage is replaced free under the warranty (regulation 6.4, 6.7): the entry on mechanical
damage, which such questions may meet, opened with «Нет, гарантия не распространяется…» and denied it."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "КЛЮЧ СГОРЕЛ!!! ЧТО ДЕЛАТЬ",
        "ключ сгорел после грозы гарантия есть",
        "распространяется ли гарантия на ключ Guardant, купленный в марте, если он перестал определяться без видимых "
        "механических повреждений?",
        "ключ guardant треснул, замените по гарантии?",
    ],
)
def test_an_answer_about_a_dead_key_never_denies_the_warranty_for_a_fault_without_damage(
    faq_index: FaqIndex, question: str
) -> None:
    found = faq_index.search(question)
    if found.answered:
        answer = found.results[0].answer
        assert "бесплатно" in answer and not answer.startswith("Нет")
