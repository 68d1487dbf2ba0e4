"""Callbacks not signed by Viber are refused with 401 and leave no trace; malformed ones get 400, never 5xx."""

from __future__ import annotations

import json

import pytest

from core.texts import t
from service.settings import Settings
from storage.models import Identity, OutboxItem
from tests.fakes import FakeClock
from tests.service.app_client import running_app
from tests.viber.world import ViberWorld, sign


@pytest.mark.parametrize("signature", [None, "", "0" * 64, sign(b"another body")])
async def test_bad_or_missing_signature_is_401_and_nothing_is_stored(viber: ViberWorld, signature: str | None) -> None:
    response = await viber.post(viber.message({"type": "text", "text": "Здравствуйте"}), signature=signature)
    assert response.status_code == 401
    await viber.deliver()
    assert await viber.rows(Identity) == [] and await viber.rows(OutboxItem) == []
    assert viber.sent() == []


async def test_signed_with_another_token_is_401(viber: ViberWorld) -> None:
    raw = json.dumps(viber.message({"type": "text", "text": "Здравствуйте"})).encode()
    headers = {"X-Viber-Content-Signature": sign(raw, token="someone-elses-token")}
    assert (await viber.http.post("/webhooks/viber", content=raw, headers=headers)).status_code == 401


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b'{"event": "message", "timestamp": 1}', b'{"event": 5}'])
async def test_malformed_callback_is_400(viber: ViberWorld, raw: bytes) -> None:
    response = await viber.http.post("/webhooks/viber", content=raw, headers={"X-Viber-Content-Signature": sign(raw)})
    assert response.status_code == 400
    assert await viber.rows(Identity) == []


@pytest.mark.parametrize("event", ["client_status", "action", "hologram_opened"])
async def test_an_event_newer_than_viberbot_is_acknowledged_and_ignored(viber: ViberWorld, event: str) -> None:
    """Viber retries for an hour whatever it did not get 200 for; such events used to get 400."""
    response = await viber.post({"event": event, "timestamp": 1764000000000, "user_id": "someone"})
    assert response.status_code == 200
    await viber.deliver()
    assert await viber.rows(Identity) == [] and viber.sent("someone") == []


async def test_a_message_of_a_type_newer_than_viberbot_is_answered_as_unreadable(viber: ViberWorld) -> None:
    await viber.client_says("Здравствуйте")
    await viber.send(viber.message({"type": "hologram", "payload": {"x": 1}}))
    assert any(t("unsupported.other") in text for text in viber.texts())


async def test_webhook_check_is_answered_at_once(viber: ViberWorld) -> None:
    event = {"event": "webhook", "timestamp": 1764000000000, "chat_hostname": "SN-CHAT-01_",
             "message_token": 4912661846655238145}  # fmt: skip
    assert (await viber.post(event)).status_code == 200


async def test_channel_off_answers_404(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings, clock) as (http, _):
        raw = b'{"event": "webhook", "timestamp": 1}'
        response = await http.post("/webhooks/viber", content=raw, headers={"X-Viber-Content-Signature": sign(raw)})
        assert response.status_code == 404


async def test_a_non_ascii_signature_is_401_not_a_server_error(viber: ViberWorld) -> None:
    headers = {"X-Viber-Content-Signature": "подпись".encode()}
    assert (await viber.http.post("/webhooks/viber", content=b"{}", headers=headers)).status_code == 401
