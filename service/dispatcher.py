"""Delivers the outbox: each chat's messages in order, retried with backoff, never dropped silently.

A message is retried for as long as it can matter: exponential backoff with jitter, capped at ten
minutes, honouring the platform's ``retry_after``, until its retry horizon (``RETRY_HORIZON_HOURS``
from its creation, or from its replay) has passed. Only a permanent refusal (the client blocked
the bot, no such chat) ends it early, as ``failed``. Past the horizon it becomes a dead letter
(``dead``): listed by ``GET /api/dead-letters``, counted by ``/healthz``, and no longer holding back
the later messages of its chat. A client's message that ends either way is reported in its ticket's
topic. When a messenger answers again after failures, everything of that channel waiting for a
retry becomes due at once, and the engineers' ticket cards are claimed before anything else. A release
announcement's copies are claimed after everything else, so thousands of them never hold up a reply to
a chat that is talking now; every send waits for its platform's rate (``service/send_rates.py``).

On PostgreSQL any number of dispatchers may run (`serve` processes, `support-bot worker`): heads
are claimed with ``FOR UPDATE SKIP LOCKED``, and an outcome is recorded only while its worker still
holds the lease. On SQLite one dispatcher runs inside the service.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

import structlog
from sqlalchemy import and_
from sqlmodel.ext.asyncio.session import AsyncSession

from bots.base import DeliveryResult, Sender, tracking
from service.desk import Desk
from service.retry import backoff, poll_forever
from service.send_rates import platform_buckets
from storage.models import OutboxItem
from storage.repos import outbox
from storage.repos.queues import Heads, lease, take_back

log = structlog.get_logger(__name__)

LEASE = timedelta(seconds=60)  # longer than any send may take (timeouts are ~30 s)
BATCH = 50
DEFAULT_HORIZON = timedelta(hours=24)
TOLD_TO_WAIT = "retry after"  # marks the last error of an item the platform asked to wait: not woken early
# after an outage every queue's head is due at once: the engineers see the new tickets' cards first
# on the table, not the model: the lease is a Core statement (storage.repos.queues.Heads)
_OUTBOX = OutboxItem.__table__.c  # type: ignore[attr-defined]
CARDS_FIRST = and_(_OUTBOX.channel == "staff", _OUTBOX.payload["type"].as_string() == "ticket_opened")
ANNOUNCEMENTS_LAST = _OUTBOX.announcement_id.is_not(None)

Undeliverable = Callable[[OutboxItem, DeliveryResult], Awaitable[None]]


class Dispatcher:
    def __init__(
        self,
        desk: Desk,
        senders: Mapping[str, Sender],
        on_undeliverable: Undeliverable | None = None,
        *,
        horizon: timedelta = DEFAULT_HORIZON,
        telegram_per_second: float,
    ) -> None:
        self.desk = desk
        self.senders = senders
        self.on_undeliverable = on_undeliverable
        self.horizon = horizon
        self.rates = platform_buckets(telegram_per_second)  # per process: each dispatcher keeps its own pace
        shared = desk.store.shared_by_processes
        self.heads = Heads(OutboxItem, BATCH, first=CARDS_FIRST, last=ANNOUNCEMENTS_LAST, skip_locked=shared)
        self.more_due = False  # the last pass left messages behind the heads it took (``Leased.more``)

    async def _deliver(self, item: OutboxItem) -> tuple[DeliveryResult, int]:
        """The outcome of one try, and how many parts of the message have got through by now."""
        bucket = self.rates.get(item.channel)
        if bucket is not None:
            await bucket.acquire()
        with tracking(item.parts_sent) as progress:
            try:
                result = await self.senders[item.channel].deliver(item.payload)
            except Exception as error:  # a sender bug must not stop every other chat's delivery
                log.exception("outbox_sender_raised", item_id=item.id, channel=item.channel)
                result = DeliveryResult.later(type(error).__name__)
        return result, progress.done

    def _after_failure(self, item: OutboxItem, result: DeliveryResult, now: datetime) -> tuple[str, datetime, str]:
        """The status, next attempt and error to record for a failed try of ``item``."""
        error = result.error or ""
        if not result.retry:
            return "failed", now, error
        if now >= (item.replayed_at or item.created_at) + self.horizon:
            return outbox.DEAD, now, error
        if result.retry_after is not None:
            error = f"{error} ({TOLD_TO_WAIT} {result.retry_after:g} s)"
        return "pending", now + timedelta(seconds=backoff(item.attempts + 1, result.retry_after)), error

    async def _record(
        self, session: AsyncSession, item: OutboxItem, result: DeliveryResult, parts_sent: int, now: datetime
    ) -> str | None:
        """Record one outcome while the item's lease holds; the status it got, None when the lease was lost."""
        assert item.id is not None
        lease = {"item_id": item.id, "leased_until": item.next_attempt_at}  # as claimed: the lease's end
        if result.ok:
            sent = await outbox.mark_sent(session=session, **lease, message_id=result.message_id, now=now)
            return "sent" if sent else None
        status, retry_at, error = self._after_failure(item, result, now)
        settled = await outbox.mark_unsent(
            session=session, **lease, status=status, next_attempt_at=retry_at, error=error, parts_sent=parts_sent
        )
        return status if settled else None

    async def run_once(self) -> int:
        """Deliver the due head of every queue once; the number of items handled.

        Three short steps, so that no transaction stays open while a messenger answers: lease the
        heads, send them concurrently, record each outcome (only where the lease still holds).
        """
        now = self.desk.clock()
        leased = await lease(self.desk.store, self.heads, channels=self.senders.keys(), now=now, until=now + LEASE)
        heads, self.more_due = leased.items, leased.more
        outcomes = await asyncio.gather(*(self._deliver(item) for item in heads))
        ended: list[tuple[OutboxItem, str, DeliveryResult]] = []
        recovered: set[str] = set()
        now = self.desk.clock()
        async with self.desk.transaction(quiet=True) as session:  # the loop goes round: what it wakes is found
            for item, (result, parts_sent) in zip(heads, outcomes, strict=True):
                status = await self._record(session, item, result, parts_sent, now)
                if status is None:
                    log.warning("outbox_lease_lost", item_id=item.id, channel=item.channel)
                elif status == "sent" and item.attempts:
                    recovered.add(item.channel)
                elif status in ("failed", outbox.DEAD):
                    ended.append((item, status, result))
                elif status == "pending":  # a messenger failing for now: each try said, its error code with it
                    log.warning("outbox_try_failed", item_id=item.id, channel=item.channel, attempts=item.attempts + 1,
                                error=result.error)  # fmt: skip
            if recovered:
                await outbox.wake(session=session, channels=recovered, now=now, unless=TOLD_TO_WAIT)
        await self._report(ended)
        return len(heads)

    async def _report(self, ended: list[tuple[OutboxItem, str, DeliveryResult]]) -> None:
        for item, status, result in ended:
            event = "outbox_dead_letter" if status == outbox.DEAD else "outbox_undeliverable"
            log.warning(event, item_id=item.id, channel=item.channel, attempts=item.attempts + 1, error=result.error)
            if self.on_undeliverable is not None:
                await self.on_undeliverable(item, result)

    async def run_forever(
        self, poll_seconds: float, stop: asyncio.Event, turn: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        """Deliver while there is work; ``turn`` (``AcksFirst.turn``) lets the webhooks be answered first."""
        await take_back(self.desk.store, self.heads, channels=self.senders.keys(), now=self.desk.clock())
        await poll_forever(self.run_once, poll_seconds, stop, self.desk.committed, turn, lambda: self.more_due)
