"""The day a client names when asking whether the engineers work then, read from the desk's today."""

from __future__ import annotations

from datetime import date

import pytest

from core.day_words import days_off_asked, days_off_during, named_day

FRIDAY = date(2027, 3, 5)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("работаете в понедельник?", date(2027, 3, 8)),
        ("в пятницу работаете?", FRIDAY),  # today is a Friday: today
        ("в выходные работаете?", date(2027, 3, 6)),
        ("работаете 31 декабря?", date(2027, 12, 31)),
        ("1-го мая работаете", date(2027, 5, 1)),
        ("31.12 работаете?", date(2027, 12, 31)),
        ("а 4 марта?", date(2028, 3, 4)),  # past this year: next year's
        ("05.01.2028 работаете?", date(2028, 1, 5)),
        ("вы 22-го работаете?", date(2027, 3, 22)),  # a day of the month alone: this month's
        ("в субботу 27го вы работаете?", date(2027, 3, 27)),  # the date, not the next Saturday (the 6th)
        ("4 числа работаете?", date(2027, 4, 4)),  # past this month: next month's
        ("работаете 31-го?", date(2027, 3, 31)),
        ("вы 22 работаете?", date(2027, 3, 22)),  # a bare number before the verb: it was read as today
        ("а 9 будете работать?", date(2027, 3, 9)),
    ],
)
def test_a_named_day_is_read_from_today(text: str, day: date) -> None:
    assert named_day(text, FRIDAY) == day


@pytest.mark.parametrize(
    "text",
    [
        "31.02 работаете?",
        "работаете?",
        "до скольки работаете",
        "вы 24 часа работаете?",
        "в 8:30 работаете?",
        "в 8 работаете?",
    ],
)
def test_no_day_or_no_such_day_is_none(text: str) -> None:
    assert named_day(text, FRIDAY) is None


@pytest.mark.parametrize(
    ("today", "text", "first_day_off"),
    [
        (date(2026, 12, 15), "когда после нового года выходите на работу?", date(2027, 1, 1)),
        (date(2027, 1, 3), "после новогодних когда работаете?", date(2027, 1, 1)),  # under way
        (date(2027, 4, 20), "после майских работаете?", date(2027, 5, 1)),
        (date(2027, 2, 10), "после праздников когда откроетесь?", date(2027, 2, 22)),  # the next holiday on a weekday
    ],
)
def test_the_days_off_asked_about(today: date, text: str, first_day_off: date) -> None:
    assert days_off_asked(text, today) == first_day_off


@pytest.mark.parametrize(
    ("today", "text", "first_day_off"),
    [
        (date(2026, 12, 21), "в праздники работаете?", date(2026, 12, 31)),  # the next holiday on a weekday
        (date(2027, 4, 20), "а на майские?", date(2027, 5, 1)),
        (date(2026, 12, 1), "на новогодние работаете?", date(2027, 1, 1)),
    ],
)
def test_the_days_off_asked_about_during_them(today: date, text: str, first_day_off: date) -> None:
    assert days_off_during(text, today) == first_day_off


def test_holidays_merely_mentioned_name_no_days_off() -> None:
    assert days_off_during("праздничный режим в расписании бастиона", date(2026, 12, 1)) is None
