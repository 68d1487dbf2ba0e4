"""A fake Bot API for the service processes of these tests to talk to, and a preloaded service to fork them from."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.resilience.processes import Preloader
from tests.telegram.fake_bot_api import FakeBotApi


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi()
    await api.start()
    yield api
    await api.stop()


@pytest.fixture(scope="session")
def preloader() -> Iterator[Preloader]:
    preloader = Preloader()
    yield preloader
    preloader.close()
