"""The service with Telegram on, against a fake Bot API, per store kind."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from service.settings import Settings
from tests.fakes import FakeClock
from tests.telegram.world import TelegramWorld, telegram_world


@pytest.fixture
async def telegram(settings: Settings, clock: FakeClock) -> AsyncIterator[TelegramWorld]:
    async with telegram_world(settings, clock) as world:
        yield world
