"""Only requests Twilio signed for our public URL are read; anything else is 401 and leaves no trace."""

from __future__ import annotations

import pytest

from storage.models import Identity, OutboxItem
from tests.whatsapp.world import WhatsAppWorld, sign


async def test_missing_signature_is_401(whatsapp: WhatsAppWorld) -> None:
    response = await whatsapp.post(whatsapp.message("Здравствуйте"), signature=None)
    assert response.status_code == 401
    assert await whatsapp.rows(Identity) == [] and await whatsapp.rows(OutboxItem) == []


@pytest.mark.parametrize("how", ["other url", "other token", "altered body", "blank field dropped"])
async def test_bad_signature_is_401_and_nothing_is_stored(whatsapp: WhatsAppWorld, how: str) -> None:
    params = whatsapp.message("Здравствуйте")
    signature = {
        "other url": sign(params, url="http://localhost:8000/webhooks/whatsapp"),
        "other token": sign(params, token="0" * 32),
        "altered body": sign({**params, "Body": "Другое"}),
        "blank field dropped": sign({k: v for k, v in params.items() if v}),
    }[how]
    assert (await whatsapp.post(params, signature=signature)).status_code == 401
    await whatsapp.deliver()
    assert await whatsapp.rows(Identity) == [] and whatsapp.sent() == []


async def test_malformed_form_is_400(whatsapp: WhatsAppWorld) -> None:
    params = {"Body": "без идентификатора", "From": "whatsapp:+79161234567"}
    assert (await whatsapp.post(params)).status_code == 400
    assert await whatsapp.rows(Identity) == []


async def test_redelivered_message_sid_has_no_second_effect(whatsapp: WhatsAppWorld) -> None:
    params = whatsapp.message("Сколько стоит поддержка?")
    await whatsapp.send(params)
    answered, items = len(whatsapp.sent()), len(await whatsapp.rows(OutboxItem))
    assert (await whatsapp.send(params)).status_code == 200
    assert len(whatsapp.sent()) == answered and len(await whatsapp.rows(OutboxItem)) == items


async def test_a_media_count_in_other_digits_is_read_as_no_media(whatsapp: WhatsAppWorld) -> None:
    response = await whatsapp.post(whatsapp.message("Здравствуйте", NumMedia="²"))
    assert response.status_code == 200
    await whatsapp.deliver()
    assert whatsapp.bodies()  # processed as a text message and answered
