"""What each library costs a process: import time and resident memory, and the service's whole shapes.

    .venv/bin/python bench/imports.py [--repeat 3]

Each library is imported the way the project uses it (pymorphy3 with its analyser built, navec with
the FAQ's vectors loaded by ``faq.embeddings.load_vectors``) in a fresh interpreter, which reads its
own VmRSS from /proc/self/status before and after; a row counts whatever the library imports in turn
(pydantic is in aiogram's row, and in sqlmodel's and fastapi's). The process shapes build the service
(``create_app``, its lifespan started) with no messenger token and with TELEGRAM_BOT_TOKEN set (the Bot
API pointed at a closed local port: registering the webhook fails and is logged); their time is from
the first import to the started service. Each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent

# Run by a fresh interpreter: argv[1] is the code measured.
PROBE = """
import json, sys, time

def resident():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))

before = resident()
started = time.perf_counter()
exec(compile(sys.argv[1], "<measured>", "exec"))
print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "before": before, "after": resident()}))
"""

LIBRARIES = {
    "aiogram": "from aiogram import Bot, Dispatcher, Router\nimport aiogram.types",
    "sqlalchemy + sqlmodel": "import sqlalchemy.ext.asyncio, sqlmodel, sqlmodel.ext.asyncio.session, aiosqlite",
    "fastapi + uvicorn": "import fastapi, uvicorn",
    "pymorphy3 + MorphAnalyzer()": "import pymorphy3\npymorphy3.MorphAnalyzer()",
    "navec + the FAQ's vectors": "from faq.embeddings import load_vectors\nload_vectors()",
    "numpy (part of the row above)": "import numpy",
    "natasha (the service never imports it)": "import natasha",
    "twilio": "from twilio.request_validator import RequestValidator",
    "viberbot": "from viberbot.api import messages\nimport viberbot.api.viber_requests",
    "prometheus_client": "import prometheus_client, prometheus_client.core",
    "jinja2": "import jinja2",
    "holidays (+ RU calendar)": "import holidays\nholidays.country_holidays('RU', years=2026)",
    "phonenumbers": "import phonenumbers\nphonenumbers.parse('+7 912 345-67-89', 'RU')",
    "argon2": "from argon2 import PasswordHasher",
}

SERVICE = """
import asyncio, sys
from pathlib import Path

from service.app import create_app
from service.settings import Settings

async def serve():
    data = Path(sys.argv[2])
    settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{data / 'support.db'}", data_dir=data)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        global after
        after = resident()  # overrides the probe's reading: taken while the service runs
        assert ("aiogram" in sys.modules) == settings.telegram_enabled

asyncio.run(serve())
"""
SERVICE_PROBE = PROBE.replace('"after": resident()', '"after": after')

TELEGRAM = {
    "TELEGRAM_BOT_TOKEN": "123:bench",
    "TELEGRAM_WEBHOOK_SECRET": "a-webhook-secret-for-the-bench",
    "TELEGRAM_API_BASE": "http://127.0.0.1:9",  # nothing listens there
}
SHAPES = {"service, no messenger token": {}, "service, Telegram on": TELEGRAM}


@dataclass(frozen=True)
class Cost:
    ms: float
    added_mb: float
    resident_mb: float


def run(probe: str, code: str, environment: dict[str, str], *arguments: str) -> dict[str, float]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env |= {"PYTHONPATH": str(REPO), **environment}
    finished = subprocess.run(
        [sys.executable, "-c", probe, code, *arguments], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise RuntimeError(finished.stderr.strip().splitlines()[-1])
    result: dict[str, float] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def measure(probe: str, code: str, repeat: int, environment: dict[str, str] | None = None) -> Cost:
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as data:
            runs.append(run(probe, code, environment or {}, data))
    return Cost(
        ms=statistics.median(r["ms"] for r in runs),
        added_mb=statistics.median((r["after"] - r["before"]) / 2**20 for r in runs),
        resident_mb=statistics.median(r["after"] / 2**20 for r in runs),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure; the median is shown")
    args = parser.parse_args()
    console = Console(width=120)

    table = Table(title=f"What each library costs (fresh interpreter, median of {args.repeat})")
    table.add_column("library / process")
    table.add_column("import ms", justify="right")
    table.add_column("resident MB added", justify="right")
    table.add_column("resident MB", justify="right")
    bare = measure(PROBE, "pass", args.repeat)
    table.add_row("python alone", "", "", f"{bare.resident_mb:.0f}")
    for name, code in LIBRARIES.items():
        try:
            cost = measure(PROBE, code, args.repeat)
        except RuntimeError as error:
            table.add_row(name, f"[red]fails: {error}[/red]", "", "")
            continue
        table.add_row(name, f"{cost.ms:.0f}", f"{cost.added_mb:.1f}", f"{cost.resident_mb:.0f}")
    table.add_section()
    for name, environment in SHAPES.items():
        cost = measure(SERVICE_PROBE, SERVICE, args.repeat, environment)
        table.add_row(f"{name} (started)", f"{cost.ms:.0f}", f"{cost.added_mb:.1f}", f"{cost.resident_mb:.0f}")
    console.print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
