"""The service with WhatsApp (Twilio) on, against a fake Twilio API, per store kind."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from service.settings import Settings
from tests.fakes import FakeClock
from tests.whatsapp.world import WhatsAppWorld, whatsapp_world


@pytest.fixture
async def whatsapp(settings: Settings, clock: FakeClock) -> AsyncIterator[WhatsAppWorld]:
    async with whatsapp_world(settings, clock) as world:
        yield world
