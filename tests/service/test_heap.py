"""`support-bot serve` takes what startup built out of the cycle collector's way (issue 17): a collection of
the oldest generation no longer walks the 300,000 objects that live as long as the process, a stall of
about 200 ms that every message in flight waited for."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest
from typer.testing import CliRunner

from service import cli as cli_module
from service.cli import app as cli
from service.settings import Settings


def test_serve_freezes_the_heap_once_the_service_is_up(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[int] = []

    def run(app: Any, **_: Any) -> None:  # uvicorn's place: start the app, look, stop it
        async def start_and_stop() -> None:
            async with app.router.lifespan_context(app):
                frozen.append(gc.get_freeze_count())
                assert app.state.runtime.faq.search("как установить бастион") is not None  # up: the FAQ is loaded

        asyncio.run(start_and_stop())

    monkeypatch.setattr(cli_module, "configure_logging", lambda *args, **kwargs: None)  # keep the run's log
    monkeypatch.setattr(cli_module.uvicorn, "run", run)
    env = {"DATABASE_URL": settings.database_url, "DATA_DIR": str(settings.data_dir), "RUN_DISPATCHER": "false"}
    try:
        served = CliRunner().invoke(cli, ["serve"], env=env)
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual
    assert served.exit_code == 0, served.output
    assert frozen and frozen[0] > 100_000, frozen
