"""A full intake of each ticket kind asks what that kind needs and opens a ticket with all of it."""

from __future__ import annotations

import pytest

from core.events import ConsentGiven, TicketOpened
from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import start_ticket, walk_to_summary
from tests.fakes import EngineChat

APPENDIX_1_PROBLEM = {
    "contact",
    "organization",
    "city",
    "contact_name",
    "product_name",
    "product_version",
    "os",
    "antivirus",
    "hardware",
    "network",
    "pcs",
    "subsystems",
    "connection",
    "device_involved",
    "expected",
    "description",
    "steps",
    "actual",
}  # and the screenshots, invited at the summary


def opened(chat: EngineChat) -> TicketOpened:
    chat.press("sum:send")
    tickets = [e for e in chat.events if isinstance(e, TicketOpened)]
    assert len(tickets) == 1
    return tickets[0]


def test_problem_asks_every_appendix_1_item_and_opens_a_high_priority_ticket() -> None:
    chat = EngineChat()
    start_ticket(chat, "problem", "partial")
    asked = walk_to_summary(chat)
    assert set(asked) == APPENDIX_1_PROBLEM
    assert t("field.screenshots.prompt") in chat.text()
    ticket = opened(chat)
    assert ticket.kind == "problem" and ticket.priority == "high"
    assert ticket.fields["contact"] == "+78465551234"
    assert ticket.fields["os"] == "Windows Server 2019 64-бит"
    assert ticket.fields["device_involved"] == "Нет"
    assert chat.state.stage == "ticket_open"


def test_device_questions_only_when_a_device_is_concerned() -> None:
    chat = EngineChat()
    start_ticket(chat, "problem", "partial")
    answers = {
        "device_involved": "да",
        "device_name": "контроллер Сфинкс-2",
        "device_firmware": "2.04",
        "device_modules": "пропустить",
        "device_date": "03.2021",
    }
    asked = walk_to_summary(chat, **answers)
    assert {"device_name", "device_firmware", "device_modules", "device_date"} <= set(asked)
    ticket = opened(chat)
    assert ticket.priority == "high"
    assert ticket.fields["device_firmware"] == "2.04" and ticket.fields["device_modules"] == ""


def test_consultation_is_short_and_normal_priority() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    asked = walk_to_summary(chat)
    assert "steps" not in asked and "os" not in asked and "pcs" not in asked
    assert "description" in asked
    ticket = opened(chat)
    assert ticket.priority == "normal"


def test_licence_key_asks_key_type_and_number() -> None:
    chat = EngineChat()
    start_ticket(chat, "license", "question")
    asked = walk_to_summary(chat)
    assert {"key_type", "key_number", "os", "actual"} <= set(asked)
    assert "steps" not in asked
    ticket = opened(chat)
    assert ticket.fields["key_type"] == "HASP"


def test_wish_explains_the_specification_rule_and_skips_reproduction() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    chat.press("kind:wish")
    assert t("kind.wish_note") in chat.text()
    assert "10 рабочих дней" in chat.text()
    asked = walk_to_summary(chat, product_version="пропустить")
    assert "steps" not in asked and "actual" not in asked
    ticket = opened(chat)
    assert ticket.priority == "low" and ticket.fields["product_version"] == ""


def test_consent_is_asked_before_any_personal_question() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    assert chat.state.stage == "consent"
    assert "152-ФЗ" in chat.text() and "policy.pdf" in chat.text()
    chat.say("согласен")
    assert any(isinstance(e, ConsentGiven) for e in chat.events)
    assert chat.state.stage == "kind"


@pytest.mark.parametrize("typed", ["1", "проблема в работе", "Проблема"])
def test_kind_can_be_typed_as_number_or_words(typed: str) -> None:
    chat = EngineChat(consent=True)
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.say(typed)
    assert chat.state.kind == "problem"


def test_a_wish_told_in_the_first_message_is_not_asked_its_kind_nor_its_result() -> None:
    """«Хотим, чтобы в отчёте по проходам в Бастион-2 была колонка…» was asked «С чем вы обращаетесь?» and then
    «Какой результат должна давать новая функция?», which its first message had said."""
    wish = "Здравствуйте! Хотим, чтобы в отчёте по проходам в Бастион-2 была колонка с табельным номером сотрудника"
    chat = EngineChat(faq=FaqIndex.from_directory().search)
    chat.say(wish)
    chat.press("consent:yes")
    assert chat.state.kind == "wish" and chat.state.answers["expected"] == wish
    asked = walk_to_summary(chat, product_version="пропустить")
    assert "expected" not in asked
