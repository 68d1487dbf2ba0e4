"""The hostile requests of issue 12 found by the property tests beside this file, each kept as an example.

Signed bodies carrying a NUL or half a surrogate pair (a JSON escape, a form's percent-escape): PostgreSQL
keeps neither in text or JSON, and no UTF-8 encodes the second. In an id, a chat or a status they are now
refused with 400: before, on PostgreSQL, a NUL in a chat or a raw NUL byte in a form failed the inbox's
write (a 500, and for every other webhook written in the same batch too). In what a client or an engineer
wrote they are replaced by U+FFFD: before, the message failed at every try for a day (on SQLite too, for
half a pair), and the chat's later messages waited behind it. An id, a chat or a status of the wrong type
(an object, a list) is refused with 400 too: a Viber ``failed`` for a list of users was a 500 on either
store, a sender that is an object was kept and then failed at every try. Admin API parameters no store
can look up (a row id over 32 bits, a NUL) are a malformed request now; on PostgreSQL they were a 500.

Signed Viber messages whose content is of the wrong type (a text that is a number, a picture whose media
is null) were kept and then failed at every try; bots/viber.py refuses them now.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlmodel import select

from service.settings import Settings
from storage.models import Message
from tests.fakes import FakeClock
from tests.hostile.conftest import Service, admin
from tests.hostile.webhooks import Posted, viber_event, viber_message
from tests.telegram import updates
from tests.telegram.world import telegram_world
from tests.whatsapp.world import inbound_message

NUL, HALF_A_PAIR = "\x00", "\ud800"


def signed(service: Service, channel: str, body: dict[str, Any]) -> Posted:
    """``body`` as the platform posts it (JSON with every odd character escaped, or a form), signed."""
    raw = urlencode(body).encode() if channel == "whatsapp" else json.dumps(body).encode()
    return service.platforms.webhook(channel).signed(raw)


async def post(service: Service, channel: str, request: Posted) -> int:
    return (await service.post(service.platforms.webhook(channel), request)).status_code


@pytest.mark.parametrize(
    ("channel", "body"),
    [
        ("telegram", updates.private_message(101, text=f"до{NUL}после")),
        ("telegram", updates.private_message(102, text=f"до{HALF_A_PAIR}после")),
        ("viber", viber_message({"type": "text", "text": f"до{NUL}после"})(103)),
        ("viber", viber_message({"type": "text", "text": f"до{HALF_A_PAIR}после"})(104)),
        ("whatsapp", inbound_message(105, f"до{NUL}после")),
    ],
    ids=["telegram-nul", "telegram-surrogate", "viber-nul", "viber-surrogate", "whatsapp-nul"],
)
async def test_what_no_store_keeps_is_replaced_in_a_clients_text(
    service: Service, channel: str, body: dict[str, Any]
) -> None:
    assert await post(service, channel, signed(service, channel, body)) == 200
    await service.runtime.drain()

    assert await service.processing_failures() == []
    async with service.runtime.desk.sessions() as session:
        texts = [message.text for message in await session.exec(select(Message).where(Message.direction == "in"))]
    assert "до\ufffdпосле" in texts


async def test_an_engineers_reply_with_what_no_store_keeps_reaches_the_client_without_it(
    settings: Settings, clock: FakeClock
) -> None:
    """The engineers' routers store what the Telegram group says, not the desk: the update itself is cleaned."""
    async with telegram_world(settings, clock) as telegram:
        number = await telegram.open_ticket()

        await telegram.engineer_says(f"ответ{NUL}!", thread_id=await telegram.topic_of(number))

        assert telegram.client_texts()[-1].endswith("ответ\ufffd!")


async def refused_without_trace(service: Service, channel: str, request: Posted) -> None:
    before = await service.everything_stored()
    assert await post(service, channel, request) == 400
    assert await service.everything_stored() == before


@pytest.mark.parametrize(
    ("channel", "body"),
    [
        ("whatsapp", {**inbound_message(106), "From": f"whatsapp:+7916{NUL}"}),
        ("whatsapp", {"MessageSid": f"SM{NUL}", "MessageStatus": "delivered"}),
        (
            "viber",
            {**viber_message({"type": "text", "text": "x"})(107), "sender": {"id": f"01234{NUL}", "name": "Пётр"}},
        ),
        ("viber", viber_event("failed", user_id="0123=", desc=HALF_A_PAIR)(108)),
        ("viber", viber_event("delivered", user_id=f"0123{HALF_A_PAIR}")(109)),
        ("viber", {**viber_message({"type": "text", "text": "x"})(115), "sender": {"id": {"a": 1}}}),
        ("viber", viber_event("unsubscribed", user_id={"a": 1})(116)),
        ("viber", viber_event("failed", user_id=["0123="], desc="x")(117)),
        # kept as if well formed: update 1 (the real one dropped later), a message «abc», three replies to no number
        ("telegram", {**updates.private_message(118, text="x"), "update_id": True}),
        ("viber", {**viber_message({"type": "text", "text": "x"})(119), "message_token": "abc"}),
        ("whatsapp", {**inbound_message(120, "hello"), "From": "whatsapp:notaphone"}),
    ],
    ids=[
        "whatsapp-chat",
        "whatsapp-status-sid",
        "viber-sender",
        "viber-status",
        "viber-user",
        "viber-sender-an-object",
        "viber-unsubscribed-an-object",
        "viber-failed-for-a-list",
        "telegram-update-id-a-boolean",
        "viber-message-token-no-number",
        "whatsapp-sender-no-number",
    ],
)
async def test_a_signed_callback_whose_ids_or_status_no_store_keeps_is_refused_and_leaves_no_trace(
    service: Service, channel: str, body: dict[str, Any]
) -> None:
    await refused_without_trace(service, channel, signed(service, channel, body))


async def test_a_signed_form_with_a_raw_nul_byte_is_refused_and_leaves_no_trace(service: Service) -> None:
    """A form is percent-encoded: a raw NUL byte in it is no form Twilio sends, though its signature is right."""
    raw = urlencode(inbound_message(110, "hello")).replace("Body=hello", "Body=hel\x00lo").encode()
    assert b"\x00" in raw
    await refused_without_trace(service, "whatsapp", service.platforms.webhook("whatsapp").signed(raw))


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("POST", "/api/dead-letters/2147483648/retry"),
        ("GET", "/api/tickets?status=%00"),
        ("GET", "/api/tickets?channel=a%00"),
        ("GET", "/api/tickets/A%00B"),
    ],
    ids=["row-id-over-32-bits", "status-nul", "channel-nul", "number-nul"],
)
async def test_an_admin_parameter_no_store_can_look_up_is_a_malformed_request(
    service: Service, method: str, url: str
) -> None:
    """Found by schemathesis: on PostgreSQL these were the store's error, a 500."""
    response = await service.http.request(method, url, headers=admin(service.runtime.settings))
    assert response.status_code == 400


VIBER_WRONG_TYPES = {
    "picture-media-null": viber_message({"type": "picture", "text": "x", "media": None})(111),
    "text-number": viber_message({"type": "text", "text": 5})(112),
    "contact-phone-number": viber_message({"type": "contact", "contact": {"phone_number": 5}})(113),
    "url-number": viber_message({"type": "url", "media": 5})(114),
}


@pytest.mark.parametrize("body", VIBER_WRONG_TYPES.values(), ids=VIBER_WRONG_TYPES.keys())
async def test_a_signed_viber_callback_with_values_of_the_wrong_type_is_refused_or_processed(
    service: Service, body: dict[str, Any]
) -> None:
    before = await service.everything_stored()
    if await post(service, "viber", signed(service, "viber", body)) >= 400:
        assert await service.everything_stored() == before
        return
    await service.runtime.drain()
    assert await service.processing_failures() == []
