"""Regulation 4.13: a client whose request is already open in another messenger, writing about the same thing
here, is asked whether it is about that ticket; «да» adds the message (and what follows) to it, «нет» starts
a new request. Only tickets the shell lists in the context (the client's own, proved) are ever named."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from core.engine import Context, step
from core.events import ClientWroteOnTicket, Event, TicketJoined
from core.stages.turn import OpenTicket
from core.state import ConversationState, Stage
from core.texts import t
from tests.engine.intake_answers import walk
from tests.fakes import WORKING_MOMENT, FakeFaq, inbound

IN_TELEGRAM = OpenTicket(
    number="TP-00007",
    channel="telegram",
    here=False,
    subject="журнал событий зависает",
    product="АПК «Бастион-3»",
    engineer="Алексей",
)
ASKED = t("same_request.ask_elsewhere", number="TP-00007", channel="Telegram")


@dataclass
class Chat:
    """The engine alone in a WhatsApp chat of a consenting client, with the client's open tickets as the shell finds
    them."""

    open_tickets: tuple[OpenTicket, ...] = (IN_TELEGRAM,)
    state: ConversationState = field(default_factory=ConversationState)
    events: list[Event] = field(default_factory=list)
    said: str = ""

    def say(self, text: str | None = None, **kwargs: str) -> str:
        ctx = Context(now=WORKING_MOMENT, consent_given=True, faq=FakeFaq(), open_tickets=self.open_tickets)
        result = step(self.state, inbound(text, channel="whatsapp", **kwargs), ctx)
        self.state, self.events = result.state, result.events
        self.said = "\n".join(reply.text for reply in result.replies)
        return self.said

    def text(self) -> str:
        return self.said

    def wrote(self) -> list[ClientWroteOnTicket]:
        return [e for e in self.events if isinstance(e, ClientWroteOnTicket)]


def test_the_same_problem_written_in_another_messenger_is_asked_about() -> None:
    chat = Chat()
    assert chat.say("Журнал событий опять зависает, второй день") == ASKED
    assert chat.events == [] and chat.state.stage == Stage.SAME_REQUEST


def test_yes_adds_the_message_and_what_follows_to_that_ticket() -> None:
    chat = Chat()
    chat.say("Журнал событий опять зависает, второй день")

    assert chat.say(choice="menu:same") == t("same_request.joined", number="TP-00007")
    assert chat.events == [
        TicketJoined("TP-00007"),
        ClientWroteOnTicket("TP-00007", "Журнал событий опять зависает, второй день"),
    ]
    assert chat.state.open_ticket_number == "TP-00007"

    chat.say("Вот ещё: после перезагрузки то же самое")
    assert chat.wrote() == [ClientWroteOnTicket("TP-00007", "Вот ещё: после перезагрузки то же самое")]
    assert "TP-00007" not in chat.said  # the engineer (Алексей) took it: nothing to confirm each time


def test_the_answer_can_be_typed_as_in_whatsapp() -> None:
    chat = Chat()
    chat.say("В Бастион-3 не открывается журнал")  # the same product, other words
    chat.say("да")
    assert chat.state.open_ticket_number == "TP-00007" and chat.wrote()


def test_no_starts_a_new_request_from_that_message_and_is_not_asked_again() -> None:
    chat = Chat()
    chat.say("Журнал событий опять зависает")

    assert chat.say("нет") == t("crit.ask")  # a report: a problem, its criticality next
    assert chat.state.pending_question == "Журнал событий опять зависает"  # the new request's description
    assert not chat.wrote() and not any(isinstance(e, TicketJoined) for e in chat.events)

    chat.say("отмена")  # the report typed is the draft's: asked first
    chat.say(choice="draft:drop")
    chat.say("Журнал событий опять зависает")
    assert ASKED not in chat.said and t("report.taken") in chat.said


def test_another_request_is_not_asked_about() -> None:
    chat = Chat()
    chat.say("Как добавить новый пропуск сотруднику?")
    assert chat.state.stage != Stage.SAME_REQUEST and "TP-00007" not in chat.said


def test_nothing_is_asked_about_without_a_ticket_of_the_client_elsewhere() -> None:
    chat = Chat(open_tickets=())
    chat.say("Журнал событий опять зависает")
    assert chat.state.stage != Stage.SAME_REQUEST and "TP-00007" not in chat.said


def test_a_ticket_still_open_in_this_chat_takes_the_message_at_the_menu() -> None:
    """Two tickets open here, the newer one closed: the older one's log sent at the menu started a new request."""
    here = OpenTicket("TP-00007", "whatsapp", here=True, subject="журнал событий зависает", waiting=True)
    chat = Chat(open_tickets=(here,))
    chat.say("а по первой заявке вот лог сервера")
    assert chat.state.stage == Stage.TICKET_OPEN and [e.ticket for e in chat.wrote()] == ["TP-00007"]
    assert t("ticket.message_added", number="TP-00007") in chat.said


def test_the_ticket_a_message_names_takes_it() -> None:
    """«по заявке TP-00001: …» went to the newest ticket of the chat, TP-00002; and «закройте» would have closed it."""
    older = OpenTicket("TP-00001", "whatsapp", here=True, subject="журнал событий зависает")
    newer = OpenTicket("TP-00002", "whatsapp", here=True, subject="не печатаются пропуска")
    chat = Chat(open_tickets=(older, newer))
    chat.state.stage, chat.state.ticket = Stage.TICKET_OPEN, "TP-00002"
    chat.say("по заявке TP-00001: журнал не открывается только за декабрь")
    assert [e.ticket for e in chat.wrote()] == ["TP-00001"]
    chat.say("ещё по TP-00002: пропуска печатаются пустыми")
    assert [e.ticket for e in chat.wrote()] == ["TP-00002"]


@pytest.mark.parametrize(
    ("typed", "ticket"),
    [
        ("ключ так и не видится, что делать?", "TP-00001"),  # it went to the newest ticket, about reports
        ("по первой заявке: ключ снова пропал", "TP-00001"),
        ("отчёт по проходам опять пустой", "TP-00002"),
        ("вот скриншот", "TP-00002"),  # nothing says which: the ticket the chat talks to
    ],
)
def test_with_two_tickets_open_a_message_goes_to_the_one_it_is_about(typed: str, ticket: str) -> None:
    key = OpenTicket("TP-00001", "whatsapp", here=True, subject="ключ HASP не видится после обновления")
    reports = OpenTicket("TP-00002", "whatsapp", here=True, subject="отчёт по проходам выгружается пустой")
    chat = Chat(open_tickets=(key, reports))
    chat.state.stage, chat.state.ticket = Stage.TICKET_OPEN, "TP-00002"
    chat.say(typed)
    assert [e.ticket for e in chat.wrote()] == [ticket]


def test_once_the_ticket_is_closed_the_chat_is_at_the_menu_again() -> None:
    chat = Chat()
    chat.say("Журнал событий опять зависает")
    chat.say("1")
    chat.open_tickets = ()  # the engineers closed it

    chat.say("Подскажите, сколько стоит поддержка?")
    assert chat.wrote() == [] and chat.state.open_ticket_number is None
    assert chat.said == t("faq.answer", answer="Техническая поддержка бесплатна.")


def start_consultation(chat: Chat) -> None:
    """«Новая заявка» pressed at once, the same problem described in the intake."""
    chat.say("Здравствуйте")
    chat.say(choice="menu:ticket")
    chat.say(choice="kind:consultation")
    asked = walk(chat, "same_request", product_name="Бастион-2")  # the description: «журнал событий зависает»
    assert asked[-1] == "description" and chat.said == ASKED


def test_a_new_request_described_like_that_ticket_is_asked_about_and_joins_it() -> None:
    chat = Chat()
    start_consultation(chat)

    chat.say("Да")
    assert chat.wrote() == [ClientWroteOnTicket("TP-00007", "журнал событий зависает")]
    assert chat.state.open_ticket_number == "TP-00007" and chat.state.answers == {}  # the draft is dropped


def test_no_goes_on_with_the_new_request_without_asking_again() -> None:
    chat = Chat()
    start_consultation(chat)

    chat.say("Нет, новая заявка")
    assert chat.state.stage == Stage.SUMMARY and "журнал событий зависает" in chat.said  # the draft, as it was
    chat.say("Журнал событий зависает при открытии")  # not a summary answer: the summary again, no question
    assert ASKED not in chat.said and chat.state.stage == Stage.SUMMARY and not chat.wrote()
