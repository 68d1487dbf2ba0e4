"""/start, «меню» or «отмена» in the middle of an intake ask before throwing away what the client typed;
a draft with nothing typed yet goes at once."""

from __future__ import annotations

import pytest

from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS, start_ticket, walk_to_summary
from tests.fakes import EngineChat

CONFIRM = ["draft:drop", "draft:keep"]


def with_an_answer() -> EngineChat:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say(VALID_ANSWERS["contact"])
    assert chat.state.answers and chat.state.field is not None
    return chat


@pytest.mark.parametrize("typed", ["отмена", "/start", "меню", "Отменить", "/cancel"])
def test_cancelling_a_draft_with_answers_is_asked_first(typed: str) -> None:
    chat = with_an_answer()
    before = chat.state.answers.copy()
    [question] = chat.say(typed)
    assert question.text == t("draft.confirm_cancel")
    assert [c.payload for c in question.choices] == CONFIRM
    assert chat.state.stage == "field" and chat.state.answers == before


@pytest.mark.parametrize(
    "typed", ["нет", "Нет, продолжить", "продолжим", "не отменять", "2", "назад", "подождите", "секунду"]
)
def test_no_goes_on_with_the_same_question(typed: str) -> None:
    chat = with_an_answer()
    field, answers = chat.state.field, chat.state.answers.copy()
    chat.say("отмена")
    chat.say(typed)
    assert chat.state.field == field and chat.state.answers == answers
    assert t("draft.kept") in chat.text() and t(f"field.{field}.prompt") in chat.text()
    chat.say(VALID_ANSWERS[field])  # the answers go on where they stopped
    assert field in chat.state.answers


@pytest.mark.parametrize("typed", ["да", "Да, отменить", "отменить", "1", "ага", "отмена"])
def test_yes_drops_the_draft(typed: str) -> None:
    chat = with_an_answer()
    chat.say("отмена")
    chat.say(typed)
    assert chat.state.stage == "idle" and chat.state.answers == {}
    assert t("menu.cancelled") in chat.text()


@pytest.mark.parametrize("asked", ["а что удалится?", "что будет удалено", "а какие данные удалятся?"])
def test_what_would_be_dropped_asked_back_is_answered_and_the_question_stays(asked: str) -> None:
    """«а что удалится?» named deleting and used to drop the draft at once."""
    chat = with_an_answer()
    chat.say("отмена")
    [explained] = chat.say(asked)
    assert t("field.contact.label") in explained.text and t("draft.confirm_cancel") in explained.text
    assert [c.payload for c in explained.choices] == CONFIRM
    assert chat.state.stage == "field" and "contact" in chat.state.answers
    chat.say("да")
    assert chat.state.stage == "idle" and chat.state.answers == {}


def test_the_buttons_answer_too() -> None:
    chat = with_an_answer()
    chat.say("/start")
    chat.press("draft:keep")
    assert chat.state.stage == "field" and chat.state.answers
    chat.say("/start")
    chat.press("draft:drop")
    assert chat.state.stage == "idle" and chat.state.answers == {}


def test_an_answer_instead_of_yes_or_no_is_taken_as_the_answer() -> None:
    chat = with_an_answer()
    field = chat.state.field
    assert field is not None
    chat.say("отмена")
    chat.say(VALID_ANSWERS[field])
    assert field in chat.state.answers and not chat.state.confirming_cancel


def test_a_draft_with_nothing_typed_goes_at_once() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say("отмена")
    assert chat.state.stage == "idle" and t("menu.cancelled") in chat.text()


def test_data_on_file_taken_over_is_nothing_typed() -> None:
    chat = EngineChat(on_file={"city": "Самара", "organization": "ООО «Охрана-Сервис»"})
    start_ticket(chat, "consultation")
    if chat.state.stage == "returning":
        chat.press("ret:yes")
    chat.say("отмена")
    assert chat.state.stage == "idle"


def test_cancel_pressed_at_the_summary_is_asked_first() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    walk_to_summary(chat)
    chat.press("sum:cancel")
    assert chat.text() == t("draft.confirm_cancel") and chat.state.stage == "summary"
    chat.say("нет")
    assert chat.state.stage == "summary" and chat.state.answers


def test_a_late_press_after_the_draft_is_gone_is_stale() -> None:
    chat = with_an_answer()
    chat.say("отмена")
    chat.say("да")
    chat.press("draft:drop")
    assert chat.state.stage == "idle" and "другому шагу" in chat.text()


@pytest.mark.parametrize("typed", ["новая заявка", "Оформить заявку"])
def test_asking_for_a_new_request_in_a_draft_is_no_answer(typed: str) -> None:
    chat = with_an_answer()
    field, answers = chat.state.field, dict(chat.state.answers)
    chat.say(typed)
    assert chat.text().startswith(t("draft.in_progress"))
    assert chat.state.field == field and chat.state.answers == answers


@pytest.mark.parametrize(
    "typed",
    [
        "а всё разобралась, кабель отошел. не надо заявку",
        "ой всё, заработало, спасибо, заявка не нужна",
        "вопрос снят",
        "сам разобрался",
    ],
)
def test_a_request_no_longer_needed_in_the_clients_words_is_cancelled_as_at_otmena(typed: str) -> None:
    """They got «Не понял ответ» or «не похоже ни на телефон, ни на e-mail»: only the bare «отмена» worked."""
    chat = with_an_answer()
    [question] = chat.say(typed)
    assert question.text == t("draft.confirm_cancel")
    chat.press("draft:drop")
    assert chat.state.stage != "field" and not chat.state.answers


def test_trouble_that_came_back_is_a_description_not_a_cancellation() -> None:
    chat = with_an_answer()
    chat.say("после перезагрузки всё заработало на час, потом опять")
    assert chat.text() != t("draft.confirm_cancel")


def test_a_refusal_that_asks_for_a_person_is_still_a_refusal() -> None:
    """«нет не согласна, просто дайте человека» showed the consent text again."""
    chat = EngineChat()
    chat.say("соедините с живым человеком пожалуйста")
    chat.say("Оформить заявку")
    assert chat.state.stage == "consent"
    chat.say("нет не согласна, просто дайте человека")
    assert t("consent.declined") in chat.text() and chat.state.stage != "consent"


def test_the_first_message_is_the_drafts_and_cancelling_it_is_asked() -> None:
    """«вопрос снят» at the criticality question dropped the report typed first, with no question."""
    chat = EngineChat()
    chat.say("Бастион-3 не видит считыватели, ошибка")
    chat.press("consent:yes")
    assert chat.state.stage == "criticality"
    [question] = chat.say("вопрос снят")
    assert question.text == t("draft.confirm_cancel")
