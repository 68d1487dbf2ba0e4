"""Edits of the entry files reach a running service without a restart."""

from __future__ import annotations

import logging
import shutil
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

    answer = faq.search("есть ли парковка у офиса")
    assert answer.answered
    assert answer.results[0].id == "parking"


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
        answer = faq.search("Сколько стоит техподдержка?")

    assert answer.answered
    assert answer.results[0].id == "support-cost"
    assert "faq_edit_not_applied_previous_base_kept" in caplog.text


def test_an_edit_that_fails_the_check_keeps_the_previous_base(entries_dir: Path) -> None:
    faq = ReloadingFaq(entries_dir)
    faq.CHECK_INTERVAL = 0
    with (entries_dir / "general.yaml").open("a", encoding="utf-8") as file:
        file.write("\n- id: support-cost\n  question: Дубль?\n  answer: Дубль.\n")
    answer = faq.search("Сколько стоит техподдержка?")
    assert "бесплатн" in answer.results[0].answer
