"""How fast the dispatcher may send on each platform: a token bucket per platform account.

Telegram lets one bot send about 30 messages a second overall, to clients and to the engineers' group
alike, so those channels share one bucket (``TELEGRAM_MESSAGES_PER_SECOND``: a bot with Telegram's paid
broadcasts may send more); Twilio takes up to 80 WhatsApp messages a second by default.
Deliveries take their tokens in the order they were claimed, so the ordinary replies claimed before an
announcement's copies go out first. The rate is kept per process: several dispatchers on PostgreSQL
each keep theirs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from bots.channel import GENERAL

TWILIO_PER_SECOND = 80.0


class TokenBucket:
    """``rate`` sends a second on average, ``rate`` at once after a quiet spell; waiters are served in order."""

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rate = rate
        self.tokens = rate
        self.clock = clock
        self.sleep = sleep
        self._updated = clock()
        self._lock = asyncio.Lock()  # first come, first served

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(self.rate, self.tokens + (now - self._updated) * self.rate)
        self._updated = now

    async def acquire(self) -> None:
        """Wait for a token, then take it."""
        async with self._lock:
            self._refill()
            if self.tokens < 1:
                await self.sleep((1 - self.tokens) / self.rate)
                self._refill()
            self.tokens -= 1


def platform_buckets(telegram_per_second: float) -> dict[str, TokenBucket]:
    """The bucket of each outbox channel that has a platform limit."""
    telegram = TokenBucket(telegram_per_second)
    return {"telegram": telegram, "staff": telegram, GENERAL: telegram, "whatsapp": TokenBucket(TWILIO_PER_SECOND)}
