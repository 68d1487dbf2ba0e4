"""Free text is looked up first; answers offer «Помогло» / «Оформить заявку»; misses offer a ticket."""

from __future__ import annotations

from core.events import FaqFeedback, TicketOpened
from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS, walk_to_summary
from tests.fakes import EngineChat, FakeFaq


def test_known_question_is_answered_with_feedback_choices() -> None:
    chat = EngineChat()
    replies = chat.say("Сколько стоит поддержка?")
    answer = replies[-1]
    assert "бесплатна" in answer.text
    assert [c.payload for c in answer.choices] == ["faq:helped", "menu:ticket"]
    chat.press("faq:helped")
    assert FaqFeedback("faq-стоит", "Сколько стоит поддержка?", helpful=True) in chat.events
    assert t("faq.thanks") in chat.text()


def test_unknown_question_offers_a_ticket_with_the_question_as_description() -> None:
    chat = EngineChat()
    chat.say("Можно ли поставить сервер оборудования на виртуальную машину?")
    assert t("faq.not_found") in chat.text()
    chat.press("menu:ticket")
    chat.press("consent:yes")
    chat.press("kind:consultation")
    asked = walk_to_summary(chat)
    assert "description" not in asked
    chat.press("sum:send")
    ticket = next(e for e in chat.events if isinstance(e, TicketOpened))
    assert ticket.fields["description"] == "Можно ли поставить сервер оборудования на виртуальную машину?"


def test_not_helpful_answer_is_recorded_and_leads_to_a_ticket() -> None:
    chat = EngineChat()
    chat.say("Сколько стоит поддержка?")
    chat.say("Оформить заявку")
    assert FaqFeedback("faq-стоит", "Сколько стоит поддержка?", helpful=False) in chat.events
    assert chat.state.stage == "consent"


def test_not_helped_with_more_told_keeps_the_question_and_what_was_told() -> None:
    """«не помогло, …» longer than a button's words started over from it: the question it answered was lost."""
    chat = EngineChat()
    chat.say("Сколько стоит поддержка?")
    chat.say("не помогло, нам нужна поддержка на выезде, объект в области")
    assert FaqFeedback("faq-стоит", "Сколько стоит поддержка?", helpful=False) in chat.events
    assert chat.state.pending_question == "Сколько стоит поддержка?\nнам нужна поддержка на выезде, объект в области"
    assert chat.state.stage == "consent"


def test_not_helped_alone_adds_nothing_to_the_question() -> None:
    """«это не ответ» was copied into the ticket's description after the question."""
    chat = EngineChat()
    chat.say("Сколько стоит поддержка?")
    chat.say("это не ответ")
    assert chat.state.pending_question == "Сколько стоит поддержка?" and chat.state.stage == "consent"


def test_question_typed_during_the_intake_is_answered_then_the_step_repeated() -> None:
    chat = EngineChat(consent=True)
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("kind:consultation")
    chat.say(VALID_ANSWERS["contact"])
    assert chat.state.field == "organization"
    replies = chat.say("А какие у вас часы работы?")
    assert "С 8 до 17" in replies[0].text
    assert t("field.organization.prompt") in replies[-1].text
    assert chat.state.field == "organization" and "organization" not in chat.state.answers


def test_greeting_alone_is_not_looked_up() -> None:
    chat = EngineChat()
    chat.say("Добрый день!")
    assert t("menu.greeting") in chat.text()
    assert t("faq.not_found") not in chat.text()


def test_menu_option_typed_as_its_number_is_not_looked_up() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("1")
    assert chat.state.stage == "consent"


def test_two_questions_in_one_message_get_both_answers() -> None:
    """«сколько ждать ответа после заявки? и поддержка платная?» got the reaction time alone."""
    chat = EngineChat(faq=FakeFaq({"ждать": "Один рабочий день.", "платн": "Поддержка бесплатна."}))
    chat.say("сколько ждать ответа после заявки? и поддержка платная?")
    assert "Один рабочий день." in chat.text() and "Поддержка бесплатна." in chat.text()


def test_a_day_asked_beside_another_question_gets_the_calendars_answer_too() -> None:
    """«сколько ждать ответа? и в субботу работаете?» got the Saturday alone: the clock took the whole message."""
    chat = EngineChat(faq=FakeFaq({"ждать": "Один рабочий день."}))
    chat.say("сколько ждать ответа? и в субботу работаете?")
    assert "Один рабочий день." in chat.text() and "в субботу" in chat.text()
