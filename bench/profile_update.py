"""Where one update's time goes: the real service in this process, clients' whole intakes, profiled.

    .venv/bin/python bench/profile_update.py [--clients 30] [--store sqlite|postgresql] [--tree profile.txt] [--sql]

Each update goes the whole way a client's message goes: the webhook (signature, parsing, the inbox),
the engine's step, the outbox, the Bot API (a fake one on a local port); each is delivered before the
next is posted, so nothing overlaps and every figure belongs to one update. Prints, per step of the
intake, the CPU milliseconds and the SQL statements it cost, then the hottest frames of pyinstrument's
call tree (the whole tree goes to ``--tree``). ``--sql`` lists the statements of the last client's steps.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from pydantic import SecretStr
from pyinstrument import Profiler
from rich.console import Console
from rich.table import Table
from sqlalchemy import event

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.clients import FakeBotApi, client_updates  # noqa: E402
from bench.load import DEFAULT_POSTGRES, fresh_postgres  # noqa: E402
from service.app import create_app  # noqa: E402
from service.settings import Settings  # noqa: E402
from tests.resilience.processes import INTAKE  # noqa: E402

TOKEN = "123456:bench-token"
SECRET = "bench-secret"
WARM_UP_CLIENTS = 3  # caches, compiled statements and lazily built indexes: not what an update costs


class StatementCounter:
    """Counts the statements the service sends to its stores, by their first word."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.recent: list[str] = []  # the statements since ``recent`` was last emptied, shortened

    def watch(self, engine: object) -> None:
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, conn: object, cursor: object, statement: str, *args: object) -> None:
        self.counts[statement.split(None, 1)[0].upper()] += 1
        self.recent.append(" ".join(statement.split())[:150])

    def total(self) -> int:
        return sum(self.counts.values())


async def settings_for(store: str, workdir: Path, api_base: str) -> Settings:
    url = (
        f"sqlite+aiosqlite:///{workdir / 'profile.db'}"
        if store == "sqlite"
        else await fresh_postgres(os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    )
    return Settings(
        _env_file=None,
        database_url=url,
        data_dir=workdir / "data",
        telegram_bot_token=SecretStr(TOKEN),
        telegram_webhook_secret=SecretStr(SECRET),
        telegram_api_base=api_base,
        run_dispatcher=False,  # this script drains inbox and outbox itself, one update at a time
    )


async def profile(args: argparse.Namespace, workdir: Path) -> Profiler:
    api = FakeBotApi()
    app = create_app(await settings_for(args.store, workdir, await api.start()))
    counter = StatementCounter()
    cpu: Counter[int] = Counter()
    statements: Counter[int] = Counter()
    wall: Counter[int] = Counter()
    profiler = Profiler(async_mode="enabled")
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http,
    ):
        runtime = app.state.runtime
        counter.watch(runtime.desk.db.sync_engine)
        if runtime.inbox_store is not runtime.desk.store:
            counter.watch(runtime.inbox_store.engine.sync_engine)
        first_chat = 500_000_000
        for client in range(WARM_UP_CLIENTS + args.clients):
            measured = client >= WARM_UP_CLIENTS
            if measured and client == WARM_UP_CLIENTS and args.profile:
                profiler.start()
            for step, body in enumerate(client_updates(client, first_chat)):
                counter.recent.clear()
                before_statements, before_cpu, before_wall = counter.total(), time.process_time(), time.perf_counter()
                response = await http.post("/webhooks/telegram", content=body, headers=headers)
                assert response.status_code == 200, response.text
                await runtime.drain()
                if measured:
                    cpu[step] += round((time.process_time() - before_cpu) * 1_000_000)
                    wall[step] += round((time.perf_counter() - before_wall) * 1_000_000)
                    statements[step] += counter.total() - before_statements
                if args.sql and client == WARM_UP_CLIENTS + args.clients - 1:
                    shown = "\n".join(f"  {line}" for line in counter.recent)
                    print(f"step {step + 1}:\n{shown}")
        await api.stop()
    report(args, cpu, wall, statements, counter)
    if profiler.is_running:
        profiler.stop()
    return profiler


def report(
    args: argparse.Namespace, cpu: Counter[int], wall: Counter[int], statements: Counter[int], counter: StatementCounter
) -> None:
    n = args.clients
    table = Table(title=f"One update, end to end: {n} clients × {len(INTAKE)} steps, {args.store}")
    for column in ("step", "update", "CPU, ms", "wall, ms", "SQL statements"):
        table.add_column(column, justify="left" if column in ("step", "update") else "right")
    for step, (kind, value) in enumerate(INTAKE):
        shown = json.dumps(value, ensure_ascii=False)[:32] if kind == "text" else f"button {value}"
        figures = (f"{cpu[step] / n / 1000:.1f}", f"{wall[step] / n / 1000:.1f}", f"{statements[step] / n:.1f}")
        table.add_row(str(step + 1), shown, *figures)
    updates = n * len(INTAKE)
    table.add_row(
        "",
        "mean per update",
        f"{sum(cpu.values()) / updates / 1000:.1f}",
        f"{sum(wall.values()) / updates / 1000:.1f}",
        f"{sum(statements.values()) / updates:.1f}",
    )
    Console().print(table)
    kinds = ", ".join(f"{kind} {count}" for kind, count in counter.counts.most_common())
    Console().print(f"statements by kind (warm-up included): {kinds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="without the profiler's cost")
    parser.add_argument("--tree", help="write pyinstrument's whole call tree to this file")
    parser.add_argument("--lines", type=int, default=40, help="how many of the hottest frames to print")
    parser.add_argument("--flat", choices=("self", "total"), default="self", help="frames by their own or total time")
    parser.add_argument("--sql", action="store_true", help="list the statements of the last client's steps")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        profiler = asyncio.run(profile(args, Path(scratch)))
    if not args.profile:
        return
    if args.tree:
        Path(args.tree).write_text(profiler.output_text(unicode=True, show_all=False))
    hottest = profiler.output_text(unicode=True, flat=True, flat_time=args.flat)
    Console().print("\n".join(hottest.splitlines()[: args.lines]), highlight=False)


if __name__ == "__main__":
    main()
