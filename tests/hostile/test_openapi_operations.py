"""Schemathesis over every operation of the app's own ``/openapi.json``, in-process over ASGI: no answer is a 5xx.

Issue 12. Each operation is called as generated (so mostly without the right credentials), and again with
the admin token, which lets the generated values reach the admin handlers themselves. The service runs
with every messenger on, against fake platform APIs; what their webhooks take is the business of
test_webhooks_take_anything.py, which signs what it posts.

Schemathesis drives the app from a thread of its own (its ASGI transport), so the test is synchronous and
the fakes serve from a thread too. The schema is read at import, from the document the app serves:
``schemathesis.pytest.from_fixture`` would read it from the fixture's app instead, but it does not run
under pytest 9.2 (it sets ``Node._nodeid``, which pytest no longer has).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from anyio.from_thread import start_blocking_portal
from fastapi import FastAPI
from schemathesis.checks import not_a_server_error

from service.app import create_app
from service.settings import Settings
from tests.fakes import FakeClock
from tests.hostile.conftest import ONE_SERVICE, Platforms, admin


async def served_openapi() -> dict[str, Any]:
    """The document the app serves at /openapi.json: answering it needs no running service (no lifespan)."""
    app = create_app(Settings(_env_file=None))  # type: ignore[call-arg]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/openapi.json")
    response.raise_for_status()
    return response.json()


schema = schemathesis.openapi.from_dict(asyncio.run(served_openapi()))


@pytest.fixture
def app(settings: Settings, clock: FakeClock) -> Iterator[FastAPI]:
    """The app with every messenger on; schemathesis starts it at the first call and stops it after the test."""
    platforms = Platforms()
    with start_blocking_portal() as portal:
        for api in platforms.all:
            portal.call(api.start)
        try:
            yield create_app(platforms.configure(settings), clock=clock)
        finally:
            for api in platforms.all:
                portal.call(api.stop)


@schema.parametrize()
@hypothesis.settings(ONE_SERVICE, max_examples=30)
def test_no_operation_answers_with_a_server_error(case: schemathesis.Case, app: FastAPI) -> None:
    case.call_and_validate(app=app, checks=[not_a_server_error])
    case.call_and_validate(app=app, headers=admin(app.state.settings), checks=[not_a_server_error])
