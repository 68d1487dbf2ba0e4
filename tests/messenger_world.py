"""The real service with one URL-based messenger (Viber, WhatsApp) on, against a fake platform API.

Engineers' notices land in ``staff`` (a collecting sender), so these tests need no Telegram group.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from fastapi import FastAPI
from sqlmodel import select

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from storage.models import Client, Identity, OutboxItem, Ticket
from storage.repos.conversations import find_conversation
from storage.repos.tickets import get_ticket
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fake_api import FakeApi
from tests.fakes import CollectingSender, FakeClock, FakeFaq

PUBLIC_BASE_URL = "https://support.example.test"
PICTURE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass
class MessengerWorld:
    channel: str
    app: FastAPI
    http: httpx.AsyncClient
    api: FakeApi
    clock: FakeClock
    staff: CollectingSender

    @property
    def runtime(self) -> Runtime:
        return self.app.state.runtime

    async def deliver(self) -> None:
        """Run the outbox until nothing is due."""
        while await self.runtime.dispatcher.run_once():
            pass

    async def retried_until_sent(self, refusals: int) -> None:
        """The messenger refuses ``refusals`` more tries: each time the backoff passes, nothing has been given up
        (every item still pending); then everything is sent."""
        for _ in range(refusals):
            assert not [item for item in await self.rows(OutboxItem) if item.status != "pending"]
            self.clock.advance(minutes=10)
            await self.deliver()
        assert {item.status for item in await self.rows(OutboxItem)} == {"sent"}

    async def state(self, chat: str, channel: str | None = None) -> dict[str, Any]:
        async with self.runtime.desk.sessions() as session:
            conversation = await find_conversation(session=session, channel=channel or self.channel, chat=chat)
            assert conversation is not None
            return conversation.state

    async def ticket(self, number: str) -> Ticket:
        async with self.runtime.desk.sessions() as session:
            ticket = await get_ticket(session=session, number=number)
            assert ticket is not None
            return ticket

    async def rows(self, model: type[Client | Identity | OutboxItem | Ticket]) -> list[Any]:
        async with self.runtime.desk.sessions() as session:
            return list(await session.exec(select(model)))

    async def walk_intake(
        self, chat: str, answer: Callable[[str], Awaitable[Any]], channel: str | None = None, **overrides: str
    ) -> None:
        """Answer each intake question with a valid answer (or the override for its key) until the summary."""
        answers = {**VALID_ANSWERS, **overrides}
        while (state := await self.state(chat, channel))["stage"] == "field":
            await answer(answers[state["field"]])

    def staff_notices(self, kind: str) -> list[dict[str, Any]]:
        return [p for p in self.staff.sent if p.get("type") == kind]


World = TypeVar("World", bound=MessengerWorld)


@asynccontextmanager
async def messenger_world(
    kind: type[World], channel: str, settings: Settings, clock: FakeClock, api: FakeApi
) -> AsyncIterator[World]:
    """The app started with ``settings`` (already pointed at ``api``), a fake FAQ and a collecting staff group."""
    app = create_app(settings, clock=clock)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PUBLIC_BASE_URL) as http,
    ):
        runtime: Runtime = app.state.runtime
        runtime.desk.faq = FakeFaq()
        runtime.desk.staff_enabled = True
        staff = CollectingSender()
        runtime.senders["staff"] = staff
        yield kind(channel, app, http, api, clock, staff)
