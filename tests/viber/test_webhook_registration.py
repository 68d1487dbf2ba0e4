"""`serve` points Viber at its webhook on start; a refusal is logged and the service runs on."""

from __future__ import annotations

import asyncio

from service.settings import Settings
from tests.fakes import FakeClock
from tests.viber.world import TOKEN, fake_viber_api, viber_world


async def test_webhook_is_registered_with_every_event_we_handle(settings: Settings, clock: FakeClock) -> None:
    async with viber_world(settings, clock) as viber:
        await asyncio.gather(*viber.runtime.tasks)
        [call] = viber.api.calls_to("/set_webhook")
        assert call.headers["X-Viber-Auth-Token"] == TOKEN
        assert call.data["url"] == "https://support.example.test/webhooks/viber"
        assert {"conversation_started", "unsubscribed", "failed"} <= set(call.data["event_types"])


async def test_refused_registration_does_not_stop_the_service(settings: Settings, clock: FakeClock) -> None:
    api = fake_viber_api()
    api.fail("/set_webhook", 200, {"status": 1, "status_message": "invalidUrl"})
    async with viber_world(settings, clock, api) as viber:
        await asyncio.gather(*viber.runtime.tasks)
        await viber.client_says("Здравствуйте")
        assert viber.texts()  # still talking to clients
