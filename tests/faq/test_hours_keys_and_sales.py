"""Issue 14, third round: the miss categories of held-out 3, in words of the tuning kind.

A key that stopped working is a report (ticket first, the warranty terms beside it);
a time of day asks the working hours; sales contacts lead to the commercial department.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faq.analyzer import QueryAnalyzer
from faq.grading import load_cases, passes
from faq.retriever import FaqAnswer, FaqHit, FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "report",
    ["перестал работать ключ guardant", "хасп не определяется", "ключ защиты сломался, что делать"],
)
def test_a_broken_key_opens_a_ticket_and_offers_the_warranty_terms(faq_index: FaqIndex, report: str) -> None:
    found = faq_index.search(report)
    assert found.report
    assert found.suggestion is not None and found.suggestion.id == "key-fault"
    assert "бесплатно" in found.suggestion.answer and "Коммерческом департаменте" in found.suggestion.answer


@pytest.mark.parametrize(
    "question",
    ["вы до пяти работаете?", "до 18:00 принимаете заявки?", "после шести можно звонить?", "с 8 утра отвечаете?"],
)
def test_a_time_of_day_asks_the_working_hours(faq_index: FaqIndex, question: str) -> None:
    found = faq_index.search(question)
    assert found.answered and "17:00" in found.results[0].answer


@pytest.mark.parametrize(
    "text", ["ключи маркируются с 01.01.2013", "ответ до 3 дней", "гарантия после 5 лет", "со 2 этажа"]
)
def test_dates_and_counts_are_no_time_of_day(text: str) -> None:
    assert "час" not in QueryAnalyzer({}).terms(text)


@pytest.mark.parametrize("question", ["телефон отдела продаж", "дайте контакты продажников"])
def test_sales_contacts_lead_to_the_commercial_department(faq_index: FaqIndex, question: str) -> None:
    found = faq_index.search(question)
    assert found.answered and "Коммерческ" in found.results[0].answer


def test_a_question_in_the_bases_own_words_is_answered_and_a_calendar_question_is_not(
    faq_index: FaqIndex,
) -> None:
    assert top_id(faq_index, "по каким дням недели поддержка") == "support-days"
    assert top_id(faq_index, "какой сегодня день недели") is None


def test_serial_number_slang_means_the_key_marking(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "где посмотреть серийник ключа") == "key-marking"


def _answer(report: bool, suggestion: str | None) -> FaqAnswer:
    hit = FaqHit("key-fault", "?", suggestion or "", 0.6)
    return FaqAnswer("ключ сдох", False, (hit,), report=report, suggestion=hit if suggestion else None)


def test_a_report_is_judged_by_the_entry_offered_beside_the_ticket() -> None:
    case = {"q": "ключ сдох", "any": ["бесплатн"]}
    assert passes(case, _answer(report=True, suggestion="заменяется бесплатно"))
    assert not passes(case, _answer(report=True, suggestion=None))
    assert not passes(case, _answer(report=False, suggestion="заменяется бесплатно"))  # «не нашёл» comes first
    assert passes({"q": "ключ сдох", "report": True}, _answer(report=True, suggestion=None))
    assert not passes({"q": "ключ сдох", "report": True}, _answer(report=False, suggestion=None))


def test_fourth_heldout_set_does_not_collapse(faq_index: FaqIndex) -> None:
    """Written before the third round of tuning and never tuned on; the target is 95% (bench/faq.py)."""
    cases = load_cases(Path(__file__).with_name("heldout-4.yaml"))
    assert sum(passes(case, faq_index.search(case["q"])) for case in cases) / len(cases) >= 0.85
    declined = [case for case in cases if case.get("answered") is False]
    assert all(passes(case, faq_index.search(case["q"])) for case in declined)


@pytest.mark.parametrize(
    "report",
    [
        "контроллер постоянно теряет связь",
        "программа закрывается сама через минуту",
        "прибор ОПС не на связи",
        "журнал событий пустой",
        "турникет заблокирован",
        "сервер отвечает очень долго",
    ],
)
def test_a_lost_link_a_spontaneous_stop_or_a_bad_state_is_a_report(faq_index: FaqIndex, report: str) -> None:
    assert faq_index.search(report).report


@pytest.mark.parametrize(
    "question",
    ["закройте заявку пожалуйста", "потеряли ключ с лицензиями, как восстановить?", "как долго ждать ответа"],
)
def test_closing_a_ticket_a_lost_key_or_asking_how_long_is_no_report(faq_index: FaqIndex, question: str) -> None:
    assert not faq_index.search(question).report
