"""Rules of the fifth round of issue 14 (bench/faq.py): the clients' words for withdrawing
consent, resting on holidays, choosing hardware, the product's reports and lunch, and the
clear-winner thresholds recalibrated by cross-validation on the tuning set."""

from __future__ import annotations

import pytest

from faq.analyzer import analyze
from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "text",
    ["хочу отказаться от обработки данных", "отказываемся от согласия", "как отписаться от рассылки"],
)
def test_refusing_something_reads_as_withdrawing_not_as_a_failure(text: str) -> None:
    terms = analyze(text)
    assert "отозвать" in terms
    assert "неисправный" not in terms


def test_a_device_that_refused_is_still_a_failure() -> None:
    assert "неисправный" in analyze("ключ отказал")


def test_unsubscribing_from_the_processing_gets_the_withdrawal_not_the_consent(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "как отписаться от обработки персональных данных") == "pd-withdraw"


def test_resting_on_a_holiday_asks_which_days_support_works(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "а в новый год отдыхаете?") == "support-days"


def test_picking_hardware_is_choosing_it(faq_index: FaqIndex) -> None:
    assert analyze("подобрать сервер") == analyze("выбрать сервер")
    assert top_id(faq_index, "поможете подобрать компьютеры для операторов") == "scope-hardware-choice"


def test_first_and_beforehand_mean_before(faq_index: FaqIndex) -> None:
    assert analyze("прежде") == analyze("сначала") == analyze("заранее") == ["перед"]
    assert top_id(faq_index, "что проверить заранее, до обращения к вам") == "read-docs-first"


def test_working_crookedly_is_working_incorrectly() -> None:
    assert "некорректный" in analyze("после обновления работает криво")


def test_a_report_of_the_product_is_one_of_its_modules(faq_index: FaqIndex) -> None:
    assert "модуль" in analyze("отчёт")
    assert top_id(faq_index, "нужен новый отчёт по проходам, сделаете?") == "new-module-order"


@pytest.mark.parametrize("question", ["у вас есть перерыв на обед?", "в обеденный перерыв вы работаете?"])
def test_lunch_is_a_question_of_working_hours(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "support-hours"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("не могу дозвониться на горячую линию, какой номер правильный", "contact-phone"),
        ("можете проконсультировать по установке бастиона", "scope-install-consult"),
        ("а можно ответить побыстрее чем за день?", "faster-response"),
    ],
)
def test_a_clear_winner_leading_by_a_little_answers(faq_index: FaqIndex, question: str, entry: str) -> None:
    """Two shared words and a lead of 0.05 over the next entry are enough (CLEAR_LEAD, calibrated by
    5-fold cross-validation on the tuning set); the off-topic questions of test_threshold stay declined."""
    assert top_id(faq_index, question) == entry
