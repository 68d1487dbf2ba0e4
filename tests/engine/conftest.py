"""One index of the shipped knowledge base for the engine's tests that talk to the real FAQ (built once)."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex


@pytest.fixture(scope="session")
def faq() -> FaqIndex:
    return FaqIndex.from_directory()
