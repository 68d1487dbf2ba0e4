"""Delivers the outbox: each chat's messages in order, retried with backoff, never dropped silently.

On PostgreSQL any number of dispatchers may run (`serve` processes, `support-bot worker`): heads
are claimed with ``FOR UPDATE SKIP LOCKED``. On SQLite one dispatcher runs inside the service.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

import structlog

from bots.base import DeliveryResult, Sender
from service.desk import Desk
from service.retry import backoff, poll_forever
from storage.models import OutboxItem
from storage.repos import outbox
from storage.repos.queues import claim_heads

log = structlog.get_logger(__name__)

MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=60)  # longer than any send may take (timeouts are ~30 s)
BATCH = 50

Undeliverable = Callable[[OutboxItem, DeliveryResult], Awaitable[None]]


class Dispatcher:
    def __init__(
        self, desk: Desk, senders: Mapping[str, Sender], on_undeliverable: Undeliverable | None = None
    ) -> None:
        self.desk = desk
        self.senders = senders
        self.on_undeliverable = on_undeliverable

    async def _deliver(self, item: OutboxItem) -> DeliveryResult:
        try:
            return await self.senders[item.channel].deliver(item.payload)
        except Exception as error:  # a sender bug must not stop every other chat's delivery
            log.exception("outbox_sender_raised", item_id=item.id, channel=item.channel)
            return DeliveryResult.later(type(error).__name__)

    def _settle(self, item: OutboxItem, result: DeliveryResult) -> bool:
        """Record a failed delivery on ``item``; True when the item is finally undeliverable."""
        now = self.desk.clock()
        item.attempts += 1
        item.last_error = (result.error or "")[:500]
        if result.retry and item.attempts < MAX_ATTEMPTS:
            item.status = "pending"
            item.next_attempt_at = now + timedelta(seconds=backoff(item.attempts, result.retry_after))
            return False
        item.status = "failed"
        return True

    async def run_once(self) -> int:
        """Deliver the due head of every queue once; the number of items handled.

        Three short steps, so that no transaction stays open while a messenger answers: lease the
        heads, send them concurrently, record each outcome.
        """
        async with self.desk.transaction() as session:
            heads = await claim_heads(
                session=session,
                model=OutboxItem,
                channels=self.senders.keys(),
                now=self.desk.clock(),
                lease=LEASE,
                limit=BATCH,
                skip_locked=self.desk.store.shared_by_processes,
            )
        results = await asyncio.gather(*(self._deliver(item) for item in heads))
        failed = []
        now = self.desk.clock()
        async with self.desk.transaction() as session:
            for item, result in zip(heads, results, strict=True):
                if result.ok:
                    assert item.id is not None
                    await outbox.mark_sent(session=session, item_id=item.id, message_id=result.message_id, now=now)
                    continue
                merged = await session.merge(item)
                if self._settle(merged, result):
                    failed.append((merged, result))
        await self._report(failed)
        return len(heads)

    async def _report(self, failed: list[tuple[OutboxItem, DeliveryResult]]) -> None:
        for item, result in failed:
            log.warning("outbox_undeliverable", item_id=item.id, attempts=item.attempts, error=result.error)
            if self.on_undeliverable is not None:
                await self.on_undeliverable(item, result)

    async def run_forever(self, poll_seconds: float, stop: asyncio.Event) -> None:
        await poll_forever(self.run_once, poll_seconds, stop, self.desk.committed)
