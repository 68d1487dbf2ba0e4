"""Engines and sessions for SQLite (aiosqlite) and PostgreSQL (asyncpg)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def inbox_url(url: str) -> str:
    """The SQLite file of the webhook inbox, beside the main one: ``support.db`` → ``support-inbox.db``."""
    parsed = make_url(url)
    path = Path(parsed.database or "support.db")
    return parsed.set(database=str(path.with_name(f"{path.stem}-inbox{path.suffix}"))).render_as_string(False)


def create_engine(url: str) -> AsyncEngine:
    """An engine for ``url``; SQLite gets its directory created, WAL, a busy timeout and real transactions.

    By default Python's sqlite3 starts a transaction only before INSERT, UPDATE or DELETE, and not
    before a SAVEPOINT: SQLite then opens the transaction with the savepoint and commits it with its
    RELEASE, so whatever a ``begin_nested()`` wrote first (a claimed platform id) was committed on its
    own and survived the failure of the rest. As SQLAlchemy's SQLite documentation recommends, the
    driver's transaction handling is switched off and every transaction starts with our own BEGIN:
    all of it commits at the end, or none of it.
    """
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable across crashes of the process
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()
            dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own

        @event.listens_for(engine.sync_engine, "begin")
        def _begin(connection) -> None:  # type: ignore[no-untyped-def]
            # DEFERRED takes the write lock at the first write; IMMEDIATE (see for_writing) at once
            connection.exec_driver_sql(f"BEGIN {connection.get_execution_options().get('sqlite_begin', 'DEFERRED')}")

        return engine
    # the pool holds what the inbox, the dispatcher and the webhooks use at once: no connection churn.
    # No ping before each checkout (a round trip per transaction, a third of a short one's CPU): after a
    # restart of PostgreSQL the first statement on a dead connection fails, SQLAlchemy then drops every
    # pooled connection, and what failed is retried like any other failure of the store.
    # hide_parameters: errors and logs show the SQL, never the values bound to it (phones, names)
    return create_async_engine(url, pool_size=40, max_overflow=20, pool_recycle=3600, hide_parameters=True)


def for_writing(engine: AsyncEngine) -> AsyncEngine:
    """The same engine (one pool), whose SQLite transactions take the file's write lock as they begin.

    A deferred transaction that reads first and writes later fails at once with "database is locked"
    (the busy timeout does not apply) when another process committed in between; ``BEGIN IMMEDIATE``
    waits for the lock up front instead. This process's writers take turns anyway (the store's lock),
    so it costs them nothing, while reads keep the deferred BEGIN and never wait for a writer.
    PostgreSQL ignores the option.
    """
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
