"""Durable intake of webhooks: a request is acknowledged once stored, and processed right after.

A webhook only verifies the platform's signature, parses the body and stores it here; the store's
unique key (channel and the platform's id) makes a redelivery, or the same update reaching two
processes at once, a no-op. Concurrent requests are written in one transaction (group commit), so
acknowledging costs about as much as parsing. A processor then handles each chat's items strictly
in order, one at a time, while different chats run in parallel; on PostgreSQL any number of
processes share the work through ``FOR UPDATE SKIP LOCKED``. An item whose processing fails is
tried again with exponential backoff and jitter (``service.retry.backoff``) for as long as it can
matter: ``RETRY_HORIZON_HOURS`` after it arrived (24 by default) it is marked 'failed' and logged.
Processing gives way to the webhooks being answered (``service.retry.AcksFirst``): while they come, a
pass waits for a pause (a bounded while) and then takes one chat's item rather than a batch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from bots.media import MediaUnavailable
from service.desk import Clock
from service.retry import AcksFirst, backoff, poll_forever
from storage.models import InboxItem
from storage.notify import NOTIFY_INBOX
from storage.repos import inbox as inbox_repo
from storage.repos.queues import Heads, lease, take_back
from storage.store import Store

log = structlog.get_logger(__name__)

# a kept body, and whether it may have been handled before (a retry, or taken over from a worker that died)
Handler = Callable[[dict[str, Any], bool], Awaitable[None]]
LEASE = timedelta(seconds=120)
DEFAULT_HORIZON = timedelta(hours=24)  # RETRY_HORIZON_HOURS' default
BATCH = 16  # chats handled at once: enough to overlap the store's round trips


class Inbox:
    """On PostgreSQL the inbox lives in the main store. On SQLite it has a file of its own beside it,
    so that acknowledging a webhook never waits for the single writer of the main file; processing
    stays exactly-once all the same, because the desk records each platform id with its effect."""

    def __init__(
        self, store: Store, clock: Clock, *, horizon: timedelta = DEFAULT_HORIZON, acks: AcksFirst | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.horizon = horizon  # an item is retried until this long after it arrived
        self.acks = acks  # the webhooks being answered, which go first
        self.handlers: dict[str, Handler] = {}
        self._waiting: list[tuple[dict[str, Any], asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None
        self.arrived = asyncio.Event()  # set when webhooks were kept, here or (``storage.notify``) elsewhere
        shared = store.shared_by_processes
        self._batch = Heads(InboxItem, BATCH, skip_locked=shared, count_takeovers=True)
        self._one = Heads(InboxItem, 1, skip_locked=shared, count_takeovers=True)  # while webhooks come
        self.more_due = False  # the last pass left items behind the heads it took (``Leased.more``)

    # --- the webhook side
    async def accept(self, *, channel: str, platform_id: str, chat: str, body: dict[str, Any]) -> bool:
        """Store one request durably; False when it was stored before (a redelivery)."""
        row = {"key": f"{channel}:{platform_id}", "channel": channel, "queue": f"{channel}:{chat}", "body": body}
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((row, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting())
        return await future

    async def _write_waiting(self) -> None:
        """Write everything that arrived meanwhile in one transaction, until nothing waits."""
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                async with self.store.statements() as connection:
                    stored = await inbox_repo.insert_new(
                        connection=connection, rows=[row for row, _ in batch], now=self.clock()
                    )
                    if stored and self.store.shared_by_processes:
                        await connection.execute(NOTIFY_INBOX)  # the other processes hear it on commit
            except Exception as error:  # the store is down: every waiting webhook answers 503 (channels.webhook)
                for _, future in batch:
                    future.set_exception(error)
                continue
            if stored:
                self.arrived.set()
            for row, future in batch:
                first = row["key"] in stored
                stored.discard(row["key"])  # the same update twice in one batch: only the first is new
                future.set_result(first)

    # --- the processing side
    async def process_once(self) -> int:
        """Handle the due head of every chat once; the number of items handled.

        While webhooks are being answered, only one chat's: a batch would take the event loop from them
        for as long as its slowest chat, a single item only briefly.
        """
        now = self.clock()
        heads = self._one if self.acks is not None and self.acks.busy else self._batch
        leased = await lease(self.store, heads, channels=self.handlers.keys(), now=now, until=now + LEASE)
        heads, self.more_due = leased.items, leased.more
        if not heads:
            return 0  # nothing to mark: no transaction of its own for nothing
        replayed = [item.attempts > 0 for item in heads]  # tried before, or taken over from a worker that died
        errors = await asyncio.gather(*(self._handle(item, again) for item, again in zip(heads, replayed, strict=True)))
        async with self.store.statements() as connection:  # a retry is due later: the interval finds it
            done = [item.id for item, error in zip(heads, errors, strict=True) if error is None and item.id]
            await inbox_repo.mark_done(connection=connection, ids=done)
            for item, error in zip(heads, errors, strict=True):
                if error is not None:
                    await self._retry(connection, item, error)
        return len(heads)

    async def _handle(self, item: InboxItem, replayed: bool) -> str | None:
        try:
            await self.handlers[item.channel](item.body, replayed)
        except MediaUnavailable as error:  # a file host failing for now: expected, retried shortly, no traceback
            log.warning("inbox_item_waits_for_a_file", item_id=item.id, channel=item.channel, attempts=item.attempts,
                        error=str(error))  # fmt: skip
            return type(error).__name__
        except Exception as error:  # one bad update must not stop every other chat
            if item.attempts == 0:
                log.exception("inbox_item_failed", item_id=item.id, channel=item.channel)
            else:  # the traceback was logged on the first failure
                log.warning("inbox_item_failed_again", item_id=item.id, channel=item.channel, attempts=item.attempts,
                            error=type(error).__name__)  # fmt: skip
            return type(error).__name__
        return None

    async def _retry(self, connection: AsyncConnection, item: InboxItem, error: str) -> None:
        """Try again later, until the horizon; past it the item is 'failed' and the log says so (ids only)."""
        assert item.id is not None
        now = self.clock()
        attempts = item.attempts + 1
        if now - item.created_at < self.horizon:
            status, retry_at = "pending", now + timedelta(seconds=backoff(attempts, None))
        else:
            status, retry_at = "failed", now
            log.error("inbox_item_failed_for_good", item_id=item.id, channel=item.channel, attempts=attempts,
                      error=error)  # fmt: skip
        await inbox_repo.mark_failed(
            connection=connection,
            item_id=item.id,
            status=status,
            attempts=attempts,
            next_attempt_at=retry_at,
            error=error,
        )

    async def run_forever(self, poll_seconds: float, stop: asyncio.Event) -> None:
        await take_back(self.store, self._batch, channels=self.handlers.keys(), now=self.clock())
        turn = self.acks.turn if self.acks is not None else None
        await poll_forever(self.process_once, poll_seconds, stop, self.arrived, turn, lambda: self.more_due)
