"""Working time of the support desk (regulation 4.6, 4.7).

Requests are handled 08:00–17:00 Moscow time on working days of the Russian production calendar;
the reaction time is at most one working day, counted in working hours only. Every function takes
the moment explicitly: the clock belongs to the caller.

The production calendar is the `holidays` package's for Russia: public holidays, the days off moved by
the government's yearly decree (31.12.2026, 09.01.2026 …) and the weekend days moved the other way,
which are working days (``weekend_workdays``: Saturday 20.02.2027, Saturday 01.11.2025).
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
    """A working day of the Russian production calendar: a weekday that is no holiday, or a weekend day worked."""
    return _russian_holidays(day.year).is_working_day(day)


def is_working_time(moment: datetime, tz: ZoneInfo) -> bool:
    local = moment.astimezone(tz)
    return is_working_day(local.date()) and OPENS <= local.time() < CLOSES


def next_opening(moment: datetime, tz: ZoneInfo) -> datetime:
    """When the engineers are next at work: ``moment`` itself in working time, else the next 08:00 of a working day."""
    return _next_opening(moment.astimezone(tz))


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


def _previous_closing(local: datetime) -> datetime:
    """The end of the last working window at or before ``local`` (already in the desk's zone)."""
    day = local.date()
    if is_working_day(day) and local.time() > OPENS:
        return min(local, datetime.combine(day, CLOSES, tzinfo=local.tzinfo))
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, CLOSES, tzinfo=local.tzinfo)


def subtract_working_time(end: datetime, amount: timedelta, tz: ZoneInfo) -> datetime:
    """The moment ``amount`` of working time before ``end``: the inverse of :func:`add_working_time`."""
    current = _previous_closing(end.astimezone(tz))
    remaining = amount
    while True:
        opening = datetime.combine(current.date(), OPENS, tzinfo=current.tzinfo)
        available = current - opening
        if remaining <= available:
            return current - remaining
        remaining -= available
        current = _previous_closing(opening)


def working_time_between(start: datetime, end: datetime, tz: ZoneInfo) -> timedelta:
    """Working time from ``start`` to ``end`` (zero when ``end`` is not later): what is left until a deadline."""
    current, end = _next_opening(start.astimezone(tz)), end.astimezone(tz)
    total = timedelta()
    while current < end:
        closing = datetime.combine(current.date(), CLOSES, tzinfo=current.tzinfo)
        total += min(closing, end) - current
        current = _next_opening(closing)
    return total
