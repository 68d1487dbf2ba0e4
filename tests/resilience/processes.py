"""Real `support-bot serve` processes on one PostgreSQL store, talking to a fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.telegram import updates
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi
from tests.telegram.world import WEBHOOK_SECRET

SUPPORT_BOT = Path(sys.executable).parent / "support-bot"

# a consultation from the first message to the ticket: (kind, value) per update
INTAKE: list[tuple[str, str]] = [
    ("text", "/start"),
    ("button", "menu:ticket"),
    ("button", "consent:yes"),
    ("button", "kind:consultation"),
    ("text", "+7 846 {phone}"),
    ("text", "ООО «Проверка {n}»"),
    ("text", "Самара"),
    ("text", "Петров Иван"),
    ("text", "АПК «Бастион-3»"),
    ("text", "3.1.{n}"),
    ("button", "opt:device_involved:no"),
    ("text", "пропустить"),
    ("text", "Как настроить отчёт по проходам?"),
    ("button", "nav:done"),
    ("button", "sum:send"),
]


def client_updates(user_id: int, n: int) -> list[dict[str, Any]]:
    result = []
    for step, (kind, value) in enumerate(INTAKE):
        update_id = user_id * 100 + step
        text = value.format(n=n, phone=f"{2_000_000 + n:07d}")
        if kind == "button":
            result.append(updates.button(update_id, text, chat_id=user_id, user=updates.client_user(user_id)))
        else:
            result.append(updates.private_message(update_id, user_id, text=text))
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Service:
    """One `support-bot serve` process; ``kill`` is SIGKILL, as a crash would be."""

    env: dict[str, str]
    workdir: Path
    port: int = field(default_factory=free_port)
    process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        log = (self.workdir / f"serve-{self.port}.log").open("ab")
        self.process = await asyncio.create_subprocess_exec(
            str(SUPPORT_BOT),
            "serve",
            "--port",
            str(self.port),
            cwd=self.workdir,
            env={**os.environ, **self.env},
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
        )
        async with httpx.AsyncClient() as client:
            for _ in range(300):
                try:
                    if (await client.get(f"{self.url}/healthz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError((self.workdir / f"serve-{self.port}.log").read_text()[-3000:])

    async def post(self, client: httpx.AsyncClient, update: dict[str, Any]) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
        return (await client.post(f"{self.url}/webhooks/telegram", json=update, headers=headers)).status_code

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await asyncio.wait_for(self.process.wait(), timeout=30)


def service_env(database_url: str, bot_api: FakeBotApi, workdir: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "TELEGRAM_API_BASE": bot_api.base_url,
        "DATA_DIR": str(workdir / "data"),
        "OUTBOX_POLL_SECONDS": "0.2",
    }


async def wait_until(condition, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition not met in time")
