"""What the benchmarks play against: a fake Bot API on a local port, and the updates of simulated clients."""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict

from aiohttp import web

from tests.resilience.processes import INTAKE, free_port  # the fault tests' client script: a consultation to the ticket


class FakeBotApi:
    """Answers the Bot API methods the service calls; records when each chat got a message."""

    def __init__(self) -> None:
        self.sent: dict[int, list[float]] = defaultdict(list)
        self.changed: dict[int, asyncio.Event] = defaultdict(asyncio.Event)
        self.message_id = 0
        self.runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        data = dict(await request.post()) if request.content_type != "application/json" else await request.json()
        self.message_id += 1
        if method in ("sendMessage", "sendPhoto", "sendDocument"):
            chat = int(data["chat_id"])
            self.sent[chat].append(time.perf_counter())
            self.changed[chat].set()
            result: object = {
                "message_id": self.message_id,
                "date": 0,
                "chat": {"id": chat, "type": "private"},
                "text": str(data.get("text", "")),
            }
        elif method == "getMe":
            result = {"id": 1, "is_bot": True, "first_name": "TwinPro", "username": "twinpro_bot"}
        elif method == "createForumTopic":
            result = {"message_thread_id": self.message_id, "name": data.get("name", ""), "icon_color": 0}
        else:
            result = True
        return web.json_response({"ok": True, "result": result})

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self.handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        port = free_port()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()
        return f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self.runner:
            await self.runner.cleanup()


def update(update_id: int, chat: int, kind: str, value: str) -> dict:
    user = {"id": chat, "is_bot": False, "first_name": "Клиент"}
    if kind == "button":
        return {
            "update_id": update_id,
            "callback_query": {
                "id": str(update_id),
                "chat_instance": str(chat),
                "from": user,
                "data": value,
                "message": {"message_id": 1, "date": 0, "chat": {"id": chat, "type": "private"}, "text": "…"},
            },
        }
    message = {"message_id": update_id, "date": 0, "chat": {"id": chat, "type": "private"}, "from": user, "text": value}
    if value.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(value)}]
    return {"update_id": update_id, "message": message}


def client_updates(client: int, first_chat: int) -> list[bytes]:
    chat = first_chat + client
    return [
        json.dumps(
            update(
                chat * 100 + step,
                chat,
                kind,
                value.format(n=client, phone=f"{(chat // 100_000_000 + 1) * 1_000_000 + chat % 1_000_000:07d}"),
            ),
            ensure_ascii=False,
        ).encode()
        for step, (kind, value) in enumerate(INTAKE)
    ]
