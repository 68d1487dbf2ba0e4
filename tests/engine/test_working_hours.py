"""Issue 15 (4.6): outside 08:00–17:00 Moscow time on working days the client is told at once, at the greeting and
with the ticket's confirmation, that the engineers are away, when they are back, and that the ticket is registered.
The whole desk runs on a frozen clock; in working hours nothing of it is said."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.texts import TEXTS, t
from service.runtime import Runtime
from tests.engine.desk_chat import RecordingChat
from tests.fakes import FakeClock

MSK = ZoneInfo("Europe/Moscow")
AWAY = TEXTS["hours.away_greeting"].split("{back}")[0]  # «Сейчас нерабочее время: инженеры вернутся »
assert TEXTS["ticket.opened_off_hours"].startswith(AWAY)  # the confirmation's line begins the same way


def at(clock: FakeClock, moment: str) -> None:
    clock.now = datetime.fromisoformat(moment).replace(tzinfo=MSK)


@pytest.mark.parametrize(
    ("moment", "back", "deadline"),
    [
        ("2026-11-28 19:00", "в понедельник, 30.11.2026, с 8:00 МСК", "30.11.2026 17:00"),  # Saturday evening
        ("2026-12-30 20:00", "в понедельник, 11.01.2027, с 8:00 МСК", "11.01.2027 17:00"),  # 31.12 and the holidays
        ("2027-02-19 18:30", "завтра, 20.02.2027, с 8:00 МСК", "20.02.2027 17:00"),  # a working Saturday next
        ("2026-12-04 04:05", "сегодня, 04.12.2026, с 8:00 МСК", "04.12.2026 17:00"),  # Friday, 4 a.m.: not «в пятницу»
        ("2026-11-26 23:30", "завтра, 27.11.2026, с 8:00 МСК", "27.11.2026 17:00"),  # Thursday night
    ],
)
async def test_off_hours_the_client_hears_when_the_engineers_are_back(
    runtime: Runtime, clock: FakeClock, moment: str, back: str, deadline: str
) -> None:
    at(clock, moment)
    chat = RecordingChat(runtime)
    greeting = (await chat.say("Здравствуйте"))[0].text
    assert greeting == f"{t('menu.greeting')}\n\n{t('hours.away_greeting', back=back)}"

    number = await chat.open_ticket()
    confirmation = chat.confirmation(number).text
    assert t("ticket.opened", number=number, priority="обычный", deadline=deadline) in confirmation
    assert t("ticket.opened_off_hours", back=back) in confirmation


@pytest.mark.parametrize("moment", ["2026-11-25 11:00", "2026-11-27 16:59", "2027-02-20 10:00"])  # the last: Saturday
async def test_in_working_hours_nothing_about_them_is_said(runtime: Runtime, clock: FakeClock, moment: str) -> None:
    at(clock, moment)
    chat = RecordingChat(runtime)
    assert (await chat.say("Здравствуйте"))[0].text == t("menu.greeting")
    number = await chat.open_ticket()
    assert number in chat.confirmation(number).text
    assert not any(AWAY in reply.text for reply in chat.seen)


async def test_a_client_back_at_night_is_greeted_with_the_hours_again(runtime: Runtime, clock: FakeClock) -> None:
    at(clock, "2026-11-25 11:00")
    chat = RecordingChat(runtime)
    await chat.say("Здравствуйте")
    at(clock, "2026-11-25 22:15")
    replies = await chat.say("/start")
    assert t("hours.away_greeting", back="завтра, 26.11.2026, с 8:00 МСК") in replies[0].text


@pytest.mark.parametrize(
    ("moment", "asked", "answer"),
    [
        ("2026-11-25 11:00", "вы сейчас работаете?", t("hours.open_now")),
        ("2026-11-25 11:00", "поддержка сегодня работает?", t("hours.open_now")),
        ("2026-11-25 22:15", "есть кто на связи?", t("hours.away_greeting", back="завтра, 26.11.2026, с 8:00 МСК")),
        ("2026-11-26 15:00", "а завтра работаете?", t("hours.open_on", day="завтра", date="27.11.2026")),
        (
            "2026-12-30 12:00",  # the 31st and the New Year holidays
            "завтра работаете?",
            t("hours.closed_on", day="завтра", date="31.12.2026", back="в понедельник, 11.01.2027, с 8:00 МСК"),
        ),
        (
            "2027-02-20 12:00",  # a working Saturday: Sunday, then the days off of 22 and 23 February
            "завтра работаете?",
            t("hours.closed_on", day="завтра", date="21.02.2027", back="в среду, 24.02.2027, с 8:00 МСК"),
        ),
        (  # a named day: Monday 8 March is a holiday; the generic «по будням» used to answer
            "2027-03-05 12:00",
            "работаете в понедельник?",
            t("hours.closed_on", day="в понедельник", date="08.03.2027", back="во вторник, 09.03.2027, с 8:00 МСК"),
        ),
        (  # a Saturday worked by the production calendar
            "2027-02-17 12:00",
            "в субботу работаете?",
            t("hours.open_on", day="в субботу", date="20.02.2027"),
        ),
        (
            "2027-12-20 12:00",
            "31 декабря работаете?",
            t("hours.closed_on", day="в пятницу", date="31.12.2027", back="в понедельник, 10.01.2028, с 8:00 МСК"),
        ),
        ("2026-11-25 11:00", "поддержка в пятницу работает?", t("hours.open_on", day="в пятницу", date="27.11.2026")),
        (
            "2026-12-15 11:00",
            "когда после нового года выходите на работу?",
            t("hours.back_after_days_off", back="в понедельник, 11.01.2027, с 8:00 МСК"),
        ),
        (  # 22 February 2027 is a day off moved from Saturday the 20th; «22-го» was not read, and «Да» was said
            "2027-02-19 11:00",
            "вы 22-го работаете?",
            t("hours.closed_on", day="в понедельник", date="22.02.2027", back="в среду, 24.02.2027, с 8:00 МСК"),
        ),
        (  # the 27th, not the next Saturday (the 20th, a working one)
            "2027-02-16 11:00",
            "в субботу 27го вы работаете?",
            t("hours.closed_on", day="в субботу", date="27.02.2027", back="в понедельник, 01.03.2027, с 8:00 МСК"),
        ),
        (  # the holidays asked about: the FAQ's «по рабочим дням (будни)» came, without the dates
            "2026-12-21 12:00",
            "в праздники работаете?",
            t("hours.closed_on", day="в четверг", date="31.12.2026", back="в понедельник, 11.01.2027, с 8:00 МСК"),
        ),
        (
            "2027-02-10 12:00",
            "а на праздники вы работаете?",
            t("hours.closed_on", day="в понедельник", date="22.02.2027", back="в среду, 24.02.2027, с 8:00 МСК"),
        ),
        (  # a day asked after another: «Не нашёл готового ответа»
            "2026-12-30 12:00",
            "а 11 января?",
            t("hours.open_on", day="в понедельник", date="11.01.2027"),
        ),
        ("2026-12-08 11:00", "а позвонить вам можно сейчас?", t("hours.call_open")),  # a fixed text, at any hour
        ("2026-12-11 16:45", "можно позвонить сейчас?", t("hours.call_closing", minutes=15)),  # a Friday, 16:45
        ("2026-12-11 16:50", "успею дозвониться?", t("hours.call_closing", minutes=10)),
        (  # «а в выходные?» after another question: «Точного ответа… не нашёл»
            "2026-12-09 12:00",
            "а в выходные?",
            t("hours.closed_on", day="в субботу", date="12.12.2026", back="в понедельник, 14.12.2026, с 8:00 МСК"),
        ),
    ],
)
async def test_whether_the_engineers_are_at_work_is_answered_by_the_clock(
    runtime: Runtime, clock: FakeClock, moment: str, asked: str, answer: str
) -> None:
    """«вы сейчас работаете?» used to get «Не нашёл готового ответа на этот вопрос»."""
    at(clock, moment)
    chat = RecordingChat(runtime)
    await chat.say("Здравствуйте")
    replies = await chat.say(asked)
    assert [reply.text for reply in replies] == [answer]


async def test_asked_first_thing_off_hours_the_greeting_is_the_answer(runtime: Runtime, clock: FakeClock) -> None:
    at(clock, "2026-11-28 19:00")
    chat = RecordingChat(runtime)
    replies = await chat.say("вы сейчас работаете?")
    back = t("hours.away_greeting", back="в понедельник, 30.11.2026, с 8:00 МСК")
    assert [reply.text for reply in replies] == [f"{t('menu.greeting')}\n\n{back}"]


@pytest.mark.parametrize(
    "asked",
    [
        "вы работаете с Бастион-2?",
        "работаете ли вы с контроллерами Sigur?",  # these two got «Да, сейчас рабочее время»
        "а с Windows 11 работаете?",
        "до скольки работаете?",
        "как работает модуль?",
        "на майские работаете?",  # days the clock cannot name: the FAQ's entry on holidays
        "работаете в праздники?",
    ],
)
async def test_work_on_something_or_on_a_named_day_is_left_to_the_faq(
    runtime: Runtime, clock: FakeClock, asked: str
) -> None:
    at(clock, "2026-11-25 11:00")
    chat = RecordingChat(runtime)
    await chat.say("Здравствуйте")
    replies = await chat.say(asked)
    assert t("hours.open_now") not in [reply.text for reply in replies]
