"""The channel registry: every channel conforms to the protocol and has its name in the texts; a missing text
fails the start-up; one webhook route serves every channel; and a new channel, with a webhook or with a poller
instead, needs nothing but its adapter, an entry and its text."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlmodel import select

from bots.base import BadRequest, DeliveryResult, Unauthorized
from bots.channel import Capabilities, Keep, PollingChannel, Webhook, WebhookAnswer, WebhookChannel
from bots.platform_events import PlatformEvent, Received
from bots.staff_card import TicketCard, card_pieces
from core.messages import Inbound, Outbound
from core.texts import TEXTS, channel_key, t
from service.channels import registry
from service.limits import LIMITS
from service.runtime import Runtime
from service.settings import Settings
from storage.models import InboxItem, Message
from tests.fakes import FakeClock
from tests.service.app_client import running_app

NEW = "pigeon"


class Bird:
    """A channel that did not exist: notes as JSON, sent back into a list."""

    name = "bird"
    capabilities = Capabilities(buttons=False, text_limit=None, media=False, formatting="plain", received_text_limit=50)

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def unpack(self, raw: str, *, retry_later: bool) -> PlatformEvent:
        note = json.loads(raw)
        return Inbound(self.name, note["from"], note["from"], str(note["id"]), text=note["text"])

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        self.sent.append(payload)
        return DeliveryResult.sent()

    def texts(self) -> list[str]:
        return [Outbound.from_dict(payload).text for payload in self.sent]


class PigeonChannel(Bird):
    """Its platform posts the notes, signed with the word «coo»."""

    name = NEW
    webhook = Webhook("X-Pigeon-Signature")

    def read(self, raw: bytes, signature: str | None) -> PlatformEvent | Received:
        if signature != "coo":
            raise Unauthorized("pigeon")
        try:
            note = json.loads(raw)
            return Received(self.name, str(note["id"]), str(note["from"]), raw.decode())
        except (ValueError, KeyError, TypeError) as error:
            raise BadRequest("pigeon") from error

    def answer(self, event: PlatformEvent | Received) -> WebhookAnswer:
        return WebhookAnswer(b"coo", "text/plain")


class CarrierPigeon(Bird):
    """No webhook: the service fetches the notes itself (as e-mail is read over IMAP)."""

    name = "carrier"

    def __init__(self, notes: list[dict[str, Any]]) -> None:
        super().__init__()
        self.notes = notes

    async def run(self, keep: Keep, stop: asyncio.Event) -> None:
        while not stop.is_set():
            while self.notes:
                fetched = self.notes[0]
                await keep(Received(self.name, str(fetched["id"]), fetched["from"], json.dumps(fetched)))
                self.notes.pop(0)  # acknowledged only once kept
            await asyncio.sleep(0.01)


def register(monkeypatch: pytest.MonkeyPatch, channel: Bird) -> None:
    """What adding a channel takes: an entry (here with a built adapter) and the text naming it."""

    async def start(runtime: Runtime) -> Bird:
        return channel

    entry = registry.Entry(type(channel), lambda settings: True, start)
    monkeypatch.setattr(registry, "CHANNELS", (*registry.CHANNELS, entry))
    monkeypatch.setitem(TEXTS, channel_key(channel.name), "Голубиная почта")


def note(text: str, id_: int = 1, sender: str = "bird-1") -> bytes:
    return json.dumps({"id": id_, "from": sender, "text": text}, ensure_ascii=False).encode()


@pytest.fixture
async def pigeon(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, clock: FakeClock
) -> AsyncIterator[tuple[PigeonChannel, httpx.AsyncClient, Runtime]]:
    channel = PigeonChannel()
    register(monkeypatch, channel)
    async with running_app(settings, clock) as (http, runtime):
        yield channel, http, runtime


def test_every_registered_channel_conforms_and_is_named_in_the_texts() -> None:
    for entry in registry.CHANNELS:
        adapter = entry.adapter
        assert isinstance(adapter.capabilities, Capabilities), entry.name
        assert callable(adapter.deliver), entry.name
        assert channel_key(entry.name) in TEXTS, entry.name
        if entry.webhook is not None:
            assert all(callable(getattr(adapter, method, None)) for method in ("read", "unpack", "answer")), entry.name
    assert {entry.name for entry in registry.CHANNELS} >= {"telegram", "viber", "whatsapp", "console"}
    registry.check_texts()


def test_the_webhook_body_limits_come_from_the_channels() -> None:
    assert LIMITS == {"/webhooks/telegram": 1024 * 1024, "/webhooks/viber": 1024 * 1024, "/webhooks/whatsapp": 65536}


def test_the_engineers_card_names_every_registered_channel() -> None:
    for entry in registry.CHANNELS:
        card = TicketCard("TP-00001", "problem", "normal", entry.name, datetime(2026, 11, 25, 9, tzinfo=UTC), {})
        assert t(channel_key(entry.name)) in "".join(card_pieces(card, ZoneInfo("Europe/Moscow"), topics=True))


async def test_a_channel_without_its_text_fails_the_start_up(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, clock: FakeClock
) -> None:
    monkeypatch.delitem(TEXTS, channel_key("viber"))  # the channel is off in these settings: it fails all the same

    with pytest.raises(registry.MissingTexts, match="channel.viber"):
        async with running_app(settings, clock):
            pass


async def test_off_and_unknown_channels_answer_404(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings, clock) as (http, runtime):
        answers = [(await http.post(f"/webhooks/{name}", content=b"{}")).status_code
                   for name in ("telegram", "viber", "whatsapp", "console", "nosuch")]  # fmt: skip
        assert answers == [404] * 5
        assert runtime.channels == {}


async def test_a_new_webhook_channel_is_served_by_the_one_route(
    pigeon: tuple[PigeonChannel, httpx.AsyncClient, Runtime],
) -> None:
    channel, http, runtime = pigeon
    headers = {"X-Pigeon-Signature": "coo"}

    first = await http.post("/webhooks/pigeon", content=note("/start"), headers=headers)
    again = await http.post("/webhooks/pigeon", content=note("/start"), headers=headers)
    await runtime.drain()

    assert (first.status_code, first.text, again.status_code) == (200, "coo", 200)
    assert channel.texts() == [t("menu.greeting")]  # the redelivery had no second effect
    assert runtime.senders[NEW] is channel


async def test_a_new_webhook_channel_refuses_what_its_adapter_refuses(
    pigeon: tuple[PigeonChannel, httpx.AsyncClient, Runtime],
) -> None:
    channel, http, runtime = pigeon

    forged = await http.post("/webhooks/pigeon", content=note("/start"), headers={"X-Pigeon-Signature": "caw"})
    garbled = await http.post("/webhooks/pigeon", content=b"[1]", headers={"X-Pigeon-Signature": "coo"})
    await runtime.drain()

    assert (forged.status_code, garbled.status_code) == (401, 400)
    async with runtime.inbox_store.sessions() as session:
        assert list(await session.exec(select(InboxItem))) == []
    assert channel.sent == []


async def test_a_client_message_is_clipped_to_the_channels_own_limit(
    pigeon: tuple[PigeonChannel, httpx.AsyncClient, Runtime],
) -> None:
    _, http, runtime = pigeon

    await http.post("/webhooks/pigeon", content=note("журнал " * 100), headers={"X-Pigeon-Signature": "coo"})
    await runtime.drain()

    async with runtime.desk.sessions() as session:
        [received] = [m for m in await session.exec(select(Message)) if m.direction == "in"]
    assert received.text is not None and len(received.text) == PigeonChannel.capabilities.received_text_limit


async def test_a_channel_with_a_poller_instead_of_a_webhook_feeds_the_same_inbox(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, clock: FakeClock
) -> None:
    channel = CarrierPigeon([json.loads(note("/start")), json.loads(note("/start"))])  # fetched twice: kept once
    register(monkeypatch, channel)
    background = settings.model_copy(update={"run_dispatcher": True, "outbox_poll_seconds": 0.01})

    async with running_app(background, clock) as (http, runtime):
        assert isinstance(channel, PollingChannel) and not isinstance(channel, WebhookChannel)
        for _ in range(500):
            if channel.sent:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)
        assert (await http.post("/webhooks/carrier", content=note("/start"))).status_code == 404

    assert channel.notes == []
    assert channel.texts() == [t("menu.greeting")]
