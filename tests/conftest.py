"""Fixtures: a store on SQLite always, and on PostgreSQL when TEST_POSTGRES_URL is set."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TextIO

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from service.logs import configure_logging
from service.runtime import Runtime
from service.settings import Settings
from tests.fakes import CollectingSender, FakeClock

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
STORES = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])

# A phone or an e-mail in the run's log, found independently of core.pii: 10 to 16 digits with at most
# two of " ()-" between them (longer bare runs are message tokens and signatures, not phones), and
# anything around an "@" with a dot after it.
PHONE_IN_LOG = re.compile(r"(?<!\d)\d(?:[ ()\-]{0,2}\d){9,15}(?![ ()\-]{0,2}\d)")
EMAIL_IN_LOG = re.compile(r"[\w.+\-]+@[\w\-]+\.\w")


@pytest.fixture(scope="session", autouse=True)
def run_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TextIO]:
    """Every record of the test run, as the service writes it; at the end it must hold no personal data."""
    path = tmp_path_factory.mktemp("logs") / "run.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        configure_logging(logging.INFO, stream=stream)
        yield stream
        configure_logging(logging.WARNING, stream=sys.__stderr__)
    lines = path.read_text(encoding="utf-8").splitlines()
    leaks = [line for line in lines if PHONE_IN_LOG.search(line) or EMAIL_IN_LOG.search(line)]
    assert not leaks, f"personal data in the log ({path}): {leaks[:3]}"


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
