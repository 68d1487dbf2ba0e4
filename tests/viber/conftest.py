"""The service with Viber on, against a fake Viber API, per store kind."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from service.settings import Settings
from tests.fakes import FakeClock
from tests.viber.world import ViberWorld, viber_world


@pytest.fixture
async def viber(settings: Settings, clock: FakeClock) -> AsyncIterator[ViberWorld]:
    async with viber_world(settings, clock) as world:
        yield world
