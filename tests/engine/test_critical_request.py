"""Issue 14: a critical request asks only what an engineer needs to call back (a phone, the organisation and
city, what is down), offers the 8-800 line, opens the ticket at once and adds the rest of Appendix 1 to it."""

from __future__ import annotations

import pytest

from core.events import TicketFieldsAdded
from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS, answer_form
from tests.fakes import EngineChat

HOTLINE = "8-800-25-00-846"


@pytest.mark.parametrize(
    "report",
    [
        "Вся СКУД легла!",
        "Ничего не работает с утра",
        "система стоит",
        "Стоит всё",
        "Срочно!!! Сервер упал",
        "сервер БД лежит",
    ],
)
def test_a_report_that_the_whole_system_is_down_is_critical_without_asking(report: str) -> None:
    chat = EngineChat()
    chat.say(report)
    chat.press("consent:yes")
    assert chat.state.priority == "critical" and chat.state.field == "contact"
    assert HOTLINE in chat.text()
    assert chat.last is not None and chat.last.replies[-1].text.startswith(t("field.contact.prompt.critical"))


def critical_by_button(chat: EngineChat) -> EngineChat:
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    chat.press("kind:problem")
    chat.press("crit:stopped")
    assert HOTLINE in chat.text()
    return chat


def test_only_what_a_call_back_needs_is_asked_before_the_ticket_opens() -> None:
    chat = critical_by_button(EngineChat())
    asked = []
    while not chat.tickets():
        asked.append(chat.state.field)
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    assert asked == ["contact", "organization", "city", "description"]
    assert t("field.description.prompt.critical") in chat.seen()
    [ticket] = chat.tickets()
    assert ticket.priority == "critical" and ticket.fields["contact"] == "+78465551234"
    assert ticket.fields["description"] == VALID_ANSWERS["description"]


def test_an_e_mail_is_taken_for_the_call_back_with_the_line_to_call() -> None:
    """Appendix 1 asks a phone or an e-mail: a client with no phone to give was refused until they cancelled."""
    chat = critical_by_button(EngineChat())
    chat.say("ivanov@example.ru")
    assert chat.state.answers["contact"] == "ivanov@example.ru" and t("contact.email_for_critical") in chat.text()
    assert chat.state.field != "contact"


def test_what_the_client_already_said_is_not_asked_before_the_call_back() -> None:
    chat = EngineChat(on_file={"organization": "ООО «Охрана-Сервис»", "city": "Самара"}, consent=True)
    chat.say("Вся СКУД легла, ничего не работает")
    chat.press("ret:yes")
    assert chat.state.field == "contact"
    chat.say("+7 846 555-12-34")
    assert len(chat.tickets()) == 1
    assert chat.tickets()[0].fields["description"] == "Вся СКУД легла, ничего не работает"


def test_the_rest_of_appendix_1_is_asked_after_the_ticket_and_added_to_it() -> None:
    chat = critical_by_button(EngineChat())
    while not chat.tickets():
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    assert t("followup.intro") in chat.text() and chat.state.field == "contact_name"
    assert chat.state.open_ticket_number == "2026-00001"  # the answers now belong to the open ticket
    chat.say(VALID_ANSWERS["contact_name"])
    assert chat.events[-1] == TicketFieldsAdded(
        "2026-00001", {"contact_name": "Смирнова Анна"}, {"contact_name": "Смирнова Анна"}
    )
    while chat.state.stage in ("field", "form"):
        chat.say(answer_form(chat) if chat.state.stage == "form" else VALID_ANSWERS[chat.state.field or ""])
    added = {k: v for e in chat.events if isinstance(e, TicketFieldsAdded) for k, v in e.fields.items()}
    assert added["os"] == VALID_ANSWERS["os"] and added["subsystems"] == "СКУД и ОПС"
    assert {"product_name", "antivirus", "device_involved", "steps", "actual"} <= set(added)
    assert chat.state.stage == "ticket_open" and chat.text() == t("followup.done", number="2026-00001")
    assert len(chat.tickets()) == 1


def test_cancel_in_the_questions_after_the_ticket_keeps_the_ticket_open() -> None:
    chat = critical_by_button(EngineChat())
    while not chat.tickets():
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    chat.say("отмена")
    assert chat.text() == t("followup.stopped", number="2026-00001")
    assert chat.state.open_ticket_number == "2026-00001"
    chat.say("Ещё отвалился второй считыватель")
    assert chat.state.stage == "ticket_open" and len(chat.tickets()) == 1


WITH_PHONE = "Вся СКУД легла, никого не пускает! ООО «Ромашка», Самара, звоните 8 927 700 11 22"


@pytest.mark.parametrize("answer", ["tap", "1", "да этот", "по нему"])  # words: «да этот» was refused as no phone
def test_the_phone_of_the_first_message_is_offered_in_one_tap(answer: str) -> None:
    """«звоните 8 927 700 11 22» in the first message used to be asked for again, with nothing to tap."""
    chat = EngineChat()
    chat.say(WITH_PHONE)
    replies = chat.press("consent:yes")
    assert chat.state.field == "contact"
    assert [(c.payload, c.title) for c in replies[-1].choices] == [("opt:contact:written", "+79277001122")]
    chat.press("opt:contact:written") if answer == "tap" else chat.say(answer)
    assert chat.state.answers["contact"] == "+79277001122" and chat.state.field != "contact"


def test_another_phone_typed_is_the_contact() -> None:
    chat = EngineChat()
    chat.say(WITH_PHONE)
    chat.press("consent:yes")
    chat.say("+7 846 200-10-20")
    assert chat.state.answers["contact"] == "+78462001020"


def test_without_a_phone_in_the_first_message_nothing_is_offered() -> None:
    chat = EngineChat()
    chat.say("Вся СКУД легла!")
    replies = chat.press("consent:yes")
    assert chat.state.field == "contact" and not replies[-1].choices


def test_one_function_failing_is_not_the_whole_system() -> None:
    chat = EngineChat()
    chat.say("у одного оператора ничего не открывается в отчётах")
    chat.press("consent:yes")
    assert chat.state.priority is None and chat.state.stage == "criticality"


def test_our_own_line_in_the_first_message_is_not_offered_and_the_clients_phone_is() -> None:
    """«звонил вам на 8-800-25-00-846 никто не берет…» had our line offered as the client's phone, then refused."""
    chat = EngineChat()
    chat.say("звонил вам на 8-800-25-00-846 никто не берет. вся СКУД легла, мой сотовый 8 913 222 33 44")
    replies = chat.press("consent:yes")
    assert chat.state.field == "contact"
    assert [c.title for c in replies[-1].choices] == ["+79132223344"]
