"""Issue 14: beside a reported malfunction the bot offers («Возможно, поможет») only an entry about what broke."""

from __future__ import annotations

import pytest

from core.texts import t
from faq.retriever import FaqAnswer, FaqHit, FaqIndex
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import EngineChat

MAYBE = t("faq.maybe_helps", answer="").strip()


def test_a_program_that_does_not_open_gets_the_intake_and_no_suggestion(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say("программа не открывается")
    assert chat.state.kind == "problem"
    assert MAYBE not in chat.text()
    assert "ошибкам установки" not in chat.text()


def test_a_key_not_seen_gets_the_intake_and_the_entry_on_keys(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    replies = chat.say("ошибка ключа защиты при запуске")
    assert chat.state.kind == "license"  # the key's request: its type and number are asked
    key_fault = next(entry for entry in faq.entries if entry.id == "key-fault")
    assert replies[-1].text == t("faq.maybe_helps", answer=key_fault.answer)


def test_the_whole_system_down_gets_no_entry_chosen_for_a_question() -> None:
    """«Система стоит» is a report by the engine's own reading, not the FAQ's: what the FAQ would offer a
    question («когда вы работаете») is no help beside it."""

    def faq(query: str) -> FaqAnswer:
        hours = FaqHit("support-hours", "В какое время работает техподдержка?", "С 8:00 до 17:00 по Москве.", 0.47)
        return FaqAnswer(query, False, (hours,), report=False, suggestion=hours)

    chat = EngineChat(faq=faq)
    chat.say("система стоит второй час")
    assert chat.state.kind == "problem"
    assert "С 8:00 до 17:00" not in chat.text()


def test_a_protection_key_s_trouble_opens_the_key_s_request_with_its_type_from_the_message(faq: FaqIndex) -> None:
    """«ключ guardant перестал определяться» used to be a problem request: the environment and the steps were asked,
    and the key's type and number, which a replacement needs (section 6 of the regulation), never."""
    chat = EngineChat(faq=faq.search)
    asked = []
    chat.say("ключ guardant перестал определяться")
    chat.press("consent:yes")
    chat.press("crit:partial")
    while not chat.tickets():
        if chat.state.stage == "summary":
            chat.press("sum:send")
        elif chat.state.stage == "form":
            chat.press("nav:skip")
        else:
            asked.append(chat.state.field)
            chat.say(VALID_ANSWERS[chat.state.field or ""])
    [ticket] = chat.tickets()
    assert ticket.kind == "license" and ticket.fields["key_type"] == "Guardant"
    assert "key_number" in asked and "key_type" not in asked  # the type was in the message
    assert ticket.fields["description"] == "ключ guardant перестал определяться"


@pytest.mark.parametrize(
    "report",
    [
        "после обновления винды перестал видеться ключ",
        "бастион не видит ключ",
        "ключ не определяется",
        "лицензия слетела после переустановки системы",  # the licences live in the key (6.1)
        "после обновления пропали все лицензии",
    ],
)
def test_a_key_the_computer_does_not_detect_is_a_protection_key(faq: FaqIndex, report: str) -> None:
    """«после обновления винды перестал видеться ключ» used to open a problem request, without the key's number."""
    chat = EngineChat(faq=faq.search)
    chat.say(report)
    assert chat.state.kind == "license"


@pytest.mark.parametrize(
    "report", ["считыватель перестал читать ключи Touch Memory", "считыватель на проходной не видит ключ"]
)
def test_a_door_key_is_no_protection_key(faq: FaqIndex, report: str) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say(report)
    assert chat.state.kind == "problem"


def test_a_declined_question_with_a_possibly_helpful_entry_is_not_told_nothing_was_found() -> None:
    """«Не нашёл готового ответа», then «Возможно, поможет: …» with an answer, read as the bot contradicting itself."""

    def faq(query: str) -> FaqAnswer:
        days = FaqHit("support-days", "В какие дни работает поддержка?", "По рабочим дням.", 0.47)
        return FaqAnswer(query, False, (days,), suggestion=days)

    chat = EngineChat(faq=faq)
    chat.say("а обучение проводите?")  # «а в праздники?» is the clock's now: the days off, with their dates
    assert t("faq.not_found_but_maybe") in chat.text() and t("faq.not_found") not in chat.text()
    said_last = chat.last.replies[-1].text if chat.last else ""
    assert said_last == t("faq.maybe_helps_question", answer="По рабочим дням.")
