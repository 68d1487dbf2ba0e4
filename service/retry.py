"""Backoff and the polling loop shared by the inbox processor and the outbox dispatcher, and the rule that
webhooks are acknowledged before the loops process what they brought (``AcksFirst``)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import structlog

log = structlog.get_logger(__name__)

MAX_BACKOFF_SECONDS = 600.0  # a long outage is retried every 5 to 10 minutes
QUIET_SECONDS = 0.002  # no webhook answered for this long: the platforms have nothing more in flight
PATIENCE_SECONDS = 0.25  # however busy the webhooks, a loop takes a pass at least this often


def backoff(attempts: int, retry_after: float | None) -> float:
    """Seconds to wait before the next try: the platform's word if it gave one, else exponential with jitter.

    The jitter (half to all of the step) spreads the retries of many items that failed together.
    """
    if retry_after is not None:
        return max(retry_after, 0.0)
    base = min(MAX_BACKOFF_SECONDS, 2.0 ** min(attempts, 30))
    return base * random.uniform(0.5, 1.0)


class AcksFirst:
    """Webhooks are acknowledged first; processing what they brought waits for a pause, but not for ever.

    Answering the webhooks and processing the inbox (and delivering the outbox) share one event loop, so
    one core: while a platform posts flat out, every pass of processing slows the answers it waits for.
    Processing can wait instead: what it would process is in the durable inbox already, and nothing is
    lost by doing it a moment later. So the webhook marks each request it answers (``answering``), and a
    loop, before each pass, waits (``turn``) until no webhook is being answered and none was answered in
    the last ``quiet`` seconds. The wait is bounded: ``patience`` seconds after it began, the pass runs
    all the same, so under webhooks that never pause the loops still take a pass every ``patience``
    seconds, and processing is slowed, never starved. A pass that runs while webhooks still come is kept
    short: the inbox then takes one chat's item instead of a batch (``Inbox.process_once``), since
    whatever runs takes the loop from the webhooks for as long as it lasts. Without webhooks a pass
    waits for nothing; at an ordinary rate it waits ``quiet`` seconds after the message that woke it
    has been answered.
    """

    def __init__(
        self,
        *,
        quiet: float = QUIET_SECONDS,
        patience: float = PATIENCE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet = quiet
        self.patience = patience
        self.clock = clock
        self.answering_now = 0  # webhook requests being answered
        self._answered_at = float("-inf")

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Around a webhook request: processing waits while it is answered."""
        self.answering_now += 1
        try:
            yield
        finally:
            self.answering_now -= 1
            self._answered_at = self.clock()

    @property
    def busy(self) -> bool:
        return self.answering_now > 0 or self.clock() - self._answered_at < self.quiet

    async def turn(self) -> None:
        """Return when the webhooks pause, or ``patience`` seconds from now at the latest.

        It looks every ``quiet`` seconds rather than waiting for an event: only a loop that waits pays for
        the looking, where an event would cost each webhook request a timer of its own.
        """
        deadline = self.clock() + self.patience
        while self.busy and (left := deadline - self.clock()) > 0:  # noqa: ASYNC110 (see above)
            await asyncio.sleep(min(self.quiet, left))


async def poll_forever(
    run_once: Callable[[], Awaitable[int]],
    poll_seconds: float,
    stop: asyncio.Event,
    wake: asyncio.Event,
    turn: Callable[[], Awaitable[None]] | None = None,
    more_due: Callable[[], bool] | None = None,
) -> None:
    """Run ``run_once`` while it finds work; otherwise sleep until ``wake``, ``stop`` or the poll interval.

    ``wake`` is cleared before each pass, not after it: work that arrives while a pass is looking (after
    its query) sets it again, and the loop goes round at once instead of sleeping through the interval.
    ``turn``, if given, is awaited before each pass (``AcksFirst.turn``). ``more_due``, if given, says
    whether a pass that found work left more behind it; if not, the loop waits for ``wake`` rather than
    making sure with an empty pass (a transaction after every message, for nothing).
    """
    while not stop.is_set():
        if turn is not None:
            await turn()
        wake.clear()
        try:
            handled = await run_once()
        except Exception:  # the store may be briefly unavailable; keep the loop alive
            log.exception("background_pass_failed")
            handled = 0
        if handled and (more_due is None or more_due()):
            continue
        waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(wake.wait())]
        await asyncio.wait(waiters, timeout=poll_seconds, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
