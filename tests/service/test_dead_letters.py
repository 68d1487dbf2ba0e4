"""A message still undelivered at the end of its retry horizon is a dead letter: listed, told, replayed once."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from bots.base import DeliveryResult
from service import cli
from service.runtime import Runtime
from service.settings import Settings
from service.staff_actions import Engineer
from storage.models import OutboxItem
from tests.fakes import CollectingSender, FakeClock, inbound
from tests.service.app_client import running_app
from tests.store.dialogue import DeskChat

AUTH = {"Authorization": "Bearer test-admin-token"}


class Messenger(CollectingSender):
    """Refuses every message with a 502 while ``down``; delivers otherwise."""

    def __init__(self) -> None:
        super().__init__()
        self.down = True

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        return DeliveryResult.later("http 502") if self.down else await super().deliver(payload)

    @property
    def delivered(self) -> list[str]:
        return [payload["text"] for payload in self.sent]


async def outbox_rows(runtime: Runtime) -> list[OutboxItem]:
    async with runtime.desk.sessions() as session:
        return list(await session.exec(select(OutboxItem).order_by(OutboxItem.id)))  # type: ignore[arg-type]


async def retry_until_dead(runtime: Runtime, clock: FakeClock) -> None:
    """Run the dispatcher every 10 minutes (the longest backoff) until the first message is dead."""
    while (await outbox_rows(runtime))[0].status != "dead":
        await runtime.dispatcher.run_once()
        clock.advance(minutes=10)


async def health(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/healthz")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def messenger() -> Messenger:
    return Messenger()


async def test_past_the_horizon_a_message_is_a_dead_letter_and_a_replay_delivers_it_once(
    settings: Settings, clock: FakeClock, messenger: Messenger
) -> None:
    async with running_app(settings, clock) as (client, runtime):
        chat = DeskChat(runtime, outbox=messenger)
        await runtime.desk.handle(inbound("Здравствуйте", sender=chat.sender))
        assert await health(client) == {"status": "ok"}
        await runtime.dispatcher.run_once()
        clock.advance(minutes=6)

        degraded = await health(client)
        assert degraded["status"] == "degraded" and degraded["undelivered"] == 1
        assert degraded["oldest_s"] == 360 and degraded["dead_letters"] == 0

        await runtime.desk.handle(inbound("сколько стоит поддержка?", sender=chat.sender))
        await retry_until_dead(runtime, clock)
        assert messenger.delivered == []  # the second message waited behind the first all along
        messenger.down = False
        await runtime.drain()
        assert "бесплатн" in messenger.delivered[0]  # the dead letter no longer holds back its chat

        [dead] = (await client.get("/api/dead-letters", headers=AUTH)).json()
        first = (await outbox_rows(runtime))[0]
        assert dead["id"] == first.id and dead["error"] == "http 502" and dead["channel"] == "console"
        assert dead["attempts"] >= 24 * 6 and dead["replayed_at"] is None
        assert (await health(client))["dead_letters"] == 1

        assert (await client.get("/api/dead-letters")).status_code == 401
        assert (await client.post(f"/api/dead-letters/{first.id}/retry")).status_code == 401
        assert (await client.post("/api/dead-letters/999999/retry", headers=AUTH)).status_code == 404
        replay = await client.post(f"/api/dead-letters/{first.id}/retry", headers=AUTH)
        assert replay.status_code == 202 and replay.json() == {"id": first.id, "status": "pending"}
        again = await client.post(f"/api/dead-letters/{first.id}/retry", headers=AUTH)
        assert again.status_code == 409  # replayed already: not a second delivery
        await runtime.drain()
        await runtime.drain()

        assert len(messenger.delivered) == 2 and messenger.delivered[1].startswith("Здравствуйте")
        assert (await client.get("/api/dead-letters", headers=AUTH)).json() == []
        assert await health(client) == {"status": "ok"}
        assert [row.status for row in await outbox_rows(runtime)] == ["sent", "sent"]


async def test_a_dead_letter_to_a_client_with_a_ticket_is_told_to_the_engineers(
    settings: Settings, clock: FakeClock, messenger: Messenger
) -> None:
    async with running_app(settings, clock) as (_, runtime):
        runtime.desk.staff_enabled = True
        staff = runtime.senders["staff"] = CollectingSender()
        messenger.down = False
        chat = DeskChat(runtime, outbox=messenger)
        number = await chat.open_ticket()
        messenger.down = True
        await runtime.staff.reply(number, Engineer("e-1", "Иван"), "Проверьте версию драйвера.", [], "tg-1")
        clock.advance(hours=24, minutes=1)
        await runtime.drain()
    notices = [p for p in staff.sent if p.get("type") == "delivery_failed"]
    assert [n["ticket"] for n in notices] == [number] and notices[0]["reason"] == "http 502"


async def test_the_command_line_replays_one_or_every_dead_letter(
    settings: Settings, clock: FakeClock, messenger: Messenger, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_app(settings, clock) as (client, runtime):
        chats = [DeskChat(runtime, sender=f"client-{n}", outbox=messenger) for n in (1, 2, 3)]
        for chat in chats:
            await runtime.desk.handle(inbound("Здравствуйте", sender=chat.sender))
        clock.advance(hours=24)
        await runtime.drain()
        rows = await outbox_rows(runtime)
        assert [row.status for row in rows] == ["dead"] * 3
        messenger.down = False

        assert await cli.replay_dead_letters(settings, rows[0].id, clock=clock) == [rows[0].id]
        assert await cli.replay_dead_letters(settings, rows[0].id, clock=clock) == []
        await runtime.drain()
        assert len(messenger.delivered) == 1
        assert (await health(client))["dead_letters"] == 2

        assert await cli.replay_dead_letters(settings, clock=clock) == [rows[1].id, rows[2].id]
        await runtime.drain()
        assert len(messenger.delivered) == 3
        assert await health(client) == {"status": "ok"}

        monkeypatch.setenv("DATABASE_URL", settings.database_url)
        monkeypatch.setattr(cli, "configure_logging", lambda *args, **kwargs: None)  # keep the run's log
        runner = CliRunner()
        usage = await asyncio.to_thread(runner.invoke, cli.app, ["outbox", "retry"])
        assert usage.exit_code == 2
        unknown = await asyncio.to_thread(runner.invoke, cli.app, ["outbox", "retry", str(rows[0].id)])
        assert unknown.exit_code == 1
        done = await asyncio.to_thread(runner.invoke, cli.app, ["outbox", "retry", "--all"])
        assert done.exit_code == 0, done.output
        assert len(messenger.delivered) == 3
