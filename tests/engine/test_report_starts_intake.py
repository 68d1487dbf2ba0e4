"""Issue 14: a message reporting a malfunction starts the intake at once (consent first), the report is the
description; an FAQ entry is shown only when it answers, and with a report only second, as «Возможно, поможет»."""

from __future__ import annotations

from core.events import QuestionUnanswered, TicketOpened
from core.texts import t
from tests.engine.intake_answers import reach_ticket
from tests.fakes import EngineChat, FakeFaq

REPORT = "Перестал открываться журнал событий, пишет ошибка базы данных"


def test_a_report_starts_the_intake_with_consent_first_and_no_menu_or_kind() -> None:
    chat = EngineChat()
    replies = chat.say(REPORT)
    assert t("report.taken") in chat.text()
    assert t("faq.not_found") not in chat.text()
    assert chat.state.stage == "consent" and chat.state.kind == "problem"
    assert [c.payload for c in replies[-1].choices] == ["consent:yes", "consent:no"]
    chat.press("consent:yes")
    assert chat.state.stage == "criticality"


def test_the_report_is_the_description_and_never_asked_again() -> None:
    chat = EngineChat()
    reach_ticket(chat, REPORT)
    [ticket] = chat.tickets()
    assert ticket.kind == "problem" and ticket.fields["description"] == REPORT
    assert "description" not in chat.state.history


def test_with_a_report_a_possibly_useful_entry_comes_second() -> None:
    chat = EngineChat(faq=FakeFaq({"журнал": "Журнал событий открывается из меню «Отчёты»."}))
    replies = chat.say("Не открывается журнал событий")
    assert [r.text for r in replies[-2:]] == [
        t("consent.request", policy_url="http://www.twinpro.ru/files/policy.pdf"),
        t("faq.maybe_helps", answer="Журнал событий открывается из меню «Отчёты»."),
    ]
    assert chat.state.stage == "consent" and chat.state.faq_entry is None


def test_a_question_the_faq_answers_gets_the_answer_and_no_event() -> None:
    chat = EngineChat()
    chat.say("Сколько стоит поддержка?")
    assert "бесплатна" in chat.text() and chat.state.stage == "faq"
    assert not [e for e in chat.events if isinstance(e, QuestionUnanswered)]


def test_a_question_without_a_confident_answer_is_recorded_for_staff_and_offers_a_ticket() -> None:
    chat = EngineChat()
    chat.say("Можно ли поставить сервер оборудования на виртуальную машину?")
    assert t("faq.not_found") in chat.text()
    assert QuestionUnanswered("Можно ли поставить сервер оборудования на виртуальную машину?") in chat.events


def test_a_report_is_not_recorded_as_an_unanswered_question() -> None:
    chat = EngineChat()
    chat.say(REPORT)
    assert not [e for e in chat.events if isinstance(e, QuestionUnanswered)]


def test_a_report_after_the_menu_is_taken_the_same_way() -> None:
    chat = EngineChat(consent=True)
    chat.say("Здравствуйте")
    chat.say("Бастион не видит контроллер после обновления")
    assert chat.state.stage == "criticality" and chat.state.kind == "problem"
    assert chat.state.pending_question == "Бастион не видит контроллер после обновления"
    chat.press("crit:partial")
    assert chat.state.answers["description"] == "Бастион не видит контроллер после обновления"
    assert not [e for e in chat.events if isinstance(e, TicketOpened)]
