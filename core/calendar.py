"""Working time of the support desk (regulation 4.6, 4.7).

Requests are handled 08:00–17:00 Moscow time on working days of the Russian production calendar;
the reaction time is at most one working day, counted in working hours only. Every function takes
the moment explicitly: the clock belongs to the caller.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

OPENS = time(8, 0)
CLOSES = time(17, 0)
WORKING_DAY = timedelta(hours=9)


@lru_cache(maxsize=8)
def _russian_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=year)


def is_working_day(day: date) -> bool:
    """Weekdays that are not public holidays of the Russian Federation."""
    return day.weekday() < 5 and day not in _russian_holidays(day.year)


def is_working_time(moment: datetime, tz: ZoneInfo) -> bool:
    local = moment.astimezone(tz)
    return is_working_day(local.date()) and OPENS <= local.time() < CLOSES


def _next_opening(local: datetime) -> datetime:
    """The start of the next working window at or after ``local`` (already in the desk's zone)."""
    day = local.date()
    if is_working_day(day) and local.time() < CLOSES:
        return max(local, datetime.combine(day, OPENS, tzinfo=local.tzinfo))
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, OPENS, tzinfo=local.tzinfo)


def add_working_time(start: datetime, amount: timedelta, tz: ZoneInfo) -> datetime:
    """``start`` plus ``amount`` of working time, skipping nights, weekends and holidays."""
    current = _next_opening(start.astimezone(tz))
    remaining = amount
    while True:
        closing = datetime.combine(current.date(), CLOSES, tzinfo=current.tzinfo)
        available = closing - current
        if remaining <= available:
            return current + remaining
        remaining -= available
        current = _next_opening(closing)


def reaction_deadline(created_at: datetime, tz: ZoneInfo) -> datetime:
    """Latest moment of the first reaction: one working day after the request arrived (4.7)."""
    return add_working_time(created_at, WORKING_DAY, tz)
