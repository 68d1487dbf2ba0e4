"""Nothing lost, nothing done twice, while the service is killed again and again in the middle of dialogues.

One `support-bot serve` process (on SQLite, the single process it is made for; on PostgreSQL as well)
is killed with SIGKILL four times while twenty clients are in the middle of their intakes, and
restarted at once each time. Every update is posted again until it is acknowledged with 200, as
Telegram redelivers. At the end every client has had every reply, in order, and has one ticket.

One thing a kill may cause is outside the service's reach: a reply that Telegram accepted just before
the kill, before the outbox recorded it as sent, is sent again after the restart (the Bot API has
no way to recognise a repeated send). So a client may see a reply twice in a row, once per kill at
the most; the store must still hold every reply exactly once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

import httpx

from storage.models import OutboxItem, Ticket
from tests.resilience.processes import (
    CONFIRMATION,
    INTAKE,
    ForkedService,
    Preloader,
    client_updates,
    rows_per,
    service_env,
    shape,
    wait_until,
)
from tests.telegram.fake_bot_api import FakeBotApi

UNDISTURBED = 720_000_000  # goes through the intake before the kills: the replies every client should get
CLIENTS = [UNDISTURBED + 1 + n for n in range(20)]
KILLS = 4
PAUSE = 0.3  # between a client's messages, as a person would take


def confirmed(bot_api: FakeBotApi, user_id: int) -> bool:
    return any(text.startswith(CONFIRMATION) for text in bot_api.texts(user_id))


def without_repeats(texts: list[str]) -> list[str]:
    """The texts with a text sent again right after itself counted once."""
    return [text for text, _ in groupby(texts)]


async def test_twenty_intakes_while_the_service_is_killed_again_and_again(
    database_url: str, bot_api: FakeBotApi, preloader: Preloader, tmp_path: Path
) -> None:
    service = ForkedService(service_env(database_url, bot_api, tmp_path), tmp_path, preloader=preloader)
    acknowledged = 0

    async def intake(client: httpx.AsyncClient, user_id: int, n: int, pause: float = PAUSE) -> None:
        nonlocal acknowledged
        for update in client_updates(user_id, n):
            await service.post_until_acknowledged(client, update)
            acknowledged += 1
            await asyncio.sleep(pause)

    def acknowledged_at_least(count: int) -> Callable[[], bool]:
        return lambda: acknowledged >= count

    async def kill_again_and_again() -> None:
        """A kill each time another fifth of the clients' updates is in: always in the middle of the intakes."""
        for kill in range(1, KILLS + 1):
            await wait_until(acknowledged_at_least(kill * len(CLIENTS) * len(INTAKE) // (KILLS + 1)))
            await service.kill()
            await service.start()

    await service.start()
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            await intake(client, UNDISTURBED, 0, pause=0)
            await wait_until(lambda: confirmed(bot_api, UNDISTURBED))
            acknowledged = 0
            await asyncio.gather(
                kill_again_and_again(), *(intake(client, user_id, n) for n, user_id in enumerate(CLIENTS, 1))
            )
        await wait_until(lambda: all(confirmed(bot_api, user_id) for user_id in CLIENTS), seconds=90)
        await asyncio.sleep(1.5)  # time enough for anything more to arrive, had there been more
    finally:
        await service.stop()

    expected = shape(bot_api.texts(UNDISTURBED))
    for user_id in CLIENTS:
        texts = bot_api.texts(user_id)
        assert shape(without_repeats(texts)) == expected, user_id  # nothing missing, nothing out of turn
        assert len(texts) - len(without_repeats(texts)) <= KILLS, (user_id, texts)
    replies = await rows_per(database_url, OutboxItem.queue)
    assert {replies[f"telegram:{user_id}"] for user_id in CLIENTS} == {replies[f"telegram:{UNDISTURBED}"]}
    assert await rows_per(database_url, Ticket.chat) == {str(user_id): 1 for user_id in [UNDISTURBED, *CLIENTS]}
