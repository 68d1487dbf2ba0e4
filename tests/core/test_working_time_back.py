"""Issue 15: counting working time backwards from a deadline, and the working time left until it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.calendar import add_working_time, subtract_working_time, working_time_between

MOSCOW = ZoneInfo("Europe/Moscow")


def moscow(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MOSCOW)


@pytest.mark.parametrize(
    ("deadline", "before", "reminded_at"),
    [
        (moscow(11, 26, 11), 2, moscow(11, 26, 9)),  # the same working day
        (moscow(11, 30, 9), 2, moscow(11, 27, 16)),  # Monday 9:00 → Friday 16:00
        (moscow(1, 11, 9, year=2027), 2, moscow(12, 30, 16)),  # across the New Year holidays (31.12 is off)
        (moscow(11, 26, 8), 0, moscow(11, 25, 17)),  # the opening is the last closing in working time
    ],
)
def test_reminder_moment_is_working_hours_before_the_deadline(
    deadline: datetime, before: float, reminded_at: datetime
) -> None:
    assert subtract_working_time(deadline, timedelta(hours=before), MOSCOW) == reminded_at


@pytest.mark.parametrize("start", [moscow(11, 25, 11), moscow(11, 27, 16, 30), moscow(12, 30, 12)])
@pytest.mark.parametrize("amount", [timedelta(minutes=30), timedelta(hours=9), timedelta(hours=20)])
def test_back_and_forth_agree(start: datetime, amount: timedelta) -> None:
    end = add_working_time(start, amount, MOSCOW)

    assert subtract_working_time(end, amount, MOSCOW) == start
    assert working_time_between(start, end, MOSCOW) == amount
    assert working_time_between(end, start, MOSCOW) == timedelta(0)


def test_time_left_skips_the_night_and_the_weekend() -> None:
    assert working_time_between(moscow(11, 27, 20), moscow(11, 30, 10), MOSCOW) == timedelta(hours=2)
