"""Load benchmark: what a client feels while many others talk at once, and what the webhooks can take.

    .venv/bin/python bench/load.py [--rates 25,50,100,200] [--seconds 10] [--stores sqlite,postgresql]
                                   [--processes 1] [--workers 0] [--flat-clients 100] [--flat-rounds 5]

For each store it starts `support-bot serve` (``--processes`` of them on PostgreSQL, each also processing
the inbox and delivering the outbox unless ``--workers`` do; requests go round-robin, as the proxy
would spread them) against a fake Bot API in this process, then:
1. a lone client goes through the intake step by step: how many messages each step is answered with;
2. fixed offered rates: for ``--seconds`` at each rate, messages leave at exactly that rate, each from a
   client whose previous message has been answered (a new client starts when none is free), as people
   do. The time from a message to the first reply delivered to the Bot API: p50, p95, p99; and the CPU
   the service processes used per message (``/proc``), which decides the rate one core can take;
3. flat out: ``--flat-clients`` clients send their whole intakes as fast as the webhook acknowledges
   (acknowledged requests per second, the median of ``--flat-rounds`` rounds, each on the backlog the last
   left), and the replies are counted until the outbox is drained (updates answered per second); the same
   load then goes, ``--flat-rounds`` times in turn, to a service
   process that only acknowledges (``RUN_DISPATCHER=false``, on a store of its own: its inbox waits for a
   worker that never comes) and to a bare FastAPI endpoint that only parses the JSON (bench/bare_app.py, up
   for the whole run): the webhook's throughput, while processing and acknowledging only, as a share of the
   bare endpoint's median rate of the same minutes (one round each is 1,400 requests, a fraction of a second,
   and the machine's speed moves by a third within minutes);
then compares every client's replies with the lone client's (lost / duplicated), counts the tickets,
and reads each service process's peak RSS. Prints a table per store, with how fast the machine was before
each store's run (a pure Python loop): figures of runs on a shared machine compare only at a like speed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import ClientSession, ClientTimeout, TCPConnector
from rich.console import Console
from rich.table import Table
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.clients import FakeBotApi, client_updates  # noqa: E402
from tests.resilience.processes import INTAKE, free_port  # noqa: E402

BIN = Path(sys.executable).parent
TOKEN = "123456:bench-token"
SECRET = "bench-secret"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
REPLY_TIMEOUT = 300.0  # an overloaded service answers late, but it must answer
SEND_RATE_HELP = "the service's TELEGRAM_MESSAGES_PER_SECOND: Telegram's own 30 would measure the platform"
CHATS = itertools.count(1)  # every client of the run gets a chat of its own: 10_000_000 * n + client


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def ms(value: float) -> str:
    return f"{value * 1000:.0f}" if value == value else "—"


class Targets:
    """The service's webhook URLs, taken in turn (a proxy spreading requests over the processes)."""

    def __init__(self, urls: list[str]) -> None:
        self._turns = itertools.cycle(urls)

    def next(self) -> str:
        return next(self._turns)


@dataclass
class Client:
    """A simulated client: its chat and its intake's updates, sent one after another."""

    chat: int
    bodies: list[bytes]
    sent: int = 0

    @classmethod
    def new(cls, group: int) -> Client:
        number = next(CHATS)
        first_chat = 10_000_000 * group
        return cls(first_chat + number, client_updates(number, first_chat))

    @property
    def done(self) -> bool:
        return self.sent == len(self.bodies)


@dataclass
class Phase:
    """What one phase measured."""

    offered: float | None = None  # messages per second (None: flat out)
    replies: list[float] = field(default_factory=list)  # message → first reply, seconds
    acks: int = 0
    errors: int = 0
    unanswered: int = 0
    began: float = 0.0
    seconds: float = 0.0  # sending
    answered_in: float = 0.0  # from the first message to the last reply
    service_cpu: float = 0.0  # seconds of CPU the service processes used, from the first message to the last reply
    clients: list[Client] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return self.acks + self.errors


async def post(session: ClientSession, url: str, body: bytes, phase: Phase) -> bool:
    try:
        async with session.post(url, data=body, headers=HEADERS) as response:
            await response.read()
            ok = response.status == 200
    except Exception:
        ok = False
    phase.acks += ok
    phase.errors += not ok
    return ok


async def wait_for_reply(api: FakeBotApi, chat: int, seen: int, deadline: float) -> float | None:
    """When the chat got a message beyond the first ``seen``; None if none came in time."""
    while len(api.sent[chat]) <= seen:
        event = api.changed[chat]
        event.clear()
        try:
            await asyncio.wait_for(event.wait(), timeout=max(0.0, deadline - time.perf_counter()))
        except TimeoutError:
            return None
    return api.sent[chat][seen]


async def paced(targets: Targets, api: FakeBotApi, rate: float, seconds: float, group: int) -> Phase:
    """Messages leave at ``rate`` per second for ``seconds``; each waits for its reply before its client's next."""
    phase = Phase(offered=rate)
    ready: deque[Client] = deque()
    tasks: set[asyncio.Task[None]] = set()

    async def exchange(session: ClientSession, client: Client) -> None:
        body, seen = client.bodies[client.sent], len(api.sent[client.chat])
        client.sent += 1
        began = time.perf_counter()
        if await post(session, targets.next(), body, phase):
            replied = await wait_for_reply(api, client.chat, seen, began + REPLY_TIMEOUT)
            if replied is None:
                phase.unanswered += 1
            else:
                phase.replies.append(replied - began)
        if not client.done:
            ready.append(client)

    async with ClientSession(connector=TCPConnector(limit=0), timeout=ClientTimeout(total=REPLY_TIMEOUT)) as session:
        began = time.perf_counter()
        for tick in range(int(rate * seconds)):
            await asyncio.sleep(max(0.0, began + tick / rate - time.perf_counter()))
            client = ready.popleft() if ready else Client.new(group)
            if client.sent == 0:
                phase.clients.append(client)
            task = asyncio.create_task(exchange(session, client))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        phase.seconds = time.perf_counter() - began
        while tasks:
            await asyncio.gather(*list(tasks))
        phase.answered_in = time.perf_counter() - began
    return phase


async def flat_out(targets: Targets, clients: int, group: int) -> Phase:
    """Every client sends its whole intake as fast as the webhook acknowledges, without waiting for replies."""
    phase = Phase()
    phase.clients = [Client.new(group) for _ in range(clients)]

    async def run(session: ClientSession, client: Client) -> None:
        for body in client.bodies:
            client.sent += 1
            await post(session, targets.next(), body, phase)

    async with ClientSession(connector=TCPConnector(limit=clients), timeout=ClientTimeout(total=60)) as session:
        phase.began = time.perf_counter()
        await asyncio.gather(*(run(session, client) for client in phase.clients))
        phase.seconds = time.perf_counter() - phase.began
    return phase


async def settle(api: FakeBotApi, quiet: float = 15.0, limit: float = 600.0) -> float:
    """Wait until the service has sent nothing for ``quiet`` seconds; when it sent its last message. (Two seconds
    were too few: PostgreSQL working off a backlog of 7,000 updates paused longer, and the rest counted as lost.)"""
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        total = sum(len(v) for v in api.sent.values())
        await asyncio.sleep(quiet)
        if sum(len(v) for v in api.sent.values()) == total:
            break
    return max((times[-1] for times in api.sent.values() if times), default=began)


async def lone_client(targets: Targets, api: FakeBotApi) -> list[int]:
    """The messages a client receives after each step of the intake, going alone and unhurried."""
    client, counts = Client.new(group=1), []
    async with ClientSession() as session:
        for body in client.bodies:
            before = len(api.sent[client.chat])
            await post(session, targets.next(), body, Phase())
            await wait_for_reply(api, client.chat, before, time.perf_counter() + 60)
            await settle(api, quiet=0.5)
            counts.append(len(api.sent[client.chat]) - before)
            client.sent += 1
    return counts


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU the processes have used so far (``/proc/<pid>/stat``, fields 14 and 15)."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def wait_up(url: str, seconds: float = 90.0) -> None:
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


async def postgres_admin(base: str, statement: str) -> None:
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(statement))
    await admin.dispose()


async def fresh_postgres(base: str, name: str = "support_bench") -> str:
    """A new database ``name`` beside ``base``'s, named after this run: two runs at once must not drop each other's."""
    await postgres_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await postgres_admin(base, f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + f"/{name}"


async def store_url(store: str, name: str, args: argparse.Namespace, workdir: Path) -> str:
    if store == "sqlite":
        return f"sqlite+aiosqlite:///{workdir / name}.db"
    return await fresh_postgres(args.postgres_url, f"{name}_{os.getpid()}")


async def drop_postgres(args: argparse.Namespace, url: str) -> None:
    if not url.startswith("sqlite"):
        await postgres_admin(args.postgres_url, f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def service_env(database_url: str, api_base: str, port: int, args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_MESSAGES_PER_SECOND": str(args.send_rate),
        "TELEGRAM_API_BASE": api_base,
        "DATA_DIR": str(workdir / "data"),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
    }


def serve(command: list[str], env: dict[str, str], workdir: Path) -> subprocess.Popen[bytes]:
    """Start a server; its output goes to a log file (an undrained pipe would stall it)."""
    log = (workdir / f"{Path(command[0]).name}-{len(list(workdir.glob('*.log')))}.log").open("wb")
    return subprocess.Popen(command, cwd=workdir, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)


async def count_tickets(database_url: str) -> int:
    engine = create_async_engine(database_url)
    async with engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM ticket"))).scalar_one()
    await engine.dispose()
    return int(count)


def losses(api: FakeBotApi, phases: list[Phase], expected: list[int]) -> tuple[int, int]:
    """Messages missing and messages too many, against what the lone client got for the same steps."""
    lost = duplicated = 0
    for phase in phases:
        for client in phase.clients:
            want, got = sum(expected[: client.sent]), len(api.sent[client.chat])
            lost, duplicated = lost + max(0, want - got), duplicated + max(0, got - want)
    return lost, duplicated


async def bench_store(
    store: str, database_url: str, args: argparse.Namespace, workdir: Path, bare: Yardstick
) -> dict[str, object]:
    api = FakeBotApi()
    api_base = await api.start()
    ports = [free_port() for _ in range(args.processes)]
    env = service_env(database_url, api_base, ports[0], args, workdir)
    if args.workers:
        env["RUN_DISPATCHER"] = "false"  # the web processes only acknowledge; the workers process and deliver
    services = []
    for port in ports:  # one at a time: the first one migrates the store
        services.append(serve([str(BIN / "support-bot"), "serve", "--port", str(port)], env, workdir))
        await wait_up(f"http://127.0.0.1:{port}/healthz")
    services += [serve([str(BIN / "support-bot"), "worker"], env, workdir) for _ in range(args.workers)]
    targets = Targets([f"http://127.0.0.1:{port}/webhooks/telegram" for port in ports])
    try:
        expected = await lone_client(targets, api)
        rates = []
        pids = [service.pid for service in services]
        for group, rate in enumerate(args.rates, start=2):
            cpu_before = cpu_seconds(pids)
            rates.append(await paced(targets, api, rate, args.seconds, group))
            await settle(api)
            rates[-1].service_cpu = cpu_seconds(pids) - cpu_before
        first_group = len(args.rates) + 2
        flats = [await flat_out(targets, args.flat_clients, group=first_group + i) for i in range(args.flat_rounds)]
        answered_in = await settle(api) - flats[0].began
        lost, duplicated = losses(api, [*rates, *flats], expected)
        tickets = await count_tickets(database_url)
        rss = [peak_rss_mb(service.pid) for service in services]
    finally:
        for service in services:
            service.terminate()
            await asyncio.to_thread(service.wait, 60)  # the fake Bot API, on this loop, answers meanwhile
        await api.stop()
    finished = sum(client.done for phase in [*rates, *flats] for client in phase.clients)
    return {
        "store": store,
        "rates": rates,
        "flat": median([rate_of(flat) for flat in flats]),  # acknowledged a second, each round on the last's backlog
        "answered": sum(flat.acks for flat in flats) / answered_in,
        "errors": sum(flat.errors for flat in flats),
        **await bench_ack_only(store, args, workdir, bare),
        "rss": rss,
        "lost": lost,
        "duplicated": duplicated,
        "tickets": f"{tickets} / {finished + 1}",
    }


def rate_of(phase: Phase) -> float:
    return phase.acks / phase.seconds if phase.seconds else float("nan")


def median(values: list[float]) -> float:
    return percentile(values, 0.5)


@dataclass
class Yardstick:
    """The bare endpoint, up for the whole run: each measurement of the webhook alone is taken in turn with one of
    it, so that both see the machine at the same speed (it moved by a third within minutes here)."""

    url: str
    server: subprocess.Popen[bytes]

    @classmethod
    async def start(cls, workdir: Path) -> Yardstick:
        port = free_port()
        command = [str(BIN / "uvicorn"), "--app-dir", str(REPO / "bench"), "bare_app:app", "--port", str(port)]
        server = serve([*command, "--log-level", "warning"], {}, workdir)
        await wait_up(f"http://127.0.0.1:{port}/docs")
        return cls(f"http://127.0.0.1:{port}/webhooks/telegram", server)

    async def stop(self) -> None:
        self.server.terminate()
        await asyncio.to_thread(self.server.wait, 60)


async def bench_ack_only(store: str, args: argparse.Namespace, workdir: Path, bare: Yardstick) -> dict[str, float]:
    """Flat out against a service process that only acknowledges (nothing processes its inbox meanwhile) and
    against the bare endpoint, in turn, ``--flat-rounds`` times each: the median rate of each, requests a second."""
    api = FakeBotApi()
    port, url = free_port(), await store_url(store, "bench_ack_only", args, workdir)
    env = {**service_env(url, await api.start(), port, args, workdir), "RUN_DISPATCHER": "false"}
    server = serve([str(BIN / "support-bot"), "serve", "--port", str(port)], env, workdir)
    acknowledging, yardstick = Targets([f"http://127.0.0.1:{port}/webhooks/telegram"]), Targets([bare.url])
    ack_rates, bare_rates = [], []
    try:
        await wait_up(f"http://127.0.0.1:{port}/healthz")
        for round_ in range(args.flat_rounds):
            ack_rates.append(rate_of(await flat_out(acknowledging, args.flat_clients, group=90 + round_)))
            bare_rates.append(rate_of(await flat_out(yardstick, args.flat_clients, group=90 + round_)))
    finally:
        server.terminate()
        await asyncio.to_thread(server.wait, 60)
        await api.stop()
        await drop_postgres(args, url)
    return {"ack_only": median(ack_rates), "bare": median(bare_rates)}


def sent(phase: Phase) -> str:
    return f"{phase.sent} / {phase.unanswered} / {phase.errors}"


def cpu_per_message(phase: Phase) -> str:
    return f"{phase.service_cpu / phase.sent * 1000:.1f}" if phase.sent else "—"


def machine_speed(seconds: float = 0.5) -> int:
    """Thousands of turns a second of a pure Python loop: how fast this machine is just now. On a shared
    machine it moved by a factor of 2.4 in one evening, and the service's figures with it."""
    turns, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        turns += 1
    return round(turns / seconds / 1000)


def report(results: list[dict[str, object]], args: argparse.Namespace) -> None:
    shape = f"{args.processes} service process(es)" + (f" and {args.workers} worker(s)" if args.workers else "")
    table = Table(title=f"Load: paced {args.seconds:g} s per rate, flat out {args.flat_clients} clients × "
                  f"{len(INTAKE)} updates, {shape}, sending up to {args.send_rate:g} messages/s")  # fmt: skip
    table.add_column("measure")
    for result in results:
        table.add_column(str(result["store"]), justify="right")
    table.add_column("target")

    def add(name: str, value: object, target: str = "") -> None:
        table.add_row(name, *(value(r) if callable(value) else str(value) for r in results), target)

    for index, rate in enumerate(args.rates):

        def replies(r: dict[str, object], index: int = index) -> list[float]:
            return r["rates"][index].replies  # type: ignore[index]

        target = "< 300" if rate == 100 else ""
        add(f"{rate:g}/s: message → reply p50 / p95 / p99, ms",
            lambda r, f=replies: " / ".join(ms(percentile(f(r), q)) for q in (0.5, 0.95, 0.99)), target)  # fmt: skip
        add(f"{rate:g}/s: sent / unanswered / failed", lambda r, i=index: sent(r["rates"][i]), "— / 0 / 0")
        add(f"{rate:g}/s: service CPU per message, ms", lambda r, i=index: cpu_per_message(r["rates"][i]))
    add(f"flat out: webhook acknowledged, req/s (median of {args.flat_rounds})", lambda r: f"{r['flat']:.0f}")
    add(f"bare FastAPI endpoint, req/s (median of {args.flat_rounds})", lambda r: f"{r['bare']:.0f}")
    add("webhook throughput / bare", lambda r: f"{r['flat'] / r['bare']:.2f}", "≥ 0.7 SQLite, ≥ 0.5 PG")
    add(f"acknowledging only (RUN_DISPATCHER=false), req/s (median of {args.flat_rounds})",
        lambda r: f"{r['ack_only']:.0f}")  # fmt: skip
    add("acknowledging only / bare, rounds taken in turn", lambda r: f"{r['ack_only'] / r['bare']:.2f}")
    add("flat out: updates answered, per s", lambda r: f"{r['answered']:.0f}")
    add("failed requests (flat out)", lambda r: str(r["errors"]), "0")
    add("lost messages", lambda r: str(r["lost"]), "0")
    add("duplicated messages", lambda r: str(r["duplicated"]), "0")
    add("tickets opened / intakes finished", lambda r: str(r["tickets"]), "equal")
    add("service peak RSS, MB", lambda r: " / ".join(f"{rss:.0f}" for rss in r["rss"]))
    add("machine: pure Python loop before the store's run, thousand turns/s", lambda r: str(r["speed"]))
    Console(width=150).print(table)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", default="25,50,100,200", help="offered messages per second, one phase each")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each offered rate lasts")
    parser.add_argument("--flat-clients", type=int, default=100)
    parser.add_argument("--flat-rounds", type=int, default=5, help="rounds of acknowledging only, and of the bare")
    parser.add_argument("--send-rate", type=float, default=1000.0, help=SEND_RATE_HELP)
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--processes", type=int, default=1, help="service processes (PostgreSQL only; SQLite runs one)")
    parser.add_argument("--workers", type=int, default=0, help="`support-bot worker` processes (PostgreSQL)")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    args = parser.parse_args()
    args.rates = [float(rate) for rate in args.rates.split(",") if rate]
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        bare = await Yardstick.start(workdir)
        try:
            for store in args.stores.split(","):
                if store == "sqlite" and (args.processes > 1 or args.workers):
                    raise SystemExit("SQLite is served by one process: --processes and --workers are for PostgreSQL")
                url = await store_url(store, "bench", args, workdir)
                speed = machine_speed()
                try:
                    results.append({**await bench_store(store, url, args, workdir, bare), "speed": speed})
                finally:
                    await drop_postgres(args, url)
        finally:
            await bare.stop()
    report(results, args)


if __name__ == "__main__":
    asyncio.run(main())
