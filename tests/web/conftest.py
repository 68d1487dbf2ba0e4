"""The desk served in-process, with one desk user, and an httpx client logged in as that user."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from service.runtime import Runtime
from service.settings import Settings
from tests.fakes import FakeClock
from tests.service.app_client import running_app
from tests.web.desk_client import add_user, log_in


@pytest.fixture
async def desk_app(settings: Settings, clock: FakeClock) -> AsyncIterator[tuple[httpx.AsyncClient, Runtime]]:
    """The running app (console channel, no Telegram group) with the user «anna», nobody logged in yet."""
    await add_user(settings)
    async with running_app(settings, clock) as (http, runtime):
        yield http, runtime


@pytest.fixture
async def staff(desk_app: tuple[httpx.AsyncClient, Runtime]) -> httpx.AsyncClient:
    """A browser logged in to the desk."""
    http, _ = desk_app
    assert (await log_in(http)).status_code == 303
    return http


@pytest.fixture
def runtime_of_desk(desk_app: tuple[httpx.AsyncClient, Runtime]) -> Runtime:
    return desk_app[1]
