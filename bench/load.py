"""Load benchmark: simulated Telegram clients complete whole intakes against a running service.

    .venv/bin/python bench/load.py [--clients 200] [--rate 200] [--stores sqlite,postgresql]

For each store it starts `support-bot serve` against a local fake Bot API (this process), then:
1. paced: the clients send their intakes at --rate requests/s in all, each waiting for the bot's
   reply before its next message, as people do: acknowledgement latency, reply latency;
2. flat out: the clients send as fast as the service acknowledges, then the same load goes to a
   bare FastAPI endpoint that only parses the JSON (bench/bare_app.py): our throughput as a ratio;
then counts every client's replies against a lone client's (lost / duplicated), the tickets opened,
and the service's peak RSS. Prints a table per store.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import ClientSession, ClientTimeout, TCPConnector, web
from rich.console import Console
from rich.table import Table
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.resilience.processes import INTAKE, free_port  # noqa: E402  the fault tests' client script

BIN = Path(sys.executable).parent
TOKEN = "123456:bench-token"
SECRET = "bench-secret"
ADMIN = "bench-admin"
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
REPLY_TIMEOUT = 60.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


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


@dataclass
class Run:
    acks: list[float] = field(default_factory=list)
    replies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.acks) + self.errors


class Pacer:
    """Spreads requests evenly at ``rate`` per second across all clients (None: flat out)."""

    def __init__(self, rate: float | None) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self.next = time.perf_counter()

    async def wait(self) -> None:
        if not self.interval:
            return
        now = time.perf_counter()
        slot, self.next = max(self.next, now), max(self.next, now) + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


async def drive(url: str, clients: int, first_chat: int, *, rate: float | None, api: FakeBotApi | None) -> Run:
    """Every client sends its intake in order; with ``api``, each waits for the reply to the last message."""
    run = Run()
    pacer = Pacer(rate)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}

    async def client(session: ClientSession, number: int) -> None:
        chat = first_chat + number
        for body in client_updates(number, first_chat):
            await pacer.wait()
            seen = len(api.sent[chat]) if api else 0
            start = time.perf_counter()
            try:
                async with session.post(url, data=body, headers=headers) as response:
                    await response.read()
                    ok = response.status == 200
            except Exception:
                ok = False
            acked = time.perf_counter()
            if not ok:
                run.errors += 1
                continue
            run.acks.append(acked - start)
            if api is not None:
                await wait_for_reply(api, chat, seen)
                run.replies.append(time.perf_counter() - start)

    began = time.perf_counter()
    connector = TCPConnector(limit=clients)
    async with ClientSession(connector=connector, timeout=ClientTimeout(total=REPLY_TIMEOUT)) as session:
        await asyncio.gather(*(client(session, n) for n in range(clients)))
    run.seconds = time.perf_counter() - began
    return run


async def wait_for_reply(api: FakeBotApi, chat: int, seen: int) -> None:
    deadline = time.perf_counter() + REPLY_TIMEOUT
    while len(api.sent[chat]) <= seen and time.perf_counter() < deadline:
        event = api.changed[chat]
        event.clear()
        try:
            await asyncio.wait_for(event.wait(), timeout=max(0.0, deadline - time.perf_counter()))
        except TimeoutError:
            return


async def settle(api: FakeBotApi, quiet: float = 2.0, limit: float = 120.0) -> None:
    """Wait until the service has sent nothing for ``quiet`` seconds: the outbox is drained."""
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        total = sum(len(v) for v in api.sent.values())
        await asyncio.sleep(quiet)
        if sum(len(v) for v in api.sent.values()) == total:
            return


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def wait_up(url: str, seconds: float = 60.0) -> None:
    async with ClientSession() as session:
        for _ in range(int(seconds * 10)):
            try:
                async with session.get(url) as response:
                    if response.status < 500:
                        return
            except OSError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


async def fresh_postgres(base: str) -> str:
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text('DROP DATABASE IF EXISTS "support_bench" WITH (FORCE)'))
        await connection.execute(text('CREATE DATABASE "support_bench"'))
    await admin.dispose()
    return base.rsplit("/", 1)[0] + "/support_bench"


def serve(command: list[str], env: dict[str, str], workdir: Path) -> subprocess.Popen[bytes]:
    """Start a server; its output goes to a log file (an undrained pipe would stall it)."""
    log = (workdir / f"{Path(command[0]).name}-{len(list(workdir.glob('*.log')))}.log").open("wb")
    return subprocess.Popen(command, cwd=workdir, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)


async def count_tickets(base: str) -> int:
    async with ClientSession(headers={"Authorization": f"Bearer {ADMIN}"}) as session:
        async with session.get(f"{base}/api/tickets?limit=500") as response:
            return len(await response.json())


async def bench_store(store: str, database_url: str, args: argparse.Namespace, workdir: Path) -> dict[str, object]:
    api = FakeBotApi()
    api_base = await api.start()
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_BASE": api_base,
        "ADMIN_API_TOKEN": ADMIN,
        "DATA_DIR": str(workdir / "data"),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "RUN_DISPATCHER": "false" if args.workers else "true",
    }
    service = serve([str(BIN / "support-bot"), "serve", "--port", str(port)], env, workdir)
    workers = [serve([str(BIN / "support-bot"), "worker"], env, workdir) for _ in range(args.workers)]
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_up(f"{base}/healthz")
        webhook = f"{base}/webhooks/telegram"
        lone = await drive(webhook, 1, 100_000_000, rate=None, api=api)
        await settle(api)
        expected = len(api.sent[100_000_000])
        paced = await drive(webhook, args.clients, 200_000_000, rate=args.rate, api=api)
        flat = await drive(webhook, args.clients, 300_000_000, rate=None, api=None)
        await settle(api)
        counts = [len(api.sent[c]) for first in (200_000_000, 300_000_000) for c in range(first, first + args.clients)]
        tickets = await count_tickets(base)
        rss = peak_rss_mb(service.pid)
    finally:
        for process in (service, *workers):
            process.terminate()
            process.wait(timeout=30)
        await api.stop()
    return {
        "store": store,
        "paced": paced,
        "flat": flat,
        "lone": lone,
        "expected": expected,
        "rss": rss,
        "lost": sum(max(0, expected - c) for c in counts),
        "duplicated": sum(max(0, c - expected) for c in counts),
        "tickets": tickets,
        "clients": 2 * args.clients + 1,
    }


async def bench_bare(args: argparse.Namespace, workdir: Path) -> Run:
    port = free_port()
    command = [
        str(BIN / "uvicorn"),
        "--app-dir",
        str(REPO / "bench"),
        "bare_app:app",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    bare = serve(command, {}, workdir)
    try:
        await wait_up(f"http://127.0.0.1:{port}/docs")
        return await drive(f"http://127.0.0.1:{port}/webhooks/telegram", args.clients, 400_000_000, rate=None, api=None)
    finally:
        bare.terminate()
        bare.wait(timeout=30)


def report(results: list[dict[str, object]], bare: Run, args: argparse.Namespace) -> None:
    console = Console()
    bare_rps = bare.requests / bare.seconds
    shape = f"{args.workers} worker process(es)" if args.workers else "one process"
    table = Table(title=f"Load: {args.clients} clients × {len(INTAKE)} updates, paced at {args.rate}/s, {shape}")
    table.add_column("measure")
    for result in results:
        table.add_column(str(result["store"]), justify="right")
    table.add_column("target")
    rows = [
        ("throughput flat out, req/s", lambda r: f"{r['flat'].requests / r['flat'].seconds:.0f}", ""),
        ("bare FastAPI endpoint, req/s", lambda r: f"{bare_rps:.0f}", ""),
        ("throughput ratio", lambda r: f"{r['flat'].requests / r['flat'].seconds / bare_rps:.2f}", "≥ 0.5"),
        ("paced: achieved req/s", lambda r: f"{r['paced'].requests / r['paced'].seconds:.0f}", ""),
        ("paced: ack p50, ms", lambda r: f"{percentile(r['paced'].acks, 0.5) * 1000:.1f}", ""),
        ("paced: ack p99, ms", lambda r: f"{percentile(r['paced'].acks, 0.99) * 1000:.1f}", "< 100"),
        ("flat out: ack p99, ms", lambda r: f"{percentile(r['flat'].acks, 0.99) * 1000:.1f}", ""),
        ("inbound → reply delivered p50, ms", lambda r: f"{percentile(r['paced'].replies, 0.5) * 1000:.1f}", ""),
        ("inbound → reply delivered p99, ms", lambda r: f"{percentile(r['paced'].replies, 0.99) * 1000:.1f}", ""),
        ("failed requests", lambda r: str(r["paced"].errors + r["flat"].errors), "0"),
        ("lost messages", lambda r: str(r["lost"]), "0"),
        ("duplicated messages", lambda r: str(r["duplicated"]), "0"),
        ("tickets opened / clients", lambda r: f"{r['tickets']} / {r['clients']}", "equal"),
        ("service peak RSS, MB", lambda r: f"{r['rss']:.0f}", "< 250"),
    ]
    for name, value, target in rows:
        table.add_row(name, *(value(r) for r in results), target)
    console.print(table)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=0, help="separate `support-bot worker` processes (PostgreSQL)")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        for store in args.stores.split(","):
            url = (
                f"sqlite+aiosqlite:///{workdir / 'bench.db'}"
                if store == "sqlite"
                else await fresh_postgres(args.postgres_url)
            )
            results.append(await bench_store(store, url, args, workdir))
        bare = await bench_bare(args, workdir)
    report(results, bare, args)


if __name__ == "__main__":
    asyncio.run(main())
