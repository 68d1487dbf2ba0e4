"""Issue 14: the name typed where the phone or e-mail is asked is the contact's name, kept and said back; it was
refused as «не похоже ни на телефон, ни на e-mail», and asked again later."""

from __future__ import annotations

from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import EngineChat


def at_contact() -> EngineChat:
    chat = EngineChat()
    chat.say("Не открывается журнал событий")
    chat.press("consent:yes")
    chat.press("crit:partial")
    assert chat.state.field == "contact"
    return chat


def test_a_name_at_the_contact_question_is_the_contact_name() -> None:
    chat = at_contact()
    chat.say("Кузнецов Сергей Петрович")
    assert chat.state.answers["contact_name"] == "Кузнецов Сергей Петрович"
    assert t("facts.noted", facts="Кузнецов Сергей Петрович") in chat.text()
    assert chat.state.field == "contact" and "не похоже" not in chat.text()
    asked = []
    for _ in range(20):
        if chat.state.stage != "field":
            break
        asked.append(chat.state.field)
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    assert "contact_name" not in asked


def test_other_words_at_the_contact_question_are_still_refused() -> None:
    chat = at_contact()
    chat.say("Самара")
    assert "contact_name" not in chat.state.answers and chat.state.field == "contact"
