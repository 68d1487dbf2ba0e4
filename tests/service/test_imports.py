"""aiogram (about 165 MB resident: pydantic models of every Telegram type) is imported only by a process with
Telegram on. Each case starts a fresh interpreter, since this one has imported it long ago."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from service.channels import registry

ROOT = Path(__file__).resolve().parents[2]

START = """
import asyncio, json, sys
from pathlib import Path

import service.cli
from service.app import create_app
from service.settings import Settings

async def main():
    data = Path(sys.argv[1])
    settings = Settings(
        _env_file=None, database_url=f"sqlite+aiosqlite:///{data / 'support.db'}", data_dir=data, run_dispatcher=False
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        return sorted(app.state.runtime.channels)

started = asyncio.run(main())
print(json.dumps({"aiogram": "aiogram" in sys.modules, "channels": started}))
"""


def start_service(tmp_path: Path, **environment: str) -> dict[str, object]:
    """Import the web app and the CLI, start the app and stop it; what was imported and started."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env |= {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'support.db'}", **environment}
    finished = subprocess.run(
        [sys.executable, "-c", START, str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 0, finished.stderr
    result: dict[str, object] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def test_a_service_without_telegram_does_not_import_aiogram(tmp_path: Path) -> None:
    assert start_service(tmp_path) == {"aiogram": False, "channels": []}


def test_a_service_with_telegram_imports_it(tmp_path: Path) -> None:
    # nothing listens on port 9: registering the webhook fails, is logged, and the service runs on
    result = start_service(
        tmp_path,
        TELEGRAM_BOT_TOKEN="123:test",
        TELEGRAM_WEBHOOK_SECRET="a-webhook-secret-for-the-test",
        TELEGRAM_API_BASE="http://127.0.0.1:9",
    )
    assert result == {"aiogram": True, "channels": ["telegram"]}


def test_the_deferred_telegram_entry_names_what_its_adapter_does() -> None:
    (entry,) = [entry for entry in registry.CHANNELS if isinstance(entry.declared, registry.Deferred)]
    adapter = entry.adapter
    assert (entry.name, entry.webhook) == (adapter.name, adapter.webhook)  # type: ignore[attr-defined]
