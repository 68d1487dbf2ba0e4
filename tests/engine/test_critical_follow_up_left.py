"""Issue 14: a critical ticket opens at once and asks the rest of Appendix 1 afterwards. A client who stops
answering those questions (cancels, goes to the menu, starts a new request, writes about another problem,
withdraws consent) leaves no item silently empty: each one not answered reaches the ticket marked as not given,
so that its engineers see what is missing; what was answered stays as answered."""

from __future__ import annotations

import pytest

from core import walker
from core.events import ClientWroteOnTicket, TicketFieldsAdded
from core.stages.rating import ask_rating
from core.texts import t
from service.runtime import Runtime
from storage.repos import tickets
from tests.engine.desk_chat import RecordingChat, said
from tests.engine.intake_answers import VALID_ANSWERS, ticket_items
from tests.fakes import EngineChat

NOT_GIVEN = t("followup.not_given")
PENDING = t("followup.pending")
NUMBER = "2026-00001"


def in_follow_up(*answered: str) -> EngineChat:
    """A critical ticket just opened; the questions after it answered as far as ``answered``."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    chat.press("kind:problem")
    chat.press("crit:stopped")
    while not chat.tickets():
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    for key in answered:
        assert chat.state.field == key
        chat.say(VALID_ANSWERS[key])
    return chat


LEAVING = [
    pytest.param({"text": "отмена"}, id="cancel"),
    pytest.param({"text": "меню"}, id="menu"),
    pytest.param({"text": "/start"}, id="start"),
    pytest.param({"text": "новая заявка"}, id="a new request typed"),
    pytest.param({"choice": "menu:ticket"}, id="the menu's button pressed"),
    pytest.param({"text": "У меня другой вопрос"}, id="another problem"),
    pytest.param({"text": "Отозвать согласие"}, id="consent withdrawn"),
]


@pytest.mark.parametrize("leaving", LEAVING)
def test_items_not_answered_reach_the_ticket_marked_as_not_given(leaving: dict[str, str]) -> None:
    chat = in_follow_up("contact_name", "product_name")
    chat.say(**leaving)
    fields = ticket_items(chat)
    assert fields["contact_name"] == "Смирнова Анна" and fields["product_name"] == VALID_ANSWERS["product_name"]
    assert fields["city"] == "Самара" and fields["description"] == VALID_ANSWERS["description"]
    expected = {f.key for f in walker.summary_items("problem", {})} - {"contact", "organization", "city"}
    not_given = expected - {"contact_name", "product_name", "description"}
    assert {key for key, value in fields.items() if value == NOT_GIVEN} == not_given
    assert "os" in not_given and "device_involved" in not_given and "actual" in not_given
    assert len(chat.tickets()) == 1


def test_what_the_client_skipped_stays_skipped_and_what_was_never_asked_is_marked() -> None:
    chat = in_follow_up("contact_name", "product_name", "product_version", "os")
    assert chat.state.stage == "form"
    chat.press("nav:skip")  # the environment items, skipped on purpose
    chat.say("отмена")
    fields = ticket_items(chat)
    assert fields["antivirus"] == "" and fields["connection"] == ""  # «—»: the client chose not to say
    assert fields["device_involved"] == NOT_GIVEN and fields["expected"] == NOT_GIVEN
    assert walker.field_lines(fields).count(NOT_GIVEN) == 4  # device_involved, expected, steps, actual


def test_the_marks_are_never_offered_back_to_the_client() -> None:
    chat = in_follow_up("contact_name")
    chat.say("отмена")
    added = chat.events[-1]
    assert isinstance(added, TicketFieldsAdded) and added.fields["product_name"] == NOT_GIVEN
    assert added.remembered == {}


def test_cancel_tells_the_client_the_ticket_stays_open_and_messages_reach_it() -> None:
    chat = in_follow_up()
    chat.say("меню")
    assert chat.text() == t("followup.stopped", number=NUMBER)
    chat.say("Ещё отвалился второй считыватель")
    assert chat.text() == t("ticket.message_added", number=NUMBER)


def test_a_new_request_in_the_questions_after_the_ticket_starts_while_the_ticket_stays_open() -> None:
    chat = in_follow_up("contact_name")
    chat.say("новая заявка")
    assert t("followup.left_for_new", number=NUMBER) in chat.text() and chat.state.stage == "kind"
    assert chat.state.ticket == NUMBER and chat.state.answers == {}


def test_another_problem_written_instead_of_an_answer_is_asked_about_not_taken_as_the_answer() -> None:
    chat = in_follow_up("contact_name")
    assert chat.state.field == "product_name"
    chat.say("У меня ещё одна проблема: не печатаются пропуска")
    assert "product_name" not in chat.state.answers and chat.state.stage == "same_request"
    assert t("followup.left", number=NUMBER) in chat.text()
    chat.press("menu:same")  # «по этой заявке»: the message joins the ticket
    assert chat.state.stage == "ticket_open" and chat.state.ticket == NUMBER
    assert ticket_items(chat)["product_name"] == NOT_GIVEN


def test_a_free_text_answer_that_speaks_of_another_error_is_still_the_answer() -> None:
    chat = in_follow_up("contact_name", "product_name", "product_version", "os")
    chat.press("nav:skip")
    chat.say(VALID_ANSWERS["device_involved"])
    chat.say(VALID_ANSWERS["expected"])
    chat.say(VALID_ANSWERS["steps"])
    assert chat.state.field == "actual"
    chat.say("Появляется другая ошибка: нет связи с сервером")
    assert chat.state.stage == "ticket_open" and chat.text() == t("followup.done", number=NUMBER)
    assert ticket_items(chat)["actual"] == "Появляется другая ошибка: нет связи с сервером"
    assert NOT_GIVEN not in ticket_items(chat).values()


def test_the_ticket_closed_during_the_questions_ends_them_and_asks_the_rating() -> None:
    chat = in_follow_up("contact_name")
    closed = ask_rating(chat.state, NUMBER, "console", "client-1")
    chat.state = closed.state
    assert [reply.text for reply in closed.replies][0] == t("ticket.closed", number=NUMBER)
    assert chat.state.stage == "rating" and chat.state.answers == {}
    chat.press("rate:5")
    assert chat.state.stage == "rating_comment"


async def _critical_ticket_asking_the_name(chat: RecordingChat) -> str:
    """A critical ticket opened at once; its follow-up now asks the contact's name. Its number."""
    await chat.say("Вся СКУД легла, ничего не работает")
    await chat.press("consent:yes")
    await chat.say(VALID_ANSWERS["contact"])
    await chat.say(VALID_ANSWERS["organization"])
    await chat.say(VALID_ANSWERS["city"])
    number = (await chat.state())["ticket"]
    assert number and (await chat.state())["field"] == "contact_name"
    return number


async def test_the_desk_keeps_the_marks_on_the_ticket(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    number = await _critical_ticket_asking_the_name(chat)
    await chat.say(VALID_ANSWERS["contact_name"])
    assert said(await chat.say("отмена")) == t("followup.stopped", number=number)
    async with runtime.desk.sessions() as session:
        ticket = await tickets.get_ticket(session=session, number=number)
    assert ticket is not None
    assert ticket.fields["contact_name"] == "Смирнова Анна" and ticket.fields["os"] == NOT_GIVEN
    assert ticket.fields["product_name"] == NOT_GIVEN and ticket.fields["actual"] == NOT_GIVEN


async def test_a_name_never_given_is_not_kept_as_the_clients_name(runtime: Runtime) -> None:
    """The ticket says «не указано», but the client's card keeps no name rather than that mark."""
    chat = RecordingChat(runtime)
    number = await _critical_ticket_asking_the_name(chat)
    await chat.say("отмена")
    async with runtime.desk.sessions() as session:
        ticket = await tickets.get_ticket(session=session, number=number)
    assert ticket is not None and ticket.fields["contact_name"] == NOT_GIVEN
    assert (await chat.client()).name is None


async def test_items_still_to_be_asked_show_as_pending_until_answered(runtime: Runtime) -> None:
    """A client who goes silent after the call-back questions leaves a ticket that says what is still to come."""
    chat = RecordingChat(runtime)
    number = await _critical_ticket_asking_the_name(chat)
    async with runtime.desk.sessions() as session:
        ticket = await tickets.get_ticket(session=session, number=number)
    assert ticket is not None
    assert ticket.fields["contact_name"] == PENDING and ticket.fields["os"] == PENDING
    assert ticket.fields["organization"] == VALID_ANSWERS["organization"]
    assert (await chat.client()).name is None  # the mark is no name
    await chat.say(VALID_ANSWERS["contact_name"])
    async with runtime.desk.sessions() as session:
        ticket = await tickets.get_ticket(session=session, number=number)
    assert ticket is not None and ticket.fields["contact_name"] == "Смирнова Анна"
    assert (await chat.client()).name == "Смирнова Анна"


@pytest.mark.parametrize("typed", ["вопрос снят, заработало", "спасибо, заработало"])  # the second: «в версии цифры»
def test_a_problem_gone_reaches_the_engineers_who_would_call_back(typed: str) -> None:
    """«вопрос снят, заработало» got «больше вопросов не задаю», and the engineer could still make an urgent call."""
    chat = in_follow_up()
    chat.say(typed)
    assert chat.text() == t("ticket.solved_added", number=NUMBER)
    assert any(isinstance(e, ClientWroteOnTicket) and e.text == typed for e in chat.events)
