"""One index of the shipped knowledge base for all FAQ tests (built once: ~0.5 s)."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex


@pytest.fixture(scope="session")
def faq_index() -> FaqIndex:
    return FaqIndex.from_directory()


def top_id(index: FaqIndex, question: str) -> str | None:
    """The entry a client is shown, or None when the bot declines."""
    answer = index.search(question)
    return answer.results[0].id if answer.answered else None
