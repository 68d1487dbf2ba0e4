"""The service with Telegram, Viber and WhatsApp on at once, against their fakes, and clients subscribed to news.

Clients are put in the store directly (the words «Подписаться на новости» are another part's tests): one
row per client and one per chat, each chat last written from at the given moment.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import SecretStr

from service.runtime import Runtime
from service.settings import Settings
from storage.models import Client, Identity
from tests.fake_api import FakeApi
from tests.fakes import FakeClock
from tests.telegram.world import TelegramWorld, telegram_world
from tests.viber.world import TOKEN as VIBER_TOKEN
from tests.viber.world import fake_viber_api
from tests.whatsapp.world import ACCOUNT_SID, AUTH_TOKEN, BUSINESS, fake_twilio_api

ADMIN = {"Authorization": "Bearer test-admin-token"}


@dataclass
class Messengers:
    telegram: TelegramWorld
    viber: FakeApi
    twilio: FakeApi

    @property
    def runtime(self) -> Runtime:
        return self.telegram.runtime

    def telegram_texts(self, chat: str) -> list[str]:
        return self.telegram.bot_api.texts(int(chat))

    def viber_texts(self, chat: str) -> list[str]:
        return [c.data["text"] for c in self.viber.calls_to("/send_message") if c.data.get("receiver") == chat]

    def whatsapp_sent(self, chat: str) -> list[dict[str, Any]]:
        return [c.data for c in self.twilio.calls_to("/Messages.json") if c.data.get("To") == "whatsapp:" + chat]

    async def announce(self, announcement_id: str, text: str) -> dict[str, Any]:
        response = await self.telegram.http.post(
            "/api/announcements", json={"id": announcement_id, "text": text}, headers=ADMIN
        )
        assert response.status_code == 202, response.text
        return response.json()

    async def counts(self, announcement_id: str) -> dict[str, Any]:
        response = await self.telegram.http.get(f"/api/announcements/{announcement_id}", headers=ADMIN)
        assert response.status_code == 200, response.text
        return response.json()

    async def report(self) -> None:
        """What the background loop does: report the announcements' progress and counts, deliver the reports."""
        await self.runtime.announcements.report_once()
        await self.telegram.deliver()


async def add_client(
    runtime: Runtime, chats: list[tuple[str, str, datetime]], *, subscribed: bool = True, anonymized: bool = False
) -> int:
    """A client with a chat per (channel, chat, last message) on file; their id."""
    async with runtime.desk.transaction() as session:
        client = Client(news_subscribed=subscribed, anonymized_at=chats[0][2] if anonymized else None)
        session.add(client)
        await session.flush()
        assert client.id is not None
        for channel, chat, last_seen in chats:
            session.add(
                Identity(client_id=client.id, channel=channel, sender=chat, chat=chat, last_inbound_at=last_seen)
            )
        return client.id


@asynccontextmanager
async def messengers(settings: Settings, clock: FakeClock, **overrides: Any) -> AsyncIterator[Messengers]:
    """Telegram (with the engineers' group), Viber and WhatsApp on; ``overrides`` are settings."""
    viber, twilio = fake_viber_api(), fake_twilio_api()
    await viber.start()
    await twilio.start()
    try:
        async with telegram_world(
            settings,
            clock,
            viber_auth_token=SecretStr(VIBER_TOKEN),
            viber_api_base=viber.base_url + "/pa",
            twilio_account_sid=ACCOUNT_SID,
            twilio_auth_token=SecretStr(AUTH_TOKEN),
            twilio_whatsapp_from=BUSINESS,
            twilio_api_base=twilio.base_url,
            **overrides,
        ) as world:
            yield Messengers(world, viber, twilio)
    finally:
        await viber.stop()
        await twilio.stop()
