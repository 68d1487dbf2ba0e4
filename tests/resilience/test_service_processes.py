"""Nothing lost, nothing twice, across real service processes sharing one PostgreSQL store.

Each test starts `support-bot serve` processes against a fake Bot API and checks what clients
received: every message exactly once and in order, every ticket exactly once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from storage.models import Ticket
from tests.conftest import POSTGRES_URL, reset_postgres
from tests.resilience.processes import (
    CONFIRMATION,
    INTAKE,
    Service,
    client_updates,
    outbox_settled,
    rows_per,
    service_env,
    shape,
    wait_until,
)
from tests.telegram.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.skipif(POSTGRES_URL is None, reason="several processes need PostgreSQL (TEST_POSTGRES_URL)")

LONE = 710_000_000


@pytest.fixture
async def store(postgres_url: str | None) -> str:
    assert postgres_url is not None
    await reset_postgres(postgres_url)
    return postgres_url


@pytest.fixture
async def two_services(store: str, bot_api: FakeBotApi, tmp_path: Path) -> AsyncIterator[tuple[Service, Service]]:
    env = service_env(store, bot_api, tmp_path)
    first, second = Service(env, tmp_path), Service(env, tmp_path)
    await first.start()  # migrates the store; the second finds it ready
    await second.start()
    yield first, second
    await first.stop()
    await second.stop()


async def run_intake(client: httpx.AsyncClient, services: list[Service], user_id: int, n: int) -> None:
    """The client's updates in order, each to the next service in turn, as a load balancer would."""
    for step, update in enumerate(client_updates(user_id, n)):
        assert await services[step % len(services)].post(client, update) == 200


async def test_the_same_update_posted_to_two_processes_at_once_has_one_effect(
    two_services: tuple[Service, Service], bot_api: FakeBotApi, store: str
) -> None:
    first, second = two_services
    greeting = client_updates(LONE, 0)[0]
    async with httpx.AsyncClient() as client:
        statuses = await asyncio.gather(first.post(client, greeting), second.post(client, greeting))
    assert statuses == [200, 200]
    await wait_until(lambda: bot_api.texts(LONE))
    await asyncio.sleep(1.5)  # time enough for a second effect to show, had there been one
    assert len(bot_api.texts(LONE)) == 1


async def test_fifty_conversations_across_two_processes_with_a_failing_messenger(
    two_services: tuple[Service, Service], bot_api: FakeBotApi, store: str
) -> None:
    first, second = two_services
    async with httpx.AsyncClient(timeout=30) as client:
        await run_intake(client, [first], LONE, 0)
        await wait_until(lambda: any(t.startswith(CONFIRMATION) for t in bot_api.texts(LONE)))
        expected = shape(bot_api.texts(LONE))

        clients = [LONE + 1 + n for n in range(50)]
        for user_id in clients[:10]:  # the messenger fails some sends: 5xx, and 429 with retry_after
            bot_api.fail_in_chat(
                "sendMessage", user_id, 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
            )
            bot_api.fail_in_chat(
                "sendMessage",
                user_id,
                429,
                {"ok": False, "error_code": 429, "description": "Too Many Requests", "parameters": {"retry_after": 1}},
            )
        await asyncio.gather(
            *(run_intake(client, [first, second], user_id, n + 1) for n, user_id in enumerate(clients))
        )

    def everyone_has_a_ticket() -> bool:
        return all(any(t.startswith(CONFIRMATION) for t in bot_api.texts(c)) for c in clients)

    await wait_until(everyone_has_a_ticket, seconds=120)
    await asyncio.sleep(1.5)
    for user_id in clients:
        assert shape(bot_api.texts(user_id)) == expected, user_id
    assert sum((await rows_per(store, Ticket.chat)).values()) == 51


async def test_a_process_killed_mid_dialogue_is_restarted_and_the_dialogue_goes_on(
    store: str, bot_api: FakeBotApi, tmp_path: Path
) -> None:
    service = Service(service_env(store, bot_api, tmp_path), tmp_path)
    await service.start()
    steps = client_updates(LONE, 0)
    half = len(INTAKE) // 2
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            for update in steps[:half]:
                assert await service.post(client, update) == 200
            await wait_until(lambda: len(bot_api.texts(LONE)) >= half)
            await outbox_settled(store)
            await service.kill()  # between two steps of the dialogue, as a crash would
            await service.start()
            assert await service.post(client, steps[half - 1]) == 200  # Telegram redelivers the last one
            for update in steps[half:]:
                assert await service.post(client, update) == 200
        await wait_until(lambda: any(t.startswith(CONFIRMATION) for t in bot_api.texts(LONE)), seconds=60)
        await asyncio.sleep(1.5)
    finally:
        await service.stop()
    texts = bot_api.texts(LONE)
    assert len(texts) == len(set(texts)), "a message was sent twice"
    assert sum(t.startswith(CONFIRMATION) for t in texts) == 1
    assert await rows_per(store, Ticket.chat) == {str(LONE): 1}
