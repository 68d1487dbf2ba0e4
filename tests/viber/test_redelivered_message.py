"""Viber retries a callback it thinks failed: the same message_token has no second effect."""

from __future__ import annotations

from storage.models import OutboxItem
from tests.viber.world import ViberWorld


async def test_same_message_token_is_answered_once(viber: ViberWorld) -> None:
    event = viber.message({"type": "text", "text": "Сколько стоит поддержка?"})
    await viber.send(event)
    answered = len(viber.sent())
    items = len(await viber.rows(OutboxItem))

    response = await viber.send(event)

    assert response.status_code == 200
    assert len(viber.sent()) == answered and len(await viber.rows(OutboxItem)) == items
