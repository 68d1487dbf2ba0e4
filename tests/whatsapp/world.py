"""Twilio webhooks as Twilio posts them (fields from the protocol notes), signed with twilio's RequestValidator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from itertools import count
from typing import Any
from urllib.parse import urlencode

import httpx
from pydantic import SecretStr
from twilio.request_validator import RequestValidator

from service.settings import Settings
from tests.fake_api import Call, FakeApi
from tests.fakes import FakeClock
from tests.messenger_world import PICTURE, PUBLIC_BASE_URL, MessengerWorld, messenger_world

ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "f3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8"
BUSINESS = "whatsapp:+14155238886"
CLIENT = "+79161234567"
WEBHOOK_URL = PUBLIC_BASE_URL + "/webhooks/whatsapp"
SIGNED = object()


def sign(params: dict[str, str], url: str = WEBHOOK_URL, token: str = AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def inbound_message(n: int, body: str = "", chat: str = CLIENT, **extra: str) -> dict[str, str]:
    """The form of the ``n``-th message from ``chat`` as Twilio posts it."""
    sid = f"SMa{n:031x}"  # inbound; the fake API numbers what the bot sends from SM0…1
    return {"MessageSid": sid, "SmsMessageSid": sid, "SmsSid": sid, "AccountSid": ACCOUNT_SID,
            "MessagingServiceSid": "", "From": "whatsapp:" + chat, "To": BUSINESS, "Body": body,
            "NumMedia": "0", "NumSegments": "1", "ProfileName": "Пётр", "WaId": chat.lstrip("+"),
            "SmsStatus": "received", "ApiVersion": "2010-04-01", "MessageType": "text", **extra}  # fmt: skip


def fake_twilio_api() -> FakeApi:
    sids = count(1)

    def respond(call: Call) -> tuple[int, Any]:
        if "/Media/" in call.path:
            return 200, PICTURE
        sid = f"SM{next(sids):032x}"
        return 201, {"sid": sid, "status": "queued", "to": call.data.get("To"), "error_code": None}

    return FakeApi(respond)


@dataclass
class WhatsAppWorld(MessengerWorld):
    sids: count = field(default_factory=lambda: count(1))

    async def deliver(self) -> None:
        """Process the stored callbacks (the inbox) and deliver what they caused, until nothing is due."""
        await self.runtime.drain()

    async def post(self, params: dict[str, str], *, signature: str | None | object = SIGNED) -> httpx.Response:
        if signature is SIGNED:
            signature = sign(params)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if isinstance(signature, str):
            headers["X-Twilio-Signature"] = signature
        return await self.http.post("/webhooks/whatsapp", content=urlencode(params), headers=headers)

    async def send(self, params: dict[str, str]) -> httpx.Response:
        response = await self.post(params)
        assert response.status_code == 200, response.text
        await self.deliver()
        return response

    def message(self, body: str = "", chat: str = CLIENT, **extra: str) -> dict[str, str]:
        return inbound_message(next(self.sids), body, chat, **extra)

    async def client_says(self, text: str, chat: str = CLIENT) -> None:
        await self.send(self.message(text, chat))

    async def status(self, sid: str, status: str, error_code: str = "", chat: str = CLIENT) -> None:
        await self.send({"MessageSid": sid, "MessageStatus": status, "ErrorCode": error_code, "AccountSid": ACCOUNT_SID,
                         "From": BUSINESS, "To": "whatsapp:" + chat, "ApiVersion": "2010-04-01"})  # fmt: skip

    async def open_ticket(self, chat: str = CLIENT, **answers: str) -> str:
        """A consultation typed the WhatsApp way: numbers and words; the ticket number."""
        for text in ("Здравствуйте", "Оформить заявку", "1", "Консультация"):
            await self.client_says(text, chat)

        async def answer(text: str) -> None:
            await self.client_says(text, chat)

        await self.walk_intake(chat, answer, **answers)
        await self.client_says("Отправить заявку", chat)
        number = (await self.state(chat))["ticket"]
        assert number, self.bodies(chat)[-3:]
        return number

    def sent(self, chat: str = CLIENT) -> list[dict[str, Any]]:
        return [c.data for c in self.api.calls_to("/Messages.json") if c.data.get("To") == "whatsapp:" + chat]

    def bodies(self, chat: str = CLIENT) -> list[str]:
        return [m["Body"] for m in self.sent(chat) if "Body" in m]

    def media_url(self, n: int = 0) -> str:
        return f"{self.api.base_url}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/MM{n}/Media/ME{n}"


def whatsapp_settings(settings: Settings, api: FakeApi, **overrides: Any) -> Settings:
    return settings.model_copy(
        update={
            "twilio_account_sid": ACCOUNT_SID,
            "twilio_auth_token": SecretStr(AUTH_TOKEN),
            "twilio_whatsapp_from": BUSINESS,
            "twilio_api_base": api.base_url,
            "public_base_url": PUBLIC_BASE_URL,
            **overrides,
        }  # fmt: skip
    )


@asynccontextmanager
async def whatsapp_world(settings: Settings, clock: FakeClock, **overrides: Any) -> AsyncIterator[WhatsAppWorld]:
    """The service with WhatsApp on against a fake Twilio; ``overrides`` are settings (e.g. twilio_content_sid)."""
    api = fake_twilio_api()
    await api.start()
    try:
        configured = whatsapp_settings(settings, api, **overrides)
        async with messenger_world(WhatsAppWorld, "whatsapp", configured, clock, api) as world:
            yield world
    finally:
        await api.stop()
