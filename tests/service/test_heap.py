"""`support-bot serve` takes what startup built out of the cycle collector's way (issue 17): a collection of
the oldest generation no longer walks the 300,000 objects that live as long as the process, a stall of
about 200 ms that every message in flight waited for; and an index an edit of the FAQ replaced is freed all the
same."""

from __future__ import annotations

import asyncio
import gc
import shutil
import weakref
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from faq.retriever import ReloadingFaq, default_entries_dir
from service import cli as cli_module
from service.cli import app as cli
from service.heap import freeze_startup_heap, release_replaced
from service.settings import Settings
from tests.faq.test_reloading import NEW_ENTRY, eventually


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


def test_the_faq_index_an_edit_replaced_is_freed_though_the_heap_is_frozen(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(default_entries_dir(), entries)
    faq = ReloadingFaq(entries, replaced=release_replaced)
    faq.CHECK_INTERVAL = 0
    previous = weakref.ref(faq._index)  # the service's index while the heap is frozen
    freeze_startup_heap()
    try:
        with (entries / "general.yaml").open("a", encoding="utf-8") as file:
            file.write(NEW_ENTRY)
        assert eventually(lambda: faq.search("есть ли парковка у офиса").answered)
        # nothing frozen keeps it, and the heap is frozen again
        assert eventually(lambda: previous() is None and gc.get_freeze_count() > 0)
    finally:
        gc.unfreeze()
