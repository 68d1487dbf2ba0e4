"""Reaction deadlines that act (regulation 4.7): a reminder in the ticket's topic before the deadline, an
escalation to the leads at it.

The timers live in the store (``Ticket.reminded_at``, ``escalated_at``): each pass looks at the open tickets no
engineer has reacted to, and claims a due event with a conditional UPDATE in the same transaction that queues its
notices, so every event happens once whatever the number of processes, and survives restarts. The notices reach
the group through the outbox, retried while Telegram is away.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import structlog

from core.calendar import subtract_working_time
from service.desk import Desk
from service.retry import poll_forever
from service.staff_notices import escalation, reminder, retitle
from storage.models import Ticket
from storage.repos import tickets

log = structlog.get_logger(__name__)
POLL_SECONDS = 30.0  # deadlines are minutes apart at the least
REMINDED, ESCALATED = "reminded_at", "escalated_at"  # the ticket's columns that claim each event


class Deadlines:
    def __init__(self, desk: Desk, *, remind_before: timedelta) -> None:
        self.desk = desk
        self.remind_before = remind_before

    def remind_at(self, ticket: Ticket) -> datetime:
        """``remind_before`` of working time before the ticket's reaction deadline."""
        return subtract_working_time(ticket.reaction_due_at, self.remind_before, self.desk.timezone)

    async def run_once(self) -> int:
        """Remind and escalate what is due now; how many events this pass claimed."""
        now = self.desk.clock()
        async with self.desk.sessions() as session:
            waiting = await tickets.awaiting_reaction(session=session)
        claimed = 0
        for ticket in waiting:
            if ticket.reaction_due_at <= now:
                claimed += await self._escalate(ticket, now)
            elif ticket.reminded_at is None and self.remind_at(ticket) <= now:
                claimed += await self._remind(ticket, now)
        return claimed

    async def _remind(self, ticket: Ticket, now: datetime) -> int:
        assert ticket.id is not None
        async with self.desk.transaction() as session:
            if not await tickets.claim_deadline_event(session=session, ticket_id=ticket.id, event=REMINDED, now=now):
                return 0
            self.desk.notify_staff(session, reminder(ticket, self.remind_before, self.desk.timezone), now)
        log.info("ticket_reminded", ticket=ticket.number)
        return 1

    async def _escalate(self, ticket: Ticket, now: datetime) -> int:
        """The deadline passed unanswered: the topic's title is marked and the leads are called in the general
        topic. A reminder not sent by then (the service was down) is superseded, never sent late."""
        assert ticket.id is not None
        async with self.desk.transaction() as session:
            if not await tickets.claim_deadline_event(session=session, ticket_id=ticket.id, event=ESCALATED, now=now):
                return 0
            await tickets.claim_deadline_event(session=session, ticket_id=ticket.id, event=REMINDED, now=now)
            self.desk.notify_staff(session, retitle(ticket), now)
            self.desk.notify_staff(session, escalation(ticket, self.desk.alerts, now, self.desk.timezone), now)
        log.info("ticket_escalated", ticket=ticket.number)
        return 1

    async def run_forever(self, stop: asyncio.Event) -> None:
        await poll_forever(self.run_once, POLL_SECONDS, stop, asyncio.Event())
