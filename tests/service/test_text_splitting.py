"""A long message is split into parts every messenger accepts: never an empty part, never over the limit."""

from __future__ import annotations

import pytest

from bots.delivery import split_text as split_plain
from bots.telegram_render import TEXT_LIMIT
from bots.telegram_render import split_text as split_telegram

AWKWARD = [
    "слово " * 1200,  # ~7,000 characters of words
    "начало" + " " * 5000 + "конец" + "\n" * 3000 + "ещё",  # long runs of spaces and line breaks
    "а" * 9000,  # no place to cut at all
    "<b>&amp;</b> " * 900,  # grows when escaped for HTML
]


@pytest.mark.parametrize("text", AWKWARD)
@pytest.mark.parametrize("limit", [1600, 4096, 7000])
def test_plain_parts_are_never_empty_nor_too_long(text: str, limit: int) -> None:
    parts = split_plain(text, limit)
    assert parts and all(part.strip() and len(part) <= limit for part in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("text", AWKWARD)
def test_telegram_parts_are_never_empty_nor_too_long(text: str) -> None:
    parts = split_telegram(text)
    assert parts and all(part.strip() and len(part) <= TEXT_LIMIT for part in parts)
