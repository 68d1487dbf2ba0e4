"""A new WhatsApp sender's first two messages, posted at once to two `support-bot serve` processes on one
PostgreSQL store: both acknowledged, one client, both processed, every reply delivered once."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from storage.models import Client, Identity, InboxItem, Message, OutboxItem
from tests.conftest import POSTGRES_URL, reset_postgres
from tests.fake_api import FakeApi
from tests.resilience.processes import Service, free_port
from tests.whatsapp.world import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    BUSINESS,
    PUBLIC_BASE_URL,
    fake_twilio_api,
    inbound_message,
    sign,
)

pytestmark = pytest.mark.skipif(POSTGRES_URL is None, reason="several processes need PostgreSQL (TEST_POSTGRES_URL)")

NEW_SENDER = "+79165550123"


@pytest.fixture
async def twilio() -> AsyncIterator[FakeApi]:
    api = fake_twilio_api()
    await api.start()
    yield api
    await api.stop()


def whatsapp_env(database_url: str, twilio: FakeApi, workdir: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_WHATSAPP_FROM": BUSINESS,
        "TWILIO_API_BASE": twilio.base_url,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,  # what Twilio signs, whichever process the request reaches
        "DATA_DIR": str(workdir / "data"),
        "OUTBOX_POLL_SECONDS": "0.2",
    }


@pytest.fixture
async def two_services(
    postgres_url: str | None, twilio: FakeApi, tmp_path: Path
) -> AsyncIterator[tuple[Service, Service]]:
    """Two processes on this run's PostgreSQL database, emptied first."""
    assert postgres_url is not None
    await reset_postgres(postgres_url)
    env = whatsapp_env(postgres_url, twilio, tmp_path)
    services = Service(env, tmp_path), Service(env, tmp_path)
    for service in services:  # the first migrates the store; the second finds it ready
        await start(service)
    yield services
    for service in services:
        await service.stop()


async def start(service: Service, seconds: float = 180.0) -> None:
    """``Service.start``, made sure of: on a busy machine importing and migrating take longer than the 30 s it
    waits, and the port it chose beforehand may be taken meanwhile by another test's server (which may even
    answer ``/healthz``); then the service cannot listen, exits, and is started again on another port."""
    for _ in range(3):
        with contextlib.suppress(RuntimeError):
            await service.start()
        if await listening(service, seconds):
            return
        await service.stop()
        service.port = free_port()
    raise RuntimeError("the service did not start")


async def listening(service: Service, seconds: float) -> bool:
    """True once this very process listens on its port and answers there; False if it exited or never did."""
    log = service.workdir / f"serve-{service.port}.log"
    async with httpx.AsyncClient() as client:
        for _ in range(int(seconds * 5)):
            assert service.process is not None
            if service.process.returncode is not None:
                return False
            if f"Uvicorn running on {service.url}" in log.read_text(errors="replace"):
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get(f"{service.url}/healthz")).status_code == 200:
                        return True
            await asyncio.sleep(0.2)
    return False


async def post(client: httpx.AsyncClient, service: Service, params: dict[str, str]) -> int:
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sign(params)}
    response = await client.post(f"{service.url}/webhooks/whatsapp", content=urlencode(params), headers=headers)
    return response.status_code


async def rows(store: str, model: Any) -> list[Any]:
    engine = create_async_engine(store)
    async with engine.connect() as connection:
        result = list((await connection.execute(select(model))).all())
    await engine.dispose()
    return result


async def count(store: str, model: Any) -> int:
    engine = create_async_engine(store)
    async with engine.connect() as connection:
        number = (await connection.execute(select(func.count()).select_from(model))).scalar_one()
    await engine.dispose()
    return number


async def eventually(condition: Callable[[], Awaitable[bool]], seconds: float = 60.0) -> None:
    for _ in range(int(seconds * 5)):
        if await condition():
            return
        await asyncio.sleep(0.2)
    raise AssertionError("condition not met in time")


async def test_two_first_messages_of_a_new_sender_at_two_processes_make_one_client(
    two_services: tuple[Service, Service], twilio: FakeApi, postgres_url: str
) -> None:
    store = postgres_url
    first, second = two_services
    greeting = inbound_message(1, "Здравствуйте", NEW_SENDER)
    question = inbound_message(2, "Сколько стоит поддержка?", NEW_SENDER)
    async with httpx.AsyncClient(timeout=30) as client:
        statuses = await asyncio.gather(post(client, first, greeting), post(client, second, question))
    assert statuses == [200, 200]

    async def both_processed_and_answered() -> bool:
        inbox = await rows(store, InboxItem)
        replies = await rows(store, OutboxItem)
        processed = len(inbox) == 2 and all(item.status == "done" for item in inbox)
        return processed and bool(replies) and all(item.status == "sent" for item in replies)

    await eventually(both_processed_and_answered, seconds=120)
    await asyncio.sleep(1.5)  # time enough for a second effect to show, had there been one

    assert await count(store, Client) == 1 and await count(store, Identity) == 1
    written = sorted(m.text for m in await rows(store, Message) if m.direction == "in")
    assert written == sorted([greeting["Body"], question["Body"]])  # both processed, each once
    replies = await rows(store, OutboxItem)
    sent = [call.data for call in twilio.calls_to("/Messages.json") if call.data.get("To") == "whatsapp:" + NEW_SENDER]
    assert len(replies) >= 2 and len(sent) == len(replies)  # every reply delivered, none twice
    assert len({item.platform_message_id for item in replies}) == len(replies)
