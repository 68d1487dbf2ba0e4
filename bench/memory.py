"""Memory benchmark: the service's resident memory as the number of conversations it has had grows.

    .venv/bin/python bench/memory.py [--conversations 10000] [--concurrency 20] [--store sqlite|postgresql]

Starts `support-bot serve` against a fake Bot API in this process; new clients, ``--concurrency`` at a
time, each write one question (a new chat, a new client, an FAQ search, the greeting) and wait for the
answer. The service's resident memory (VmRSS) is read after 100 conversations and at each checkpoint up
to ``--conversations``: nothing per chat may stay in the process, so it must stay flat.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

from aiohttp import ClientSession, TCPConnector
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.clients import FakeBotApi, update  # noqa: E402
from bench.load import (  # noqa: E402
    BIN,
    HEADERS,
    SECRET,
    SEND_RATE_HELP,
    TOKEN,
    fresh_postgres,
    serve,
    settle,
    wait_for_reply,
    wait_up,
)
from tests.resilience.processes import free_port  # noqa: E402

QUESTION = "Как настроить отчёт по проходам сотрудников?"
FIRST_CHAT = 900_000_000


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def checkpoints(total: int) -> list[int]:
    marks = [100, 1000, *range(2500, total, 2500), total]
    return sorted({mark for mark in marks if mark <= total})


async def converse(args: argparse.Namespace, webhook: str, api: FakeBotApi, pid: int) -> list[tuple[int, float, float]]:
    """(conversations so far, resident MB, seconds) at each checkpoint."""
    numbers = itertools.count()
    done = 0
    readings: list[tuple[int, float, float]] = []
    marks = checkpoints(args.conversations)
    began = time.perf_counter()

    async def client(session: ClientSession) -> None:
        nonlocal done
        while (number := next(numbers)) < args.conversations:
            chat = FIRST_CHAT + number
            body = json.dumps(update(chat, chat, "text", QUESTION), ensure_ascii=False).encode()
            async with session.post(webhook, data=body, headers=HEADERS) as response:
                await response.read()
            await wait_for_reply(api, chat, 0, time.perf_counter() + 120)
            done += 1
            if marks and done >= marks[0]:
                readings.append((marks.pop(0), rss_mb(pid), time.perf_counter() - began))

    async with ClientSession(connector=TCPConnector(limit=args.concurrency)) as session:
        await asyncio.gather(*(client(session) for _ in range(args.concurrency)))
    return readings


async def bench(args: argparse.Namespace, workdir: Path) -> list[tuple[int, float, float]]:
    api = FakeBotApi()
    port = free_port()
    url = (
        f"sqlite+aiosqlite:///{workdir / 'memory.db'}"
        if args.store == "sqlite"
        else await fresh_postgres(args.postgres_url)
    )
    env = {
        "DATABASE_URL": url,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_MESSAGES_PER_SECOND": str(args.send_rate),
        "TELEGRAM_API_BASE": await api.start(),
        "DATA_DIR": str(workdir / "data"),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
    }
    service = serve([str(BIN / "support-bot"), "serve", "--port", str(port)], env, workdir)
    try:
        await wait_up(f"http://127.0.0.1:{port}/healthz")
        readings = await converse(args, f"http://127.0.0.1:{port}/webhooks/telegram", api, service.pid)
        await settle(api)
        return readings
    finally:
        service.terminate()
        await asyncio.to_thread(service.wait, 60)  # the fake Bot API, on this loop, answers meanwhile
        await api.stop()


def report(args: argparse.Namespace, readings: list[tuple[int, float, float]]) -> None:
    table = Table(title=f"Resident memory of `serve` ({args.store}) over {args.conversations} conversations")
    for column in ("conversations", "RSS, MB", "change since 100", "elapsed, s"):
        table.add_column(column, justify="right")
    base = readings[0][1]
    for conversations, rss, seconds in readings:
        table.add_row(str(conversations), f"{rss:.1f}", f"{(rss - base) / base * 100:+.1f}%", f"{seconds:.0f}")
    Console().print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--send-rate", type=float, default=1000.0, help=SEND_RATE_HELP)
    parser.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres-url", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        readings = asyncio.run(bench(args, Path(scratch)))
    report(args, readings)


if __name__ == "__main__":
    main()
