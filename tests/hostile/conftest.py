"""The service with every messenger on (Telegram, Viber, WhatsApp), each against its fake platform API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, settings
from sqlmodel import SQLModel, delete, select

from service.runtime import Runtime
from service.settings import Settings
from storage.models import InboxItem
from tests.fake_api import FakeApi
from tests.fakes import FakeClock
from tests.hostile.webhooks import TELEGRAM, Posted, Webhook, viber, whatsapp
from tests.service.app_client import running_app
from tests.telegram.fake_bot_api import FakeBotApi
from tests.telegram.world import telegram_settings
from tests.viber.world import fake_viber_api, viber_settings
from tests.whatsapp.world import ACCOUNT_SID, fake_twilio_api, whatsapp_settings

CHANNELS = ("telegram", "viber", "whatsapp")
# Hypothesis for tests whose examples share one running service (a function-scoped fixture, built once per
# test on purpose). No example database: with a service's state in between, an example replayed in another run
# proves little; a failure prints how to reproduce it (@reproduce_failure) instead.
ONE_SERVICE = settings(
    deadline=None, database=None, print_blob=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def admin(settings: Settings) -> dict[str, str]:
    """The headers of a request to the admin API."""
    assert settings.admin_api_token is not None
    return {"Authorization": f"Bearer {settings.admin_api_token.get_secret_value()}"}


@dataclass
class Platforms:
    """The three fake platform APIs; ``start`` them on the event loop that will serve them."""

    bot_api: FakeBotApi = field(default_factory=FakeBotApi)
    viber: FakeApi = field(default_factory=fake_viber_api)
    twilio: FakeApi = field(default_factory=fake_twilio_api)

    @property
    def all(self) -> tuple[FakeApi, ...]:
        return self.bot_api, self.viber, self.twilio

    def configure(self, settings: Settings) -> Settings:
        """``settings`` with every channel on and pointed at these fakes."""
        return telegram_settings(
            viber_settings(whatsapp_settings(settings, self.twilio), self.viber), self.bot_api.base_url
        )

    def webhook(self, channel: str) -> Webhook:
        """What can be posted to the channel's webhook; its files are on these fakes (the only hosts asked)."""
        if channel == "viber":
            return viber(files=f"{self.viber.base_url}/files")
        if channel == "whatsapp":
            return whatsapp(media=f"{self.twilio.base_url}/2010-04-01/Accounts/{ACCOUNT_SID}")
        return TELEGRAM


@dataclass
class Service:
    http: httpx.AsyncClient
    runtime: Runtime
    platforms: Platforms

    async def post(self, hook: Webhook, request: Posted) -> httpx.Response:
        return await self.http.post(hook.path, content=request.body, headers=request.headers)

    async def everything_stored(self) -> tuple[list[Any], list[str]]:
        """Every row of every table, in the main store and the inbox's, and every file kept."""
        rows: list[Any] = []
        for store in {id(store): store for store in (self.runtime.desk.store, self.runtime.inbox_store)}.values():
            async with store.sessions() as session:
                for table in SQLModel.metadata.sorted_tables:
                    rows.append(sorted(map(tuple, await session.execute(select(table))), key=repr))
        files = sorted(str(path) for path in self.runtime.settings.files_dir.rglob("*"))
        return rows, files

    async def processing_failures(self) -> list[tuple[str, str]]:
        """(key, error) of every inbox item whose processing raised."""
        async with self.runtime.inbox_store.sessions() as session:
            failed = await session.exec(select(InboxItem).where(InboxItem.last_error.is_not(None)))  # type: ignore[union-attr]
            return [(item.key, item.last_error or "") for item in failed]

    async def forget_inbox(self) -> None:
        """Drop the inbox's items (handled by now): a body posted again is processed again, not taken for a
        redelivery, and no earlier failure is counted twice."""
        async with self.runtime.inbox_store.transaction() as session:
            await session.execute(delete(InboxItem))


@pytest.fixture
async def service(settings: Settings, clock: FakeClock) -> AsyncIterator[Service]:
    """The app with all three messengers on; nothing leaves the machine."""
    platforms = Platforms()
    async with AsyncExitStack() as stack:
        for api in platforms.all:
            await api.start()
            stack.push_async_callback(api.stop)
        http, runtime = await stack.enter_async_context(running_app(platforms.configure(settings), clock))
        assert set(runtime.channels) >= set(CHANNELS)
        yield Service(http, runtime, platforms)
