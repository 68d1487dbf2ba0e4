"""Issue 14: beside a reported malfunction the bot offers («Возможно, поможет») only an entry about what broke."""

from __future__ import annotations

import pytest

from core.texts import t
from faq.retriever import FaqAnswer, FaqHit, FaqIndex
from tests.fakes import EngineChat

MAYBE = t("faq.maybe_helps", answer="").strip()


@pytest.fixture(scope="module")
def faq() -> FaqIndex:
    return FaqIndex.from_directory()


def test_a_program_that_does_not_open_gets_the_intake_and_no_suggestion(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say("программа не открывается")
    assert chat.state.kind == "problem"
    assert MAYBE not in chat.text()
    assert "ошибкам установки" not in chat.text()


def test_a_key_not_seen_gets_the_intake_and_the_entry_on_keys(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    replies = chat.say("ошибка ключа защиты при запуске")
    assert chat.state.kind == "problem"
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
