"""A body larger than any the platform sends is refused with 413 before anything parses it, with or without a
declared length; ordinary requests pass."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI, Request

from service.limits import BodyLimit
from service.settings import Settings
from tests.fakes import FakeClock
from tests.service.app_client import running_app

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def chunks(total: int, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for _ in range(total // size):
        yield b"a" * size


async def test_oversized_declared_bodies_are_refused_by_the_service(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings, clock) as (client, runtime):
        form = await client.post("/webhooks/whatsapp", content=b"Body=" + b"a" * (20 * 1024 * 1024), headers=FORM)
        lying = await client.post("/webhooks/telegram", content=b"{}", headers={"Content-Length": "1e9"})
        small = await client.post("/webhooks/whatsapp", content=b"Body=hello", headers=FORM)
        health = await client.get("/healthz")
    assert (form.status_code, lying.status_code) == (413, 413)
    assert small.status_code == 404  # the channel is off in this test: the route itself answered
    assert health.status_code == 200


async def test_a_body_without_a_declared_length_is_cut_off_at_the_limit() -> None:
    app = FastAPI()
    seen: list[int] = []

    @app.post("/webhooks/viber")
    async def read_all(request: Request) -> dict[str, int]:
        seen.append(len(await request.body()))
        return {"read": seen[-1]}

    app.add_middleware(BodyLimit)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        streamed = await client.post("/webhooks/viber", content=chunks(4 * 1024 * 1024))
        fine = await client.post("/webhooks/viber", content=chunks(512 * 1024))
    assert streamed.status_code == 413 and seen == [512 * 1024]
    assert fine.json() == {"read": 512 * 1024}
