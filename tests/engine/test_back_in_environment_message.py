"""Issue 14: the optional environment items come in one numbered message. «Назад» there does what it does at any
question of the intake: back to the question before, its answer forgotten; and «Назад» at the question after the
message brings the whole message back."""

from __future__ import annotations

import pytest

from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS, answer_form, start_ticket, walk_to_summary
from tests.fakes import EngineChat

ENVIRONMENT = ["antivirus", "hardware", "network", "pcs", "subsystems", "connection"]


def at_environment() -> EngineChat:
    """A new client with a problem, every question before the environment message answered."""
    chat = EngineChat()
    start_ticket(chat, "problem")
    while chat.state.stage == "field":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    assert chat.state.stage == "form" and chat.state.form_keys == ENVIRONMENT
    assert t("form.group_header") in chat.text()
    return chat


@pytest.mark.parametrize("back", ["Назад", "назад!", "  НАЗАД ", None])
def test_back_in_the_environment_message_asks_the_question_before_again(back: str | None) -> None:
    chat = at_environment()
    if back is None:
        chat.press("nav:back")
    else:
        chat.say(back)
    assert chat.state.stage == "field" and chat.state.field == "os" and "os" not in chat.state.answers
    assert chat.text().startswith("Операционная система")
    chat.say("Windows 10 64-бит")
    assert chat.state.stage == "form" and chat.state.form_keys == ENVIRONMENT
    assert t("form.group_header") in chat.text()
    chat.say(answer_form(chat))
    walk_to_summary(chat)
    assert "Операционная система: Windows 10 64-бит" in chat.text()


def test_back_after_the_environment_message_brings_the_whole_message_back() -> None:
    chat = at_environment()
    chat.say(answer_form(chat))
    assert chat.state.field == "device_involved"
    chat.say("назад")
    assert chat.state.stage == "form" and chat.state.form_keys == ENVIRONMENT
    assert not set(ENVIRONMENT) & set(chat.state.answers)  # the message's answers are forgotten
    chat.say("1. Dr.Web 12")
    assert chat.state.field == "device_involved"
    walk_to_summary(chat)
    summary = chat.text()
    assert "Антивирус и брандмауэры: Dr.Web 12" in summary and VALID_ANSWERS["antivirus"] not in summary
    assert "Аппаратная конфигурация: —" in summary  # left out the second time: skipped


def test_back_after_skipping_the_environment_message_brings_it_back_too() -> None:
    chat = at_environment()
    chat.press("nav:skip")
    chat.say("назад")
    assert chat.state.stage == "form" and chat.state.form_keys == ENVIRONMENT
    chat.say("назад")  # and once more: the question before the message
    assert chat.state.field == "os"


def test_back_where_only_a_refused_item_is_asked_again_leaves_the_message() -> None:
    chat = at_environment()
    chat.say("1. Kaspersky 12\n4. много")  # the number of PCs needs a number: asked again, alone
    assert chat.state.stage == "form" and chat.state.form_keys == ["pcs"]
    chat.say("назад")
    assert chat.state.stage == "field" and chat.state.field == "os"
    assert not set(ENVIRONMENT) & set(chat.state.answers)  # nothing of the message is kept half-answered
    chat.say(VALID_ANSWERS["os"])
    assert chat.state.form_keys == ENVIRONMENT


def test_back_in_the_environment_message_after_the_critical_ticket_opened() -> None:
    chat = EngineChat()
    start_ticket(chat, "problem", "stopped")
    while chat.state.stage == "field":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    assert chat.tickets() and chat.state.stage == "form"
    chat.say("Назад")
    assert chat.state.field == "os" and chat.state.open_ticket_number == "2026-00001"
    chat.say("Windows 11 64-бит")
    assert chat.state.stage == "form"
    chat.press("nav:skip")
    assert chat.state.field == "device_involved"


def test_the_items_skipped_told_at_the_next_question_are_taken() -> None:
    """«касперский стоит» answered the antivirus and skipped the rest; «один сервер, 3 рабочих места, контроллеры
    через преобразователь usb-485» at the next question was refused as no «да» or «нет», and lost."""
    chat = at_environment()
    chat.say("касперский стоит")
    assert chat.state.answers["antivirus"] == "касперский стоит" and chat.state.answers["pcs"] == ""
    asked = chat.state.field

    chat.say("один сервер, 3 рабочих места, контроллеры через преобразователь usb-485")

    answers = chat.state.answers
    assert answers["pcs"] == "3 рабочих места" and answers["connection"] == "контроллеры через преобразователь usb-485"
    assert chat.state.field == asked and chat.text().startswith("Дописал в заявку")
