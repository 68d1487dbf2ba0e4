"""``GET /metrics``: the desk's work in Prometheus text format (CONTRACT.md: no auth, so bind it to an
internal interface in production; no client's data is in it either).

The business series are read from the store at each scrape (``storage.repos.desk_stats``: aggregate
queries), so they are right whatever number of processes serve the webhooks, and survive restarts.
In-process counters only where the store keeps nothing: what each webhook request came to, and the
knowledge base's lookups. They count what this process saw since it started (a separate
``support-bot worker`` handles the clients' messages, and so the lookups, on its own).
Label values are channels, kinds, priorities and results: fixed sets the code writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

import structlog
from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.utils import floatToGoString

from core.engine import FaqLookup
from core.stages.turn import FaqResult
from storage.repos import desk_stats

if TYPE_CHECKING:  # the desk counts its lookups here: no import back at run time
    from service.desk import Desk

log = structlog.get_logger(__name__)

PROCESS = CollectorRegistry(auto_describe=True)
WEBHOOKS = Counter(
    "twinpro_webhooks_received",
    "Webhook requests by channel and result: accepted, duplicate (a redelivery), settled (a status or an event "
    "answered at once), refused_signature, malformed. This process, since it started.",
    ["channel", "result"],
    registry=PROCESS,
)
FAQ_LOOKUPS = Counter(
    "twinpro_faq_lookups",
    "Knowledge-base lookups for clients' messages: answered (a confident answer) or declined. This process.",
    ["result"],
    registry=PROCESS,
)
# first answers: 5 and 15 minutes … 1 day (the deadline of 4.7 counts working days) … a week
REACTION_BOUNDS = (300.0, 900.0, 1800.0, 3600.0, 7200.0, 14400.0, 28800.0, 86400.0, 172800.0, 259200.0, 604800.0)


def webhook_received(channel: str, result: str) -> None:
    """Count one webhook request; ``channel`` must be a registered channel's name, never the URL's word."""
    _webhooks(channel, result).inc()


@cache
def _webhooks(channel: str, result: str) -> Counter:
    """The counter of a channel and result, looked up once (``labels`` costs more than the count itself)."""
    return WEBHOOKS.labels(channel=channel, result=result)


def counting_lookups(lookup: FaqLookup | None) -> FaqLookup | None:
    """The desk's knowledge-base lookup, counted by its result."""
    if lookup is None:
        return None

    def counted(query: str) -> FaqResult:
        found = lookup(query)
        FAQ_LOOKUPS.labels(result="answered" if found.answered else "declined").inc()
        return found

    return counted


class _Read:
    """A collector of families already read from the store (prometheus_client collects synchronously)."""

    def __init__(self, families: list[Metric]) -> None:
        self.families = families

    def collect(self) -> Iterator[Metric]:
        return iter(self.families)


async def store_families(desk: Desk) -> list[Metric]:
    """Every store-backed series, read in one session."""
    now = desk.clock()
    async with desk.sessions() as session:
        opened = await desk_stats.tickets_opened(session=session)
        reactions = await desk_stats.reaction_times(session=session, bounds=REACTION_BOUNDS)
        missed = await desk_stats.deadlines_missed(session=session, now=now)
        depths = await desk_stats.outbox_depth(session=session)
        feedback = await desk_stats.faq_feedback(session=session)
        unanswered = await desk_stats.faq_unanswered(session=session)
    return [
        _counter("twinpro_tickets_opened", "Tickets opened, by channel, kind and priority.", opened,
                 ["channel", "kind", "priority"]),
        _reaction_histogram(reactions),
        _counter("twinpro_reaction_deadlines_missed", "Tickets whose reaction deadline (4.7) passed before an "
                 "engineer's first answer, by priority.", missed, ["priority"]),
        _gauge("twinpro_outbox_waiting", "Messages waiting for their messenger, by channel.",
               [(d.channel, d.waiting) for d in depths]),
        _gauge("twinpro_outbox_oldest_waiting_seconds", "Age of the oldest message waiting for its messenger.",
               [(d.channel, _age(now, d.oldest_waiting)) for d in depths]),
        _gauge("twinpro_outbox_dead_letters", "Messages undelivered at the end of the retry horizon, by channel.",
               [(d.channel, d.dead) for d in depths]),
        _counter("twinpro_faq_feedback", "Presses after an FAQ answer: helpful («Помогло») or not_helpful.",
                 [("helpful", feedback.get(True, 0)), ("not_helpful", feedback.get(False, 0))], ["result"]),
        _counter("twinpro_faq_unanswered", "Clients' questions the FAQ had no confident answer for.",
                 [(unanswered,)], []),
    ]  # fmt: skip


def _counter(name: str, help_text: str, rows: list[tuple], labels: list[str]) -> Metric:
    family = CounterMetricFamily(name, help_text, labels=labels)
    for *values, count in rows:
        family.add_metric([str(value) for value in values], count)
    return family


def _gauge(name: str, help_text: str, rows: list[tuple[str, float]]) -> Metric:
    family = GaugeMetricFamily(name, help_text, labels=["channel"])
    for channel, value in rows:
        family.add_metric([channel], value)
    return family


def _reaction_histogram(reactions: list[desk_stats.ReactionTimes]) -> Metric:
    family = HistogramMetricFamily(
        "twinpro_reaction_time_seconds",
        "From a ticket's creation to the engineers' first answer (wall-clock), by priority.",
        labels=["priority"],
    )
    for times in reactions:
        buckets = [(floatToGoString(bound), n) for bound, n in zip(REACTION_BOUNDS, times.within, strict=True)]
        family.add_metric([times.priority], [*buckets, ("+Inf", times.count)], times.total_seconds)
    return family


def _age(now: datetime, since: datetime | None) -> float:
    return max((now - since).total_seconds(), 0.0) if since is not None else 0.0


router = APIRouter()


@router.get("/metrics", response_class=PlainTextResponse)
async def metrics(request: Request) -> Response:
    """The in-process counters, the store's series, and ``twinpro_store_up`` (0 while the store does not answer)."""
    up = GaugeMetricFamily("twinpro_store_up", "1 while the store answers the scrape's queries.")
    try:
        families = await store_families(request.app.state.desk)
        up.add_metric([], 1)
    except Exception as error:
        log.warning("metrics_store_unavailable", error=type(error).__name__)
        families = []
        up.add_metric([], 0)
    scrape = CollectorRegistry(auto_describe=False)
    scrape.register(_Read([*families, up]))
    return Response(generate_latest(PROCESS) + generate_latest(scrape), media_type=CONTENT_TYPE_LATEST)
