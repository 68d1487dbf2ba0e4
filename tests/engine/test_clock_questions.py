"""Questions only the clock answers, asked in the middle of an intake and at an open ticket (at the menu:
test_working_hours): whether the engineers work now, whether a call reaches one now, when an engineer answers. In an
intake they used to be kept as the answer («Продукт: вы сейчас работаете») or refused as no phone; at an open ticket
they were only added to it."""

from __future__ import annotations

import pytest

from core.texts import t
from service.runtime import Runtime
from tests.engine.desk_chat import RecordingChat, said
from tests.engine.test_working_hours import at
from tests.fakes import FakeClock

SATURDAY = "2026-12-12 10:00"
BACK_MONDAY = "в понедельник, 14.12.2026, с 8:00 МСК"


async def greeted_at(runtime: Runtime, clock: FakeClock, moment: str) -> RecordingChat:
    at(clock, moment)
    chat = RecordingChat(runtime)
    await chat.say("Здравствуйте")
    return chat


async def at_the_product_question(chat: RecordingChat) -> str:
    """A consultation's intake up to the product question; that question's text."""
    await chat.say("Здравствуйте")
    await chat.press("menu:ticket")
    await chat.press("consent:yes")
    await chat.press("kind:consultation")
    for answer in ("+7 916 123-45-67", "ООО Ромашка", "Самара", "Иванов Иван"):
        replies = await chat.say(answer)
    assert (await chat.state())["field"] == "product_name"
    return replies[-1].text


@pytest.mark.parametrize(
    ("asked", "answer"),
    [
        ("вы сейчас работаете?", f"{t('hours.away_now', back=BACK_MONDAY)} {t('hours.draft_waits')}"),
        (
            "а позвонить вам можно сейчас?",
            f"{t('hours.call_closed', back=BACK_MONDAY)} {t('hours.draft_waits')}",
        ),
        (  # no «?»: it was kept as the product, and the ticket named «так в понедельник ответите или нет»
            "так в понедельник ответите или нет",
            f"{t('hours.away_now', back=BACK_MONDAY)}\n{t('hours.answer_if_now', deadline='14.12.2026 17:00')}",
        ),
    ],
)
async def test_a_clock_question_in_an_intake_is_answered_and_is_no_answer(
    runtime: Runtime, clock: FakeClock, asked: str, answer: str
) -> None:
    at(clock, SATURDAY)
    chat = RecordingChat(runtime)
    question = await at_the_product_question(chat)

    replies = await chat.say(asked)

    assert [reply.text for reply in replies] == [answer, question]
    state = await chat.state()
    assert state["field"] == "product_name" and "product_name" not in state["answers"]


async def test_at_an_open_ticket_at_night_the_client_hears_its_deadline_and_the_engineers_see_the_question(
    runtime: Runtime, clock: FakeClock
) -> None:
    at(clock, "2026-12-06 23:42")  # Sunday night: the ticket is due on Monday at 17:00
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()

    replies = said(await chat.say("так когда ответ будет?"))

    assert t("hours.away_now", back="завтра, 07.12.2026, с 8:00 МСК") in replies
    assert f"{number} — " in replies and t("requests.due", deadline="07.12.2026 17:00") in replies
    assert replies.endswith(t("ticket.faq_answer_added", answer="", number=number))  # and the engineers see it
    replies = said(await chat.say("можно позвонить кому-нибудь прямо сейчас?"))
    assert t("hours.call_closed", back="завтра, 07.12.2026, с 8:00 МСК") in replies
    assert t("hours.ticket_waits", number=number) in replies
    assert t("ticket.faq_answer_added", answer="", number=number).strip() not in replies  # no news for the engineers


async def test_before_opening_a_request_written_now_is_answered_by_the_end_of_the_day(
    runtime: Runtime, clock: FakeClock
) -> None:
    """It got the FAQ's Appendix 1 list: «По Приложению 1 регламента: контакты…»."""
    chat = await greeted_at(runtime, clock, "2026-12-08 07:59")
    replies = await chat.say("когда инженер ответит если я сейчас заявку оставлю?")

    back = t("hours.away_now", back="сегодня, 08.12.2026, с 8:00 МСК")
    assert replies[0].text == f"{back}\n{t('hours.answer_if_now', deadline='08.12.2026 17:00')}"


async def test_a_first_message_off_hours_hears_the_engineers_are_away_once(runtime: Runtime, clock: FakeClock) -> None:
    """«когда ответите?» as the first message on a Saturday said «Сейчас нерабочее время» twice, greeting and answer."""
    at(clock, SATURDAY)
    chat = RecordingChat(runtime)
    replies = said(await chat.say("когда ответите?"))
    assert replies.count(t("hours.away_now", back=BACK_MONDAY)) == 1
    assert t("hours.answer_if_now", deadline="14.12.2026 17:00") in replies


async def test_a_critical_request_minutes_before_closing_hears_the_line_is_about_to_close(
    runtime: Runtime, clock: FakeClock
) -> None:
    """At 16:58 on a Friday «Быстрее всего — по телефону» was said as if the line would answer for hours."""
    chat = await greeted_at(runtime, clock, "2026-12-11 16:58")
    await chat.say("вся СКУД легла, ни одна дверь не открывается")
    replies = said(await chat.press("consent:yes"))
    assert f"{t('ticket.critical_note')} {t('hours.line_closes', minutes=2)}" in replies
