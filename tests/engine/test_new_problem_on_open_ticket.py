"""While a ticket is open, a message that looks like a new problem is asked about («Это по заявке TP-… или новая
заявка?») instead of being added to the ticket silently; plain follow-ups still go straight to it."""

from __future__ import annotations

import pytest

from core.engine import Context, step
from core.events import ClientWroteOnTicket, Event, TicketJoined
from core.stages.turn import OpenTicket
from core.state import ConversationState, Stage
from core.texts import t
from tests.fakes import WORKING_MOMENT, FakeFaq, inbound

TICKET = OpenTicket("TP-00003", "telegram", here=True, subject="журнал событий зависает", product="Бастион-3")
ASKED = t("same_request.ask_here", number="TP-00003")


class Chat:
    """A Telegram chat whose ticket TP-00003 (Бастион-3) is open, the engine alone."""

    def __init__(self) -> None:
        self.state = ConversationState(stage=Stage.TICKET_OPEN, ticket="TP-00003")
        self.events: list[Event] = []
        self.said = ""

    def say(self, text: str | None = None, **kwargs: str) -> str:
        ctx = Context(now=WORKING_MOMENT, consent_given=True, faq=FakeFaq(), open_tickets=(TICKET,))
        result = step(self.state, inbound(text, channel="telegram", **kwargs), ctx)
        self.state, self.events = result.state, result.events
        self.said = "\n".join(reply.text for reply in result.replies)
        return self.said


@pytest.mark.parametrize(
    "text",
    [
        "У меня другой вопрос",
        "Ещё одна проблема: в Бастион-3 не печатается отчёт по проходам",
        "Новая заявка: не приходят события с контроллера",
        "Это не по этой заявке, а про лицензию",
        "Elsys-MB перестал отвечать",  # a malfunction of another product than the ticket's
        "а ещё вопрос: камеры не показывают картинку",  # «ещё вопрос» used to be added to the ticket
        "Ещё у нас проблема с печатью пропусков",
        "и ещё, не связанное: перестал работать модуль видеонаблюдения",  # it was added to the ticket
        "ключ HASP перестал определяться",  # a key's trouble on a ticket about the log: a licence request of its own
    ],
)
def test_what_looks_like_a_new_problem_is_asked_about(text: str) -> None:
    chat = Chat()
    assert chat.say(text) == ASKED
    assert chat.events == [] and chat.state.stage == Stage.SAME_REQUEST


@pytest.mark.parametrize(
    "text",
    [
        "Вот скриншот ошибки",
        "Ещё заметил, что окно не отвечает только после обеда",
        "Версия 3.1.14, Windows 10 64-бит",
        "Бастион-3 снова перестал открывать журнал",  # the ticket's own product
        "Ещё раз проверил: журнал не открывается",
        "и ещё вопрос",  # only announced: what it is about comes next
        "ошибка не связана с обновлением, было и раньше",
    ],
)
def test_plain_follow_ups_go_to_the_ticket_without_a_question(text: str) -> None:
    chat = Chat()
    chat.say(text)
    assert chat.events == [ClientWroteOnTicket("TP-00003", text)]
    assert ASKED not in chat.said and chat.state.stage == Stage.TICKET_OPEN


def test_this_one_adds_the_message_to_the_ticket() -> None:
    chat = Chat()
    chat.say("Есть ещё один вопрос по журналу: как выгрузить его в Excel?")

    assert chat.say("по этой") == t("ticket.message_added", number="TP-00003")
    assert chat.events == [
        TicketJoined("TP-00003"),
        ClientWroteOnTicket("TP-00003", "Есть ещё один вопрос по журналу: как выгрузить его в Excel?"),
    ]
    assert chat.state.open_ticket_number == "TP-00003"


def test_new_starts_an_intake_with_the_message_as_its_description() -> None:
    chat = Chat()
    chat.say("Ещё одна проблема: Elsys-MB перестал отвечать после обновления")

    assert chat.say("Новая заявка") == t("crit.ask")  # a reported malfunction: a problem; consent is known
    assert not chat.events
    chat.say(choice="crit:partial")
    assert chat.state.answers["description"] == "Ещё одна проблема: Elsys-MB перестал отвечать после обновления"
    assert chat.state.answers["product_name"] == "Elsys-MB"  # the facts of the message are kept


def test_new_after_only_saying_so_asks_the_kind_with_no_description() -> None:
    chat = Chat()
    chat.say("У меня другой вопрос")
    assert chat.say("2") == t("kind.ask")
    assert chat.state.pending_question is None


def test_cancel_drops_the_question_and_the_ticket_stays() -> None:
    chat = Chat()
    chat.say("У меня другой вопрос")
    chat.say("отмена")
    assert chat.state.stage == Stage.TICKET_OPEN and chat.state.pending_question is None

    chat.say("Вот скриншот")
    assert chat.events == [ClientWroteOnTicket("TP-00003", "Вот скриншот")]


def test_thanks_on_the_open_ticket_is_passed_on_and_answered_in_kind() -> None:
    chat = Chat()
    assert chat.say("Спасибо!") == t("ticket.thanks_added", number="TP-00003")
    assert chat.events == [ClientWroteOnTicket("TP-00003", "Спасибо!")]


def test_an_answer_to_the_waiting_engineer_typed_in_a_new_intake_reaches_the_ticket() -> None:
    """The engineer asked «Какая СУБД у вас?» while the client was at «Насколько это критично?» of a new request:
    «Oracle 19c» got «Не понял ответ» and was lost, the ticket waiting for the client ever after."""
    waiting = OpenTicket("TP-00003", "telegram", here=True, subject="журнал событий зависает", waiting=True)
    state = ConversationState(stage=Stage.CRITICALITY, kind="problem", ticket="TP-00003")
    ctx = Context(now=WORKING_MOMENT, consent_given=True, faq=FakeFaq(), open_tickets=(waiting,))
    result = step(state, inbound("Oracle 19c", channel="telegram"), ctx)
    assert ClientWroteOnTicket("TP-00003", "Oracle 19c") in result.events
    said = "\n".join(reply.text for reply in result.replies)
    assert said.startswith(t("ticket.answer_passed", number="TP-00003", prompt="")[:30])
    assert result.state.stage == Stage.CRITICALITY  # the new request goes on where it was

    not_waiting = Context(now=WORKING_MOMENT, consent_given=True, faq=FakeFaq(), open_tickets=(TICKET,))
    result = step(state, inbound("Oracle 19c", channel="telegram"), not_waiting)
    assert not any(isinstance(event, ClientWroteOnTicket) for event in result.events)


@pytest.mark.parametrize(
    ("stage", "text"),
    [
        (Stage.KIND, "По заявке TP-00003 дополнение: контроллер Сфинкс-2 прошивка 2.04"),
        (Stage.CRITICALITY, "Дополнение к заявке: после перезагрузки считыватель заработал, но через час отвалился"),
    ],
)
def test_an_addition_to_an_open_ticket_typed_in_a_new_intake_reaches_the_ticket(stage: Stage, text: str) -> None:
    """Both got «Не понял ответ» and were lost: the engineer of TP-00003 never saw them."""
    state = ConversationState(stage=stage, kind="problem" if stage is Stage.CRITICALITY else None, ticket="TP-00003")
    ctx = Context(now=WORKING_MOMENT, consent_given=True, faq=FakeFaq(), open_tickets=(TICKET,))
    result = step(state, inbound(text, channel="telegram"), ctx)
    assert ClientWroteOnTicket("TP-00003", text) in result.events
    said = "\n".join(reply.text for reply in result.replies)
    assert said.startswith(t("ticket.addition_passed", number="TP-00003", prompt="")[:30])
    assert result.state.stage == stage  # the new request goes on where it was


@pytest.mark.parametrize("text", ["что с заявкой?", "ну что там?"])
def test_a_status_question_while_an_engineer_works_on_it_is_answered_and_passed_on(text: str) -> None:
    """It met silence: the engineer got the message, the client heard nothing."""
    chat = Chat()
    chat.state.engineer = "Иван"
    said = chat.say(text)
    assert said == t("ticket.with_engineer", number="TP-00003", engineer="Иван")
    assert chat.events == [ClientWroteOnTicket("TP-00003", text)]


def test_a_plain_message_to_the_engineer_is_passed_on_without_an_answer() -> None:
    chat = Chat()
    chat.state.engineer = "Иван"
    assert chat.say("Версия 3.1.14, Windows 10 64-бит") == ""
    assert chat.events == [ClientWroteOnTicket("TP-00003", "Версия 3.1.14, Windows 10 64-бит")]


def test_a_status_question_after_the_engineer_answered_is_only_passed_on() -> None:
    """The engineer waits for the client: his answer is in the chat (or comes with this message, held by WhatsApp's
    24 hours), so «ответ придёт сюда» would be wrong."""
    waiting = OpenTicket("TP-00003", "telegram", here=True, subject="журнал событий зависает", waiting=True)
    state = ConversationState(stage=Stage.TICKET_OPEN, ticket="TP-00003", engineer="Иван")
    ctx = Context(now=WORKING_MOMENT, consent_given=True, faq=FakeFaq(), open_tickets=(waiting,))
    result = step(state, inbound("что с заявкой?", channel="telegram"), ctx)
    assert result.replies == [] and result.events == [ClientWroteOnTicket("TP-00003", "что с заявкой?")]
