"""What the engineers' group is told about a ticket's deadline and urgency (regulation 4.7, 4.10).

Each function builds a staff notice for the outbox (``Desk.notify_staff``); the group's sender formats it
(``bots/staff_sender.py``). Texts are written here, when the event happens, so that a notice delivered late
after an outage still says what was true at the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.calendar import is_working_time
from core.staff import duration_words
from core.texts import t
from service.settings import Settings
from storage.models import Ticket

TitleState = tuple[str, str, bool]


@dataclass(frozen=True)
class AlertPolicy:
    """Who is called on: the leads on an escalation, the engineers on duty on a critical ticket (and when)."""

    leads: tuple[int, ...] = ()
    on_duty: tuple[int, ...] = ()
    off_hours: bool = True  # a critical ticket is announced outside working hours too

    @classmethod
    def from_settings(cls, settings: Settings) -> AlertPolicy:
        return cls(
            leads=tuple(sorted(settings.lead_ids)),
            on_duty=tuple(sorted(settings.on_duty_ids)),
            off_hours=settings.critical_alerts_off_hours,
        )


def _moment(moment: datetime, timezone: ZoneInfo) -> str:
    return moment.astimezone(timezone).strftime("%d.%m.%Y %H:%M")


def title_state(ticket: Ticket) -> TitleState:
    """What the topic's title shows of the ticket (see ``bots.staff_card.topic_name``)."""
    overdue = ticket.escalated_at is not None and ticket.first_answer_at is None
    return ticket.status, ticket.priority, overdue


def retitle(ticket: Ticket) -> dict[str, Any]:
    """The topic's title is renamed after the ticket as it is when the notice is delivered."""
    return {"type": "topic_title", "ticket": ticket.number}


def critical_alert(ticket: Ticket, policy: AlertPolicy, now: datetime, timezone: ZoneInfo) -> dict[str, Any] | None:
    """The general topic hears of a critical ticket at once; outside working hours only when the desk wants it."""
    if ticket.priority != "critical" or not (policy.off_hours or is_working_time(now, timezone)):
        return None
    text = t(
        "staff.critical_alert",
        number=ticket.number,
        kind=t(f"kind.{ticket.kind}"),
        deadline=_moment(ticket.reaction_due_at, timezone),
    )
    return {"type": "critical_alert", "ticket": ticket.number, "text": text, "mention": list(policy.on_duty)}


def reminder(ticket: Ticket, before: timedelta, timezone: ZoneInfo) -> dict[str, Any]:
    """In the ticket's topic: the deadline is near and the client has had no reaction."""
    text = t(
        "staff.reminder",
        number=ticket.number,
        left=duration_words(before),
        deadline=_moment(ticket.reaction_due_at, timezone),
    )
    return {"type": "deadline_reminder", "ticket": ticket.number, "text": text}


def escalation(ticket: Ticket, policy: AlertPolicy, now: datetime, timezone: ZoneInfo) -> dict[str, Any]:
    """In the general topic, to the leads: the deadline passed with no engineer's reaction."""
    text = t(
        "staff.escalated",
        number=ticket.number,
        priority=t(f"priority.{ticket.priority}"),
        kind=t(f"kind.{ticket.kind}"),
        unanswered=duration_words(now - ticket.created_at),
        created=_moment(ticket.created_at, timezone),
    )
    return {"type": "escalated", "ticket": ticket.number, "text": text, "mention": list(policy.leads)}
