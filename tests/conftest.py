"""Fixtures: a store on SQLite always, and on PostgreSQL when TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from service.runtime import Runtime
from service.settings import Settings
from tests.fakes import CollectingSender, FakeClock

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
STORES = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


async def reset_postgres(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(params=STORES)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store of each kind."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'support.db'}"
    assert POSTGRES_URL is not None
    await reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        data_dir=tmp_path / "data",
        admin_api_token="test-admin-token",  # type: ignore[arg-type]
        run_dispatcher=False,
    )


@pytest.fixture
async def runtime(settings: Settings, clock: FakeClock) -> AsyncIterator[Runtime]:
    runtime = await Runtime.start(settings, clock=clock)
    yield runtime
    await runtime.close()


@pytest.fixture
def console(runtime: Runtime) -> CollectingSender:
    sender = CollectingSender()
    runtime.senders["console"] = sender
    return sender
