"""Delivers the outbox: each chat's messages in order, retried with backoff, never dropped silently.

On PostgreSQL any number of dispatchers may run (`serve` processes, `support-bot worker`): heads
are claimed with ``FOR UPDATE SKIP LOCKED``. On SQLite one dispatcher runs inside the service.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from bots.base import DeliveryResult, Sender
from service.desk import Desk
from storage.db import is_sqlite
from storage.models import OutboxItem
from storage.repos import outbox

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=60)  # longer than any send may take (timeouts are ~30 s)
MAX_BACKOFF_SECONDS = 300.0
BATCH = 50

Undeliverable = Callable[[OutboxItem, DeliveryResult], Awaitable[None]]


def backoff(attempts: int, retry_after: float | None) -> float:
    """Seconds to wait before the next try: the platform's word if it gave one, else exponential with jitter."""
    if retry_after is not None:
        return max(retry_after, 0.0)
    base = min(MAX_BACKOFF_SECONDS, 2.0**attempts)
    return base * random.uniform(0.5, 1.0)


class Dispatcher:
    def __init__(
        self, desk: Desk, senders: Mapping[str, Sender], on_undeliverable: Undeliverable | None = None
    ) -> None:
        self.desk = desk
        self.senders = senders
        self.on_undeliverable = on_undeliverable
        self.skip_locked = not is_sqlite(str(desk.db.url))

    async def _deliver(self, item: OutboxItem) -> DeliveryResult:
        sender = self.senders.get(item.channel)
        if sender is None:
            return DeliveryResult.failed(f"no sender for channel {item.channel}")
        try:
            return await sender.deliver(item.payload)
        except Exception as error:  # a sender bug must not stop every other chat's delivery
            log.exception("outbox item %s: sender raised", item.id)
            return DeliveryResult.later(type(error).__name__)

    def _settle(self, item: OutboxItem, result: DeliveryResult) -> bool:
        """Record the outcome on ``item``; True when the item is finally undeliverable."""
        now = self.desk.clock()
        item.attempts += 1
        if result.ok:
            item.status, item.sent_at, item.last_error = "sent", now, None
            item.platform_message_id = result.message_id
            return False
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
            heads = await outbox.claim_heads(
                session=session, now=self.desk.clock(), lease=LEASE, limit=BATCH, skip_locked=self.skip_locked
            )
        results = await asyncio.gather(*(self._deliver(item) for item in heads))
        failed = []
        async with self.desk.transaction() as session:
            for item, result in zip(heads, results, strict=True):
                merged = await session.merge(item)
                if self._settle(merged, result):
                    failed.append((merged, result))
        await self._report(failed)
        return len(heads)

    async def _report(self, failed: list[tuple[OutboxItem, DeliveryResult]]) -> None:
        for item, result in failed:
            log.warning("outbox item %s undeliverable after %s attempts: %s", item.id, item.attempts, result.error)
            if self.on_undeliverable is not None:
                await self.on_undeliverable(item, result)

    async def run_forever(self, poll_seconds: float, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                handled = await self.run_once()
            except Exception:  # the store may be briefly unavailable; keep the loop alive
                log.exception("dispatcher pass failed")
                handled = 0
            if handled == 0:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=poll_seconds)
                except TimeoutError:
                    pass
