"""Questions on what happens to a client's personal data are answered by the consent's entry (Appendix 2), not by
the entry on the product's database sent on request: «а зачем вам мои данные? кому вы их передаете?» got the latter."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "question",
    ["а зачем вам мои данные? кому вы их передаете?", "а что будет с моими данными если соглашусь?"],
)
def test_a_question_on_the_clients_data_gets_the_consents_entry(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "pd-consent"


def test_the_products_database_is_still_its_own_entry(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "нужна ли вам наша база данных") == "database-on-request"
