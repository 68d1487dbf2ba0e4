"""Issue 14: beside a reported malfunction the client is offered («Возможно, поможет») only an entry about
what broke, never one that merely shares «не открывается» or «ошибка» with the report."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faq.grading import helpful_entries, suggestion_helps
from faq.retriever import FaqIndex

REPORT_SUGGESTIONS = Path(__file__).with_name("report-suggestions.yaml")


def offered(index: FaqIndex, report: str) -> str | None:
    answer = index.search(report)
    assert answer.report, report
    return answer.suggestion.id if answer.suggestion else None


@pytest.mark.parametrize(
    "report",
    [
        "программа не открывается",  # was the installer's errors: «не устанавливается продукт»
        "ПРОГРАММА НЕ ЗАПУСКАЕТСЯ, СКОЛЬКО МОЖНО!!!",  # was someone else's product
        "ВСЁ ОПЯТЬ НЕ РАБОТАЕТ, СДЕЛАЙТЕ ЧТО-НИБУДЬ",  # was the key that stopped working
        "Бастион вылетает без сообщений",  # was the installer's «вылетает сообщение об ошибке»
        "выдаёт ошибку 0x8000ffff",  # was the database's errors
    ],
)
def test_a_report_of_nothing_an_entry_is_about_gets_no_suggestion(faq_index: FaqIndex, report: str) -> None:
    assert offered(faq_index, report) is None


def test_a_key_not_seen_gets_the_entry_on_a_key_that_stopped_working(faq_index: FaqIndex) -> None:
    assert offered(faq_index, "сервер не видит хасп") == "key-fault"
    # was the entry on updates, though nothing was updated
    assert offered(faq_index, "ошибка ключа защиты при запуске") == "key-fault"


def test_a_failure_after_an_update_gets_the_entry_on_updates(faq_index: FaqIndex) -> None:
    assert offered(faq_index, "после обновления перестал запускаться АРМ") == "scope-update-problems"


def test_suggestions_beside_the_labelled_reports_mostly_help(faq_index: FaqIndex) -> None:
    """The set of issue 14 is measured by bench/faq.py (95% of 21 shown, 20 of 21 helpful ones); this guards
    the target, 90%, and that the helpful ones mostly stay."""
    cases = yaml.safe_load(REPORT_SUGGESTIONS.read_text(encoding="utf-8"))["cases"]
    verdicts = [suggestion_helps(case, faq_index.search(case["q"])) for case in cases]
    shown = [verdict for verdict in verdicts if verdict is not None]
    assert sum(shown) / len(shown) >= 0.9
    assert sum(verdicts[number] is True for number, case in enumerate(cases) if helpful_entries(case)) >= 18
