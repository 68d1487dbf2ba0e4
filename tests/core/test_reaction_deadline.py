"""Reaction time: one working day, 08:00–17:00 Moscow time, weekends and holidays not counted (4.6, 4.7)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.calendar import is_working_time, reaction_deadline

MSK = ZoneInfo("Europe/Moscow")


def msk(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MSK)


@pytest.mark.parametrize(
    ("created", "due"),
    [
        ("2026-11-25 10:00", "2026-11-26 10:00"),  # Wednesday morning: Thursday same time
        ("2026-11-27 16:30", "2026-11-30 16:30"),  # Friday afternoon: over the weekend
        ("2026-11-28 12:00", "2026-11-30 17:00"),  # Saturday: all of Monday
        ("2026-11-25 19:00", "2026-11-26 17:00"),  # after hours: the whole next day
        ("2026-11-25 06:00", "2026-11-25 17:00"),  # before opening: the same day
        ("2026-11-03 10:00", "2026-11-05 10:00"),  # 4 November, Unity Day, is not counted
    ],
)
def test_deadline_counts_working_hours_only(created: str, due: str) -> None:
    assert reaction_deadline(msk(created), MSK) == msk(due)


def test_new_year_holidays_are_not_working_time() -> None:
    assert not is_working_time(msk("2027-01-05 10:00"), MSK)
    assert is_working_time(msk("2026-11-25 08:00"), MSK)
    assert not is_working_time(msk("2026-11-25 17:00"), MSK)
