"""The desk's reports page (/desk/reports): a period's tickets per day, reactions against the deadline, CSAT
and the FAQ, with charts drawn on the server.

The store does the counting (storage/repos/desk_reports.py); only the reaction times are worked out here, in
working hours (4.6, 4.7), from the period's rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from core.calendar import WORKING_DAY, working_time_between
from core.staff import duration_words
from core.texts import channel_key, t
from service.web import svg_charts
from service.web.desk_auth import LoggedIn
from service.web.desk_tickets import render
from storage.repos import desk_reports
from storage.repos.desk_reports import Reaction

DEFAULT_DAYS = 30
MAX_DAYS = 366
TOP_QUESTIONS = 10
# upper bounds of the reaction histogram's buckets, in working time; the last one is the deadline itself
REACTION_BOUNDS = (timedelta(hours=1), timedelta(hours=2), timedelta(hours=4), WORKING_DAY)
RATINGS = range(1, 6)

router = APIRouter()


@dataclass(frozen=True)
class Period:
    """Calendar days in the desk's time zone, both ends included."""

    first: date
    last: date

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The period as moments: the first day's midnight and the midnight after the last day, in the desk's zone."""
        start = datetime.combine(self.first, time(), tzinfo=zone)
        return start, datetime.combine(self.last + timedelta(days=1), time(), tzinfo=zone)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def chosen_period(first: str | None, last: str | None, today: date) -> tuple[Period, str | None]:
    """The period asked for, or the last DEFAULT_DAYS days with the reason when what was asked is unusable."""
    default = Period(today - timedelta(days=DEFAULT_DAYS - 1), today)
    if not first and not last:
        return default, None
    try:
        period = Period(
            date.fromisoformat(first) if first else default.first, date.fromisoformat(last) if last else today
        )
    except ValueError:
        return default, t("desk.reports.bad_date", days=DEFAULT_DAYS)
    if period.first > period.last or (period.last - period.first).days >= MAX_DAYS:
        return default, t("desk.reports.bad_period", max=MAX_DAYS, days=DEFAULT_DAYS)
    return period, None


@dataclass(frozen=True)
class Reactions:
    """How fast the engineers first answered the period's tickets, in working time."""

    buckets: list[int]  # answered within each of REACTION_BOUNDS, then later than the last
    answered: int
    on_time: int
    waiting: int  # no answer yet
    average: timedelta | None


def summarize_reactions(rows: Sequence[Reaction], zone: ZoneInfo) -> Reactions:
    buckets = [0] * (len(REACTION_BOUNDS) + 1)
    spent: list[timedelta] = []
    on_time = 0
    for row in rows:
        if row.answered_at is None:
            continue
        took = working_time_between(row.created_at, row.answered_at, zone)
        spent.append(took)
        on_time += row.answered_at <= row.due_at
        buckets[next((i for i, bound in enumerate(REACTION_BOUNDS) if took <= bound), len(REACTION_BOUNDS))] += 1
    average = sum(spent, timedelta()) / len(spent) if spent else None
    return Reactions(buckets, len(spent), on_time, len(rows) - len(spent), average)


def _bucket_labels() -> list[str]:
    hours = [int(bound.total_seconds() // 3600) for bound in REACTION_BOUNDS]
    labels = [t("desk.reports.bucket.upto", hours=hours[0])]
    labels += [t("desk.reports.bucket.between", low=low, high=high) for low, high in itertools.pairwise(hours)]
    return labels + [t("desk.reports.bucket.later", hours=hours[-1])]


def _per_day_chart(period: Period, counts: list[tuple[date, str, int]]) -> Markup:
    days = period.days()
    channels = sorted({channel for _, channel, _ in counts})
    by_key = {(day, channel): n for day, channel, n in counts}
    series = [
        svg_charts.Series(t(channel_key(channel)), [by_key.get((day, channel), 0) for day in days])
        for channel in channels
    ]
    return svg_charts.stacked_bars(
        "chart-per-day",
        t("desk.reports.per_day"),
        t("desk.reports.per_day.desc", total=sum(n for _, _, n in counts), days=len(days)),
        [day.strftime("%d.%m") for day in days],
        series,
    )


def _reaction_section(rows: Sequence[Reaction], missed: list[str], zone: ZoneInfo) -> dict[str, Any]:
    """The share within the deadline counts the answered in time against every missed deadline (4.7)."""
    reactions = summarize_reactions(rows, zone)
    decided = reactions.on_time + len(missed)
    return {
        "reactions": reactions,
        "missed": missed,
        "share": round(100 * reactions.on_time / decided) if decided else None,
        "average": duration_words(reactions.average) if reactions.average is not None else None,
        "reaction_chart": svg_charts.histogram(
            "chart-reaction",
            t("desk.reports.reaction"),
            t("desk.reports.reaction.desc", answered=reactions.answered, on_time=reactions.on_time),
            list(zip(_bucket_labels(), reactions.buckets, strict=True)),
        ),
    }


def _csat_section(ratings: dict[int, int]) -> dict[str, Any]:
    rated = sum(ratings.values())
    return {
        "rated": rated,
        "csat": sum(r * n for r, n in ratings.items()) / rated if rated else None,
        "csat_chart": svg_charts.bars(
            "chart-csat",
            t("desk.reports.csat"),
            t("desk.reports.csat.desc", rated=rated),
            [(str(r), ratings.get(r, 0)) for r in RATINGS],
        ),
    }


def _faq_section(feedback: dict[bool, int], unanswered: int) -> dict[str, Any]:
    faq = [
        (t("desk.reports.faq.helpful"), feedback.get(True, 0)),
        (t("desk.reports.faq.unhelpful"), feedback.get(False, 0)),
        (t("desk.reports.faq.unanswered"), unanswered),
    ]
    summary = "; ".join(f"{label}: {n}" for label, n in faq)
    return {
        "faq_used": any(n for _, n in faq),
        "faq_chart": svg_charts.bars("chart-faq", t("desk.reports.faq"), summary, faq),
    }


@router.get("/desk/reports", response_class=HTMLResponse)
async def reports(
    request: Request,
    me: LoggedIn,
    first: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    last: Annotated[str | None, Query(alias="to", max_length=10)] = None,
) -> HTMLResponse:
    desk = request.app.state.desk
    zone, now = desk.timezone, desk.clock()
    period, error = chosen_period(first, last, now.astimezone(zone).date())
    start, end = period.bounds(zone)
    async with desk.sessions() as session:
        span: dict[str, Any] = {"session": session, "start": start, "end": end}
        per_day = await desk_reports.tickets_per_day(**span, offset=now.astimezone(zone).utcoffset() or timedelta())
        rows = await desk_reports.reactions(**span)
        missed = await desk_reports.missed_deadlines(**span, now=now)
        ratings = await desk_reports.ratings(**span)
        feedback = await desk_reports.faq_feedback(**span)
        unanswered = await desk_reports.faq_unanswered(**span)
        questions = await desk_reports.top_questions(**span, limit=TOP_QUESTIONS)
    return render(
        request,
        "desk/reports.html",
        me,
        period=period,
        error=error,
        total=len(rows),
        per_day_chart=_per_day_chart(period, per_day),
        questions=questions,
        **_reaction_section(rows, missed, zone),
        **_csat_section(ratings),
        **_faq_section(feedback, unanswered),
    )
