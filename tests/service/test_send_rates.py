"""Telegram takes about 30 messages a second from one bot, to clients and the engineers' group together: the
dispatcher's sends wait for a token of their platform's bucket, first claimed, first served."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import ValidationError

from bots.channel import GENERAL
from service.send_rates import TokenBucket, platform_buckets
from service.settings import Settings


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_a_burst_of_30_then_30_a_second_in_the_order_asked() -> None:
    time = FakeTime()
    bucket = TokenBucket(30, clock=time, sleep=time.sleep)
    served: list[tuple[int, float]] = []

    async def send(n: int) -> None:
        await bucket.acquire()
        served.append((n, time.now))

    await asyncio.gather(*(send(n) for n in range(90)))

    assert [n for n, _ in served] == list(range(90))
    assert all(at == 0 for _, at in served[:30])
    assert 1.99 <= served[-1][1] <= 2.01  # 60 more at 30 a second
    assert all(later - earlier <= 1 / 30 + 1e-9 for (_, earlier), (_, later) in zip(served, served[1:], strict=False))


def test_the_bot_shares_one_bucket_across_clients_and_the_group() -> None:
    buckets = platform_buckets(30)
    assert buckets["telegram"] is buckets["staff"] is buckets[GENERAL]
    assert buckets["telegram"].rate == 30 and buckets["whatsapp"] is not buckets["telegram"]


def test_the_bot_sends_at_the_configured_rate() -> None:
    settings = Settings(_env_file=None, telegram_messages_per_second=1000)
    assert settings.telegram_messages_per_second == 1000
    assert Settings(_env_file=None).telegram_messages_per_second == 30
    with pytest.raises(ValidationError):
        Settings(_env_file=None, telegram_messages_per_second=0)
