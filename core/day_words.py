"""The day a client names when asking whether the engineers work then: «в понедельник», «31 декабря», «31.12»,
«22-го», «после нового года». Read against the desk's today: a weekday is the next one (today included), a date
this year's or, once past, next year's, a day of the month alone this month's or the next. Only the clock can
answer such a question (the production calendar moves days off), so these are never left to the FAQ, whose entry
states the usual hours.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from core.calendar import is_working_day

WEEKDAYS = re.compile(
    r"\b(?:понедельник|вторник|сред[ауы]|четверг|пятниц[ауы]|суббот[ауы]|воскресень[ея]|выходн\w*)", re.IGNORECASE
)
WEEKDAY_STEMS = ("понед", "втор", "сред", "четв", "пятн", "субб", "воскр", "выход")  # «выходные»: Saturday
MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
DATE_IN_WORDS = re.compile(
    r"\b(\d{1,2})(?:-?го)?\s+(январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)", re.IGNORECASE
)
# «22-го», «27го», «9 числа»: a day of the month alone, this month's or, once past, next month's
# and «вы 22 работаете?»: a bare number right before the verb of the question (not an hour: «в 8 работаете?»)
DAY_OF_MONTH = re.compile(
    r"(?<![\d.,:])(\d{1,2})\s*(?:-?\s*(?:го|ого)|числа)\b"
    r"|(?<![\d.,:])(?<!\bв\s)(?<!\bс\s)(?<!\bдо\s)(\d{1,2})\s+(?=(?:работа|будете\s+работ|открыт|принима|выход)\w*)",
    re.IGNORECASE,
)
DATE_IN_DIGITS = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?(?![\d.])")
# «после нового года», «после праздников», «после майских»: the days off ahead, and who comes back after them
# «в праздники», «на новогодние», «во время майских»: the days off themselves
DURING_DAYS_OFF = re.compile(
    r"\b(?:в|на|во\s+время|под)\s+(?:нов\w*\s+год\w*|нг\b|праздник\w*|праздничн\w*|новогодн\w*|каникул\w*|майск\w*)",
    re.IGNORECASE,
)
AFTER_DAYS_OFF = re.compile(
    r"\bпосле\s+(?:нов\w*\s+год\w*|нг\b|праздник\w*|новогодн\w*|каникул\w*|майск\w*)", re.IGNORECASE
)


def named_day(text: str, today: date) -> date | None:
    """The day the text names, read from ``today``; None when it names none."""
    if (found := DATE_IN_WORDS.search(text)) is not None:
        month = next(i for i, stem in enumerate(MONTHS, 1) if found.group(2).casefold().startswith(stem))
        return _this_or_next_year(int(found.group(1)), month, today)
    if (found := DATE_IN_DIGITS.search(text)) is not None:
        day, month, year = int(found.group(1)), int(found.group(2)), found.group(3)
        if year is None:
            return _this_or_next_year(day, month, today)
        return _valid(int(year) + (2000 if len(year) == 2 else 0), month, day)
    if (found := DAY_OF_MONTH.search(text)) is not None:  # «в субботу 27-го»: the date, not the weekday
        return _this_or_next_month(int(found.group(1) or found.group(2)), today)
    if (found := WEEKDAYS.search(text)) is not None:
        weekday = min(next(i for i, stem in enumerate(WEEKDAY_STEMS) if found.group().casefold().startswith(stem)), 5)
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    return None


def days_off_asked(text: str, today: date) -> date | None:
    """«когда после нового года выходите на работу?»: the first of the days off the text names (the New Year's, the
    May holidays, or the next holiday on a weekday), ahead or under way; None when it names none."""
    found = AFTER_DAYS_OFF.search(text)
    return None if found is None else _days_off_start(found.group().casefold(), today)


def days_off_during(text: str, today: date) -> date | None:
    """«а в праздники работаете?», «на новогодние работаете?»: the first of the days off asked about, as above."""
    found = DURING_DAYS_OFF.search(text)
    return None if found is None else _days_off_start(found.group().casefold(), today)


def _days_off_start(named: str, today: date) -> date | None:
    if "май" in named:
        return _season_start(today, 5)
    if "праздник" not in named:
        return _season_start(today, 1)
    day = today
    while is_working_day(day) or day.weekday() >= 5:  # a weekend is no holiday
        day += timedelta(days=1)
        if day - today > timedelta(days=366):
            return None
    return day


def _season_start(today: date, month: int) -> date:
    """The 1st of ``month`` this year while its days off may still be under way (to the 12th), else next year's."""
    return date(today.year, month, 1) if (today.month, today.day) <= (month, 12) else date(today.year + 1, month, 1)


def _this_or_next_year(day: int, month: int, today: date) -> date | None:
    this_year = _valid(today.year, month, day)
    if this_year is None or this_year >= today:
        return this_year
    return _valid(today.year + 1, month, day)


def _this_or_next_month(day: int, today: date) -> date | None:
    """The next ``day`` of a month from ``today`` on: «31-го» asked in February is the 31st of March."""
    month = date(today.year, today.month, 1)
    for _ in range(3):
        found = _valid(month.year, month.month, day)
        if found is not None and found >= today:
            return found
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # «31.02», «45.13»: no such day
        return None
