"""Release announcements (regulation 3.3, 4.8): every subscriber gets the news once, in their own messenger.

An announcement and all its copies are written in one transaction, once per id: a repeated request (the
same ``POST /api/announcements`` id, «Отправить» pressed twice) finds the row and sends nothing more. Each
copy goes to the client's most recently active chat the bot can still reach, through the outbox, so the
dispatcher's rate limits, retries and dead letters apply. A WhatsApp client silent for over 24 hours gets
the approved template; without one the copy cannot go and is counted as failed, like a copy to a client
no chat reaches. The lead hears the progress every minute and the final counts once, in the general topic.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlmodel.ext.asyncio.session import AsyncSession

from bots.channel import GENERAL
from bots.whatsapp import TEMPLATE
from core.messages import Outbound
from core.texts import t
from service.desk import Desk
from service.whatsapp_window import outside_window
from storage.models import Announcement, Identity
from storage.repos import announcements, outbox

log = structlog.get_logger(__name__)

PROGRESS_EVERY = timedelta(minutes=1)
TITLE_LENGTH = 60  # how much of the text names the announcement in the reports
NO_CHAT = "no chat of the client is reachable"
NO_TEMPLATE = "outside WhatsApp's 24-hour window and no template (TWILIO_CONTENT_SID)"


@dataclass(frozen=True)
class Created:
    id: str
    recipients: int
    created: bool  # False: the id was known already and nothing more was sent


def copy_for(identity: Identity, text: str, now: datetime, *, template: bool) -> tuple[dict[str, Any], str | None]:
    """The payload of one subscriber's copy, and why it cannot go (None when it can)."""
    message = Outbound(channel=identity.channel, chat=identity.chat, text=t("announce.message", text=text))  # type: ignore[arg-type]
    if identity.channel != "whatsapp" or not outside_window(identity.last_inbound_at, now):
        return message.to_dict(), None
    variables = json.dumps({"1": text}, ensure_ascii=False)
    templated = Outbound(channel=message.channel, chat=message.chat, text=message.text, extras={TEMPLATE: variables})
    return templated.to_dict(), None if template else NO_TEMPLATE


def title_of(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1] + "…"


class Announcements:
    def __init__(
        self,
        desk: Desk,
        senders: Mapping[str, object],
        *,
        template: bool,
        report_chat: str | None,
        leads: frozenset[int],
    ) -> None:
        self.desk = desk
        self.senders = senders  # the live channels, read when an announcement is made
        self.template = template
        self.report_chat = report_chat
        self.leads = leads
        # when this process last reported an announcement's progress, and how many copies had settled then
        self._progress: dict[str, tuple[datetime, int]] = {}

    def may_announce(self, user_id: int) -> bool:
        return user_id in self.leads

    async def audience(self) -> int:
        """How many clients an announcement made now would reach."""
        async with self.desk.sessions() as session:
            return len(await announcements.subscribers(session=session))

    async def create(self, announcement_id: str, text: str, author: str | None) -> Created:
        """The announcement and one copy per subscriber, in one transaction; nothing more for a known id."""
        async with self.desk.transaction() as session:
            now = self.desk.clock()
            found = await announcements.subscribers(session=session)
            row = Announcement(
                id=announcement_id,
                text=text,
                author=author,
                recipients=len(found),
                report_chat=self.report_chat,
                created_at=now,
            )
            if not await announcements.insert(session=session, announcement=row):
                existing = await session.get(Announcement, announcement_id)
                assert existing is not None
                return Created(announcement_id, existing.recipients, created=False)
            for identities in found.values():
                self._enqueue(session, announcement_id, text, identities, now)
        log.info("announcement_created", announcement=announcement_id, recipients=len(found))
        return Created(announcement_id, len(found), created=True)

    def _enqueue(
        self, session: AsyncSession, announcement_id: str, text: str, identities: list[Identity], now: datetime
    ) -> None:
        """One copy for this client: to their reachable chat, or recorded as failed where none can take it."""
        target = announcements.reachable(identities, self.senders.keys())
        address = target or identities[0]
        payload, problem = copy_for(address, text, now, template=self.template)
        problem = problem if target is not None else NO_CHAT
        item = outbox.enqueue(
            session=session,
            channel=address.channel,
            chat=address.chat,
            payload=payload,
            now=now,
            status="failed" if problem else "pending",
        )
        item.announcement_id, item.last_error = announcement_id, problem

    async def counts(self, announcement_id: str) -> tuple[Announcement, announcements.Counts] | None:
        async with self.desk.sessions() as session:
            row = await session.get(Announcement, announcement_id)
            if row is None:
                return None
            return row, await announcements.counts(session=session, announcement=row)

    async def report_once(self) -> int:
        """Report each settled announcement's final counts (once, whichever process claims it) and, every
        minute, the progress of those still running; the number of reports queued."""
        reports = 0
        async with self.desk.transaction() as session:
            now = self.desk.clock()
            for row in await announcements.unreported(session=session):
                counts = await announcements.counts(session=session, announcement=row)
                if counts.done:
                    if await announcements.claim_report(session=session, announcement_id=row.id, now=now):
                        reports += self._report(session, row, counts, "announce.finished", now)
                        self._progress.pop(row.id, None)
                elif self._progress_due(row, counts, now):
                    self._progress[row.id] = (now, counts.delivered + counts.failed)
                    reports += self._report(session, row, counts, "announce.progress", now)
        return reports

    def _progress_due(self, row: Announcement, counts: announcements.Counts, now: datetime) -> bool:
        """A minute after the start, then each minute in which more copies settled (an outage brings no repeats)."""
        last = self._progress.get(row.id)
        if last is None:
            return now - row.created_at >= PROGRESS_EVERY
        return now - last[0] >= PROGRESS_EVERY and counts.delivered + counts.failed != last[1]

    def _report(
        self, session: AsyncSession, row: Announcement, counts: announcements.Counts, key: str, now: datetime
    ) -> int:
        """Queue a report for the general topic, mentioning the lead who sent it; 0 when there is no group."""
        if row.report_chat is None:
            return 0
        log.info("announcement_report", announcement=row.id, delivered=counts.delivered, failed=counts.failed)
        text = t(
            key,
            title=title_of(row.text),
            delivered=counts.delivered,
            recipients=counts.recipients,
            failed=counts.failed,
        )
        mention = [int(row.author)] if row.author and row.author.isdigit() else []
        payload = {"type": "announcement_report", "announcement": row.id, "text": text, "mention": mention}
        outbox.enqueue(session=session, channel=GENERAL, chat=row.report_chat, payload=payload, now=now)
        return 1
