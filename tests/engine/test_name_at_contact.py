"""Issue 14: the name typed where the phone or e-mail is asked is the contact's name, kept and said back; it was
refused as «не похоже ни на телефон, ни на e-mail», and asked again later; the same at the organisation
question, and after «я же написала»."""

from __future__ import annotations

from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS, answer_until
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


def test_a_name_at_the_organisation_question_is_the_contact_name_too() -> None:
    """«Морозова Татьяна» at «Как называется ваша организация?» was refused, and the name asked again later."""
    chat = at_contact()
    chat.say(VALID_ANSWERS["contact"])
    assert chat.state.field == "organization"
    chat.say("Морозова Татьяна")
    assert chat.state.answers["contact_name"] == "Морозова Татьяна" and chat.state.field == "organization"
    assert "organization" not in chat.state.answers


def test_an_answer_after_pointing_back_is_taken() -> None:
    """«я же написала Соколова Ирина» got «В ваших сообщениях ответа на этот вопрос я не нашёл»."""
    chat = answer_until(at_contact(), "contact_name")
    chat.say("я же написала Соколова Ирина")
    assert chat.state.answers["contact_name"] == "Соколова Ирина"


def test_once_the_name_is_known_a_persons_name_is_still_no_city() -> None:
    """The ticket's card said «Город: Кузнецов Дмитрий»: with the name given, it is refused, not kept anywhere."""
    chat = at_contact()
    chat.say("Соколова Ирина")
    chat.say(VALID_ANSWERS["contact"])
    chat.say(VALID_ANSWERS["organization"])
    assert chat.state.field == "city"
    chat.say("Кузнецов Дмитрий")
    assert t("invalid.person_for.city") in chat.text() and "city" not in chat.state.answers
    assert chat.state.answers["contact_name"] == "Соколова Ирина"
