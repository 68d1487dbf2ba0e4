"""Viber callbacks as the platform sends them (shapes from the protocol notes), signed with viberbot's own code."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import httpx
from pydantic import SecretStr
from viberbot import Api
from viberbot.api.bot_configuration import BotConfiguration

from bots.files import FileStore
from core.messages import Attachment
from service.settings import Settings
from service.staff_actions import Engineer
from tests.fake_api import Call, FakeApi
from tests.fakes import FakeClock
from tests.messenger_world import PICTURE, PUBLIC_BASE_URL, MessengerWorld, messenger_world

TOKEN = "4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f"
CLIENT = "01234567890A="
SDK = Api(BotConfiguration(TOKEN, "ТвинПро Поддержка", None))
SIGNED = object()  # sign the body with the right token


def sign(raw: bytes, token: str = TOKEN) -> str:
    """The signature exactly as viberbot computes it (Api.verify_signature compares with this)."""
    signature = Api(BotConfiguration(token, "", None))._calculate_message_signature(raw)
    assert SDK.verify_signature(raw, signature) == (token == TOKEN)
    return signature


def user(user_id: str = CLIENT) -> dict[str, Any]:
    return {"id": user_id, "name": "Пётр Иванов", "avatar": "http://avatar.example/a.jpg", "country": "RU",
            "language": "ru", "api_version": 10}  # fmt: skip


def fake_viber_api() -> FakeApi:
    tokens = count(5098034272017990000)

    def respond(call: Call) -> tuple[int, Any]:
        if call.path.startswith("/files/"):
            return 200, PICTURE
        return 200, {"status": 0, "status_message": "ok", "message_token": next(tokens), "chat_hostname": "SN-1_"}

    return FakeApi(respond)


@dataclass
class ViberWorld(MessengerWorld):
    tokens: count = field(default_factory=lambda: count(4912661846655238147))

    async def deliver(self) -> None:
        """Process the stored callbacks (the inbox) and deliver what they caused, until nothing is due."""
        await self.runtime.drain()

    async def post(self, event: dict[str, Any], *, signature: str | None | object = SIGNED) -> httpx.Response:
        raw = json.dumps(event, ensure_ascii=False).encode()
        if signature is SIGNED:
            signature = sign(raw)
        headers = {"X-Viber-Content-Signature": signature} if isinstance(signature, str) else {}
        return await self.http.post("/webhooks/viber", content=raw, headers=headers)

    async def send(self, event: dict[str, Any]) -> httpx.Response:
        """Post a callback (expecting 200) and deliver what it caused."""
        response = await self.post(event)
        assert response.status_code == 200, response.text
        await self.deliver()
        return response

    def message(self, message: dict[str, Any], user_id: str = CLIENT) -> dict[str, Any]:
        return {"event": "message", "timestamp": 1764000000000, "message_token": next(self.tokens),
                "sender": user(user_id), "message": message}  # fmt: skip

    async def client_says(self, text: str, user_id: str = CLIENT) -> None:
        """Typing, or pressing a reply button: Viber sends the button's ActionBody as the text."""
        await self.send(self.message({"type": "text", "text": text}, user_id))

    async def open_ticket(self, user_id: str = CLIENT) -> str:
        """A consultation from the first message to «Отправить заявку», pressing the buttons; the ticket number."""
        for text in ("Здравствуйте", "menu:ticket", "consent:yes", "kind:consultation"):
            await self.client_says(text, user_id)

        async def answer(text: str) -> None:
            await self.client_says(text, user_id)

        await self.walk_intake(user_id, answer)
        await self.client_says("sum:send", user_id)
        number = (await self.state(user_id))["ticket"]
        assert number, self.texts(user_id)[-3:]
        return number

    def sent(self, user_id: str = CLIENT) -> list[dict[str, Any]]:
        return [c.data for c in self.api.calls_to("/send_message") if c.data.get("receiver") == user_id]

    def texts(self, user_id: str = CLIENT) -> list[str]:
        return [m["text"] for m in self.sent(user_id) if m["type"] == "text"]

    def buttons(self, user_id: str = CLIENT) -> list[str]:
        """The ActionBody of each button on the last message's keyboard."""
        return [b["ActionBody"] for b in self.sent(user_id)[-1].get("keyboard", {}).get("Buttons", [])]

    def media_url(self, name: str) -> str:
        return f"{self.api.base_url}/files/{name}"

    async def engineer_sends_file(self, number: str, text: str, content: bytes, file_name: str, mime: str) -> None:
        """An engineer's reply with one file from the file store, delivered to the Viber client."""
        ref = FileStore(self.runtime.settings.files_dir).save(content, file_name=file_name, mime_type=mime)
        kind = "image" if mime.startswith("image/") else "document"
        attachment = Attachment(kind, ref, mime, len(content), file_name)  # type: ignore[arg-type]
        await self.runtime.staff.reply(number, Engineer("tg-501", "Иван"), text, [attachment], "tg-update-1")
        await self.deliver()


def viber_settings(settings: Settings, api: FakeApi) -> Settings:
    return settings.model_copy(
        update={
            "viber_auth_token": SecretStr(TOKEN),
            "viber_api_base": api.base_url + "/pa",
            "public_base_url": PUBLIC_BASE_URL,
        }  # fmt: skip
    )


@asynccontextmanager
async def viber_world(settings: Settings, clock: FakeClock, api: FakeApi | None = None) -> AsyncIterator[ViberWorld]:
    api = api or fake_viber_api()
    await api.start()
    try:
        async with messenger_world(ViberWorld, "viber", viber_settings(settings, api), clock, api) as world:
            yield world
    finally:
        await api.stop()
