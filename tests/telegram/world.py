"""The real service with Telegram on, against a fake Bot API: post updates, deliver the outbox, read what arrived.

Other channels' tests can use it too (``telegram_world(settings, clock)``), e.g. for an engineer replying
from a Telegram topic to a client on another messenger.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import httpx
from fastapi import FastAPI
from pydantic import SecretStr

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from storage.models import Ticket
from storage.repos.conversations import find_conversation
from storage.repos.tickets import get_ticket
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import FakeClock
from tests.telegram import updates
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi

WEBHOOK_SECRET = "webhook-secret-4f2a"


@dataclass
class TelegramWorld:
    app: FastAPI
    http: httpx.AsyncClient
    bot_api: FakeBotApi
    clock: FakeClock
    update_ids: count = field(default_factory=lambda: count(700000002000))

    @property
    def runtime(self) -> Runtime:
        return self.app.state.runtime

    async def post(self, update: dict[str, Any], *, secret: str | None = WEBHOOK_SECRET) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return await self.http.post("/webhooks/telegram", json=update, headers=headers)

    async def deliver(self) -> None:
        """Run the outbox until nothing is due."""
        await self.runtime.drain()

    async def send(self, update: dict[str, Any]) -> None:
        """Post an update (expecting 200) and deliver what it caused."""
        response = await self.post(update)
        assert response.status_code == 200, response.text
        await self.deliver()

    def next_id(self) -> int:
        return next(self.update_ids)

    # --- a client in the private chat
    async def client_says(self, text: str | None = None, *, user_id: int = updates.CLIENT_ID, **content: Any) -> None:
        if text is not None:
            content["text"] = text
        await self.send(updates.private_message(self.next_id(), user_id, **content))

    async def client_presses(self, data: str, *, user_id: int = updates.CLIENT_ID) -> None:
        await self.send(updates.button(self.next_id(), data, chat_id=user_id, user=updates.client_user(user_id)))

    def client_texts(self, user_id: int = updates.CLIENT_ID) -> list[str]:
        return self.bot_api.texts(user_id)

    async def state(self, user_id: int = updates.CLIENT_ID) -> dict[str, Any]:
        async with self.runtime.desk.sessions() as session:
            conversation = await find_conversation(session=session, channel="telegram", chat=str(user_id))
            assert conversation is not None
            return conversation.state

    async def open_ticket(self, *, user_id: int = updates.CLIENT_ID, **content: Any) -> str:
        """A consultation from /start to «Отправить заявку», pressing the buttons the bot drew; the ticket number."""
        await self.client_says("/start", user_id=user_id)
        for data in ("menu:ticket", "consent:yes", "kind:consultation"):
            await self.client_presses(data, user_id=user_id)
        while (state := await self.state(user_id))["stage"] == "field":
            await self.client_says(VALID_ANSWERS[state["field"]], user_id=user_id)
        if content:  # screenshots, sent where the summary asks for them
            await self.client_says(user_id=user_id, **content)
        await self.client_presses("sum:send", user_id=user_id)
        number = (await self.state(user_id))["ticket"]
        assert number, self.client_texts(user_id)[-3:]
        return number

    # --- an engineer in the staff group
    async def engineer_says(
        self,
        text: str | None = None,
        *,
        thread_id: int | None = None,
        reply_to: int | None = None,
        chat_id: int = updates.STAFF_CHAT_ID,
        **content: Any,
    ) -> None:
        if text is not None:
            content["text"] = text
        update = updates.group_message(
            self.next_id(), thread_id=thread_id, reply_to=reply_to, chat_id=chat_id, **content
        )
        await self.send(update)

    async def engineer_presses(
        self, data: str, *, thread_id: int | None = None, chat_id: int = updates.STAFF_CHAT_ID
    ) -> None:
        await self.send(
            updates.button(self.next_id(), data, chat_id=chat_id, user=updates.ENGINEER, thread_id=thread_id)
        )

    def group_texts(self, thread_id: int | None = None) -> list[str]:
        return self.bot_api.texts(updates.STAFF_CHAT_ID, thread_id=thread_id)

    async def topic_of(self, number: str) -> int:
        thread_id = (await self.ticket(number)).staff_thread_id
        assert thread_id is not None
        return thread_id

    async def ticket(self, number: str) -> Ticket:
        async with self.runtime.desk.sessions() as session:
            ticket = await get_ticket(session=session, number=number)
            assert ticket is not None
            return ticket


def telegram_settings(settings: Settings, api_base: str, **overrides: Any) -> Settings:
    return settings.model_copy(
        update={
            "telegram_bot_token": SecretStr(TOKEN),
            "telegram_webhook_secret": SecretStr(WEBHOOK_SECRET),
            "telegram_api_base": api_base,
            "telegram_staff_chat_id": str(updates.STAFF_CHAT_ID),
            "public_base_url": "https://support.example.test",
            **overrides,
        }
    )


@asynccontextmanager
async def telegram_world(
    settings: Settings, clock: FakeClock, *, bot_api: FakeBotApi | None = None, **overrides: Any
) -> AsyncIterator[TelegramWorld]:
    """The service started with Telegram pointed at ``bot_api`` (a fresh one by default); ``overrides`` are settings."""
    bot_api = bot_api or FakeBotApi()
    await bot_api.start()
    app = create_app(telegram_settings(settings, bot_api.base_url, **overrides), clock=clock)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http,
        ):
            yield TelegramWorld(app, http, bot_api, clock)
    finally:
        await bot_api.stop()
