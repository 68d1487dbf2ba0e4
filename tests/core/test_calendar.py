"""Issue 15: the Russian production calendar with its transferred days, and when the engineers are back (4.6, 4.7)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.calendar import is_working_day, is_working_time, next_opening, reaction_deadline

MSK = ZoneInfo("Europe/Moscow")


def msk(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MSK)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-12-30", True),  # Wednesday
        ("2026-12-31", False),  # Thursday, a day off moved from Sunday 04.01.2026
        ("2027-01-08", False),  # the New Year holidays
        ("2027-01-11", True),  # the first working day of 2027
        ("2026-01-09", False),  # Friday, a day off moved from Saturday 03.01.2026
        ("2027-02-20", True),  # Saturday worked instead of Monday 22.02.2027
        ("2027-02-22", False),
        ("2025-11-01", True),  # Saturday worked instead of Monday 03.11.2025
        ("2026-11-28", False),  # an ordinary Saturday
    ],
)
def test_the_production_calendar_moves_days_both_ways(day: str, working: bool) -> None:
    assert is_working_day(date.fromisoformat(day)) is working


@pytest.mark.parametrize(
    ("moment", "back"),
    [
        ("2026-11-28 19:00", "2026-11-30 08:00"),  # Saturday evening: Monday morning
        ("2026-11-27 17:00", "2026-11-30 08:00"),  # Friday at closing time
        ("2026-11-25 07:59", "2026-11-25 08:00"),  # before opening: the same morning
        ("2026-11-25 11:00", "2026-11-25 11:00"),  # at work now
        ("2026-12-30 20:00", "2027-01-11 08:00"),  # the New Year holidays
        ("2027-02-19 18:00", "2027-02-20 08:00"),  # the working Saturday
    ],
)
def test_the_engineers_are_back_at_the_next_opening(moment: str, back: str) -> None:
    assert next_opening(msk(moment), MSK) == msk(back)


@pytest.mark.parametrize(
    ("created", "due"),
    [
        ("2026-11-27 16:30", "2026-11-30 16:30"),  # Friday afternoon: Monday
        ("2026-12-30 19:00", "2027-01-11 17:00"),  # 31.12.2026 and the holidays skipped
        ("2026-12-30 16:00", "2027-01-11 16:00"),
        ("2027-02-19 16:30", "2027-02-20 16:30"),  # the working Saturday counts
    ],
)
def test_the_deadline_falls_in_working_time(created: str, due: str) -> None:
    deadline = reaction_deadline(msk(created), MSK)
    assert deadline == msk(due)
    assert is_working_time(deadline - timedelta(minutes=1), MSK)  # the last minute before it is a working one


def test_the_calendar_follows_the_desks_zone() -> None:
    """08:30 in Moscow is 05:30 UTC: the same moment, at work."""
    assert is_working_time(datetime.fromisoformat("2026-11-25 05:30+00:00"), MSK)
    assert not is_working_time(datetime.fromisoformat("2026-11-25 04:30+00:00"), MSK)
