"""Other makers of security systems (PERCo, Болид, Trassir…) are other vendors, whose products are theirs to support
(section 5.4): «болид сигнал-20 не программируется через пульт» opened a ticket to our engineers; with our product
named («бастион не видит приборы болид») it is still ours."""

from __future__ import annotations

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


def test_another_makers_device_gets_the_refusal(faq_index: FaqIndex) -> None:
    answer = faq_index.search("у нас болид сигнал-20 не программируется через пульт, подскажите")
    assert answer.answered and not answer.report and answer.results[0].id == "no-third-party"
    assert top_id(faq_index, "как настроить трассир") == "no-third-party"


def test_our_product_with_another_makers_device_is_ours(faq_index: FaqIndex) -> None:
    assert faq_index.search("бастион не видит приборы болид").report
