"""Edits of the entry files reach a running service without a restart."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from faq.retriever import ReloadingFaq, default_entries_dir

NEW_ENTRY = """
- id: parking
  question: Есть ли парковка у офиса?
  phrasings:
    - Где поставить машину у вашего офиса?
    - Парковка для посетителей
  answer: Парковка для посетителей есть во дворе.
  tags: [парковка]
"""


def eventually(check: Callable[[], bool], seconds: float = 20.0) -> bool:
    """The index is rebuilt in a thread of its own: searches see the edit once it is done."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def entries_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "entries"
    shutil.copytree(default_entries_dir(), directory)
    return directory


def test_an_added_entry_is_found_after_an_edit(entries_dir: Path) -> None:
    faq = ReloadingFaq(entries_dir)
    faq.CHECK_INTERVAL = 0
    assert not faq.search("есть ли парковка у офиса").answered

    with (entries_dir / "general.yaml").open("a", encoding="utf-8") as file:
        file.write(NEW_ENTRY)

    assert eventually(lambda: faq.search("есть ли парковка у офиса").answered)
    assert faq.search("есть ли парковка у офиса").results[0].id == "parking"


def test_edits_are_not_looked_for_on_every_search(entries_dir: Path) -> None:
    faq = ReloadingFaq(entries_dir)
    faq.search("телефон поддержки")  # within the interval just after start
    with (entries_dir / "general.yaml").open("a", encoding="utf-8") as file:
        file.write(NEW_ENTRY)
    assert not faq.search("есть ли парковка у офиса").answered


def test_a_broken_edit_keeps_the_previous_base(entries_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    faq = ReloadingFaq(entries_dir)
    faq.CHECK_INTERVAL = 0
    (entries_dir / "general.yaml").write_text("- id: [broken\n", encoding="utf-8")

    with caplog.at_level(logging.WARNING, logger="faq.retriever"):
        faq.search("Сколько стоит техподдержка?")  # notices the edit
        assert eventually(lambda: "faq_edit_not_applied_previous_base_kept" in caplog.text)

    answer = faq.search("Сколько стоит техподдержка?")
    assert answer.answered
    assert answer.results[0].id == "support-cost"


def test_an_edit_that_fails_the_check_keeps_the_previous_base(
    entries_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    faq = ReloadingFaq(entries_dir)
    faq.CHECK_INTERVAL = 0
    with (entries_dir / "general.yaml").open("a", encoding="utf-8") as file:
        file.write("\n- id: support-cost\n  question: Дубль?\n  answer: Дубль.\n")
    with caplog.at_level(logging.WARNING, logger="faq.retriever"):
        faq.search("Сколько стоит техподдержка?")  # notices the edit
        assert eventually(lambda: "faq_edit_not_applied_previous_base_kept" in caplog.text)
    answer = faq.search("Сколько стоит техподдержка?")
    assert "бесплатн" in answer.results[0].answer


def test_searches_do_not_wait_for_a_rebuild(entries_dir: Path) -> None:
    faq = ReloadingFaq(entries_dir)
    faq.CHECK_INTERVAL = 0
    with (entries_dir / "general.yaml").open("a", encoding="utf-8") as file:
        file.write(NEW_ENTRY)
    answer = faq.search("есть ли парковка у офиса")  # starts the rebuild, answers from the previous index
    assert not answer.answered
    assert eventually(lambda: faq.search("есть ли парковка у офиса").answered)
