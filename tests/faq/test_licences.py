"""More licences are bought (the sales department), and a licence moves with its key: «нужно больше лицензий на
ключ» got an offer of a wish written as a specification, «как перенести лицензию на другой компьютер» the prices."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "question", ["нужно больше лицензий на ключ, добавить 10 точек доступа", "нужны дополнительные лицензии"]
)
def test_more_licences_are_the_sales_departments(faq_index: FaqIndex, question: str) -> None:
    assert (top_id(faq_index, question) or "").startswith("commercial-")


def test_a_licence_moves_with_its_key(faq_index: FaqIndex) -> None:
    answer = faq_index.search("как перенести лицензию на другой компьютер?")
    assert answer.answered and "переставьте на него ключ" in answer.results[0].answer
