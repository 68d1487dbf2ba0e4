"""What the client is told when something happens to a ticket outside the dialogue itself, and when the
engineers are away (regulation 4.6: requests are handled 08:00–17:00 Moscow time on working days)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from core.calendar import is_working_day, is_working_time, next_opening
from core.messages import Choice
from core.replies import Reply
from core.texts import t


def back_at(moment: datetime, tz: ZoneInfo, after: datetime | None = None) -> str:
    """When the engineers are back after ``moment`` (or after ``after``, said from ``moment``): «в понедельник,
    11.01.2027, с 8:00 МСК»; «сегодня, …» at night before a working day and «завтра, …» in the evening before one,
    where a weekday's name would make a client writing at 4 in the morning on Friday wonder which Friday."""
    opening = next_opening(after or moment, tz)
    days = (opening.date() - moment.astimezone(tz).date()).days
    day = t(f"hours.in_{days}_days") if days in (0, 1) else t(f"hours.weekday.{opening.weekday()}")
    return t("hours.back_at", weekday=day, date=opening.strftime("%d.%m.%Y"))


def away(moment: datetime, tz: ZoneInfo, key: str) -> str | None:
    """The text ``key`` saying when the engineers are back, outside working time; None while they are at work."""
    return None if is_working_time(moment, tz) else t(key, back=back_at(moment, tz))


def open_when(moment: datetime, tz: ZoneInfo, day: date) -> str:
    """Whether the engineers are at work now (``day`` is today) or on ``day``, and if not, when they are back."""
    days = (day - moment.astimezone(tz).date()).days
    if days == 0:
        return away(moment, tz, "hours.away_greeting") or t("hours.open_now")
    named = t("hours.in_1_days") if days == 1 else t(f"hours.weekday.{day.weekday()}")
    if is_working_day(day):
        return t("hours.open_on", day=named, date=day.strftime("%d.%m.%Y"))
    back = back_at(moment, tz, after=max(moment, datetime.combine(day, time(0), tzinfo=tz)))
    return t("hours.closed_on", day=named, date=day.strftime("%d.%m.%Y"), back=back)


def back_after(moment: datetime, tz: ZoneInfo, days_off: date) -> str:
    """When the engineers are back after the days off that begin (or began) on ``days_off``."""
    after = max(moment, datetime.combine(days_off, time(0), tzinfo=tz))
    return t("hours.back_after_days_off", back=back_at(moment, tz, after=after))


# «menu:» payloads: Viber sends a button's payload back as text, read as one only for the prefixes core/render.py
# knows; these are answered at any step (core/stages/news.py), like the menu's commands
NEWS_CHOICES = (Choice("menu:news-yes", t("news.yes")), Choice("menu:news-no", t("news.no")))


def ticket_opened(
    number: str, priority: str, created_at: datetime, deadline: datetime, tz: ZoneInfo, *, ask_news: bool = False
) -> Reply:
    """The ticket's confirmation; outside working hours when the engineers are back; maybe the news question."""
    lines = [
        t(
            "ticket.opened",
            number=number,
            priority=t(f"priority.{priority}"),
            deadline=deadline.astimezone(tz).strftime("%d.%m.%Y %H:%M"),
        )
    ]
    off_hours = away(created_at, tz, "ticket.opened_off_hours")
    if off_hours:
        lines.append(off_hours)
    if ask_news:
        return Reply("\n\n".join(("\n".join(lines), t("news.offer"))), NEWS_CHOICES)
    return Reply("\n".join(lines))


def engineer_assigned(number: str, engineer: str) -> Reply:
    return Reply(t("ticket.engineer_assigned", number=number, engineer=engineer))


def ticket_reopened(number: str) -> Reply:
    return Reply(t("ticket.reopened", number=number))
