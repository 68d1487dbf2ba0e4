"""Eighteenth round (issue 14): a sentence that alone is someone else's matter does not answer a report of ours."""

from __future__ import annotations

from faq.retriever import FaqIndex


def test_a_windows_server_beside_our_product_is_no_refusal(faq_index: FaqIndex) -> None:
    """«Windows Server 2019.» alone is someone else's product; beside «Бастион-3» the message is a report of ours."""
    answer = faq_index.search("Бастион-3 версия 3.1.14, Windows Server 2019. Не открываются двери по картам.")
    assert answer.report and not (answer.answered and answer.results[0].id == "no-third-party")
