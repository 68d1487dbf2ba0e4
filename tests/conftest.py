"""Fixtures: a store on SQLite always, and on PostgreSQL when TEST_POSTGRES_URL is set."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
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


async def _admin(url: str, statement: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(statement))
    await engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    """A database of this test run's own on the server, so parallel runs never share tables."""
    if POSTGRES_URL is None:
        yield None
        return
    name = f"support_test_{os.getpid()}"
    asyncio.run(_admin(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}"'))
    asyncio.run(_admin(POSTGRES_URL, f'CREATE DATABASE "{name}"'))
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    asyncio.run(_admin(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=STORES)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path, postgres_url: str | None) -> str:
    """An empty store of each kind."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'support.db'}"
    assert postgres_url is not None
    await reset_postgres(postgres_url)
    return postgres_url


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
