"""Backoff and the polling loop shared by the inbox processor and the outbox dispatcher."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger(__name__)

MAX_BACKOFF_SECONDS = 600.0  # a long outage is retried every 5 to 10 minutes


def backoff(attempts: int, retry_after: float | None) -> float:
    """Seconds to wait before the next try: the platform's word if it gave one, else exponential with jitter.

    The jitter (half to all of the step) spreads the retries of many items that failed together.
    """
    if retry_after is not None:
        return max(retry_after, 0.0)
    base = min(MAX_BACKOFF_SECONDS, 2.0 ** min(attempts, 30))
    return base * random.uniform(0.5, 1.0)


async def poll_forever(
    run_once: Callable[[], Awaitable[int]], poll_seconds: float, stop: asyncio.Event, wake: asyncio.Event
) -> None:
    """Run ``run_once`` while it finds work; otherwise sleep until ``wake``, ``stop`` or the poll interval.

    ``wake`` is cleared before each pass, not after it: work that arrives while a pass is looking (after
    its query) sets it again, and the loop goes round at once instead of sleeping through the interval.
    """
    while not stop.is_set():
        wake.clear()
        try:
            handled = await run_once()
        except Exception:  # the store may be briefly unavailable; keep the loop alive
            log.exception("background_pass_failed")
            handled = 0
        if handled:
            continue
        waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(wake.wait())]
        await asyncio.wait(waiters, timeout=poll_seconds, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
