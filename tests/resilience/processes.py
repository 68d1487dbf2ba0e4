"""Real `support-bot serve` processes on one store, talking to a fake Bot API."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from storage.models import OutboxItem
from tests.telegram import updates
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi
from tests.telegram.world import WEBHOOK_SECRET

SUPPORT_BOT = Path(sys.executable).parent / "support-bot"
ROOT = Path(__file__).parents[2]

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
    ("button", "sum:send"),
]


CONFIRMATION = "Заявка TP-"


def shape(texts: list[str]) -> list[str]:
    """What a client saw, without what differs between clients (their own answers)."""
    return [text[:10] for text in texts]


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

    @property
    def log(self) -> Path:
        return self.workdir / f"serve-{self.port}.log"

    async def start(self, seconds: float = 120.0) -> None:
        """Start the process and wait until it answers; a busy machine needs long to import and migrate."""
        await self._spawn()
        async with httpx.AsyncClient() as client:
            for _ in range(int(seconds * 10)):
                try:
                    if (await client.get(f"{self.url}/healthz")).status_code == 200:
                        return
                except httpx.TransportError:
                    if not self.running:  # it failed to start: no use waiting
                        break
                await asyncio.sleep(0.1)
        raise RuntimeError(self.log.read_text()[-3000:])

    async def _spawn(self) -> None:
        with self.log.open("ab") as log:
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

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def post(self, client: httpx.AsyncClient, update: dict[str, Any]) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
        return (await client.post(f"{self.url}/webhooks/telegram", json=update, headers=headers)).status_code

    async def post_until_acknowledged(self, client: httpx.AsyncClient, update: dict[str, Any]) -> None:
        """As Telegram does: the update comes again until the service answers 200 (it may be down, or restarting)."""
        while True:
            try:
                if await self.post(client, update) == 200:
                    return
            except httpx.TransportError:  # killed before it answered, or not listening yet
                pass
            await asyncio.sleep(0.1)

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await asyncio.wait_for(self.process.wait(), timeout=30)


class Preloader:
    """A process that has imported `support-bot` once and forks a fresh one for each start (preloaded.py)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.resilience.preloaded"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            text=True,
        )

    def _fork(self, request: dict[str, Any]) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        print(json.dumps(request), file=self.process.stdin, flush=True)
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError("the preloader has ended: its error is on the test run's stderr")
        return int(answer)

    async def fork(self, argv: list[str], *, env: dict[str, str], cwd: Path, log: Path) -> int:
        """The pid of a new `support-bot <argv>` process; the first answer waits for the imports."""
        return await asyncio.to_thread(self._fork, {"argv": argv, "env": env, "cwd": str(cwd), "log": str(log)})

    def close(self) -> None:
        """The preloader ends with its input, and a child still running ends with it."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@dataclass
class ForkedService(Service):
    """A `serve` process forked by a :class:`Preloader`: up in a moment, and killed for real all the same."""

    preloader: Preloader | None = None
    pid: int | None = None

    async def _spawn(self) -> None:
        assert self.preloader is not None
        argv = ["serve", "--port", str(self.port)]
        self.pid = await self.preloader.fork(argv, env=self.env, cwd=self.workdir, log=self.log)

    @property
    def running(self) -> bool:
        if self.pid is None:
            return False
        try:
            os.kill(self.pid, 0)  # the preloader reaps its children: a pid that is gone has ended
        except ProcessLookupError:
            return False
        return True

    async def kill(self) -> None:
        await self._end(signal.SIGKILL)

    async def stop(self) -> None:
        if self.running:
            await self._end(signal.SIGTERM)

    async def _end(self, how: signal.Signals) -> None:
        assert self.pid is not None
        os.kill(self.pid, how)
        await wait_until(lambda: not self.running, seconds=30)


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


async def outbox_settled(database_url: str, seconds: float = 30.0) -> None:
    """Wait until no delivery is in flight: a kill during a send would rightly send it again (at least once)."""
    for _ in range(int(seconds * 10)):
        statuses = await rows_per(database_url, OutboxItem.status)
        if not statuses.keys() & {"pending", "leased"}:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the outbox did not settle in time")


async def rows_per(database_url: str, column: Any) -> dict[str, int]:
    """How many rows of ``column``'s table the store has for each value of it (``Ticket.chat``: tickets per chat)."""
    engine = create_async_engine(database_url)
    async with engine.connect() as connection:
        rows = (await connection.execute(select(column, func.count()).group_by(column))).all()
    await engine.dispose()
    return {value: count for value, count in rows}
