"""Engines and sessions for SQLite (aiosqlite) and PostgreSQL (asyncpg)."""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite
from sqlalchemy import event
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_
from sqlmodel.ext.asyncio.session import AsyncSession

# what one statement leaves: the description, the rows, the row count, the last row id, and whether a
# transaction is open after it
Outcome = tuple[Any, list[Any], int, int | None, bool]


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def inbox_url(url: str) -> str:
    """The SQLite file of the webhook inbox, beside the main one: ``support.db`` → ``support-inbox.db``."""
    parsed = make_url(url)
    path = Path(parsed.database or "support.db")
    return parsed.set(database=str(path.with_name(f"{path.stem}-inbox{path.suffix}"))).render_as_string(False)


def _run_statement(connection: sqlite3.Connection, many: bool, operation: str, parameters: Any) -> Outcome:
    """In aiosqlite's thread: one statement on a cursor of its own, its rows fetched, the cursor closed."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        else:
            cursor.execute(operation, () if parameters is None else parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, rows, cursor.rowcount, cursor.lastrowid, connection.in_transaction
    finally:
        cursor.close()


class _OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A statement, its rows and the cursor's close in one trip to aiosqlite's thread.

    SQLAlchemy's adapter makes four: it opens an aiosqlite cursor, executes, fetches and closes, each a
    hand-over to the thread and a wake-up of the event loop (about 55 µs of CPU). A client's message
    took about a hundred of them, a third of its processing's CPU on SQLite.
    """

    __slots__ = ("_description", "_rowcount", "_lastrowid")
    _awaitable_cursor_close = False  # nothing is left open in the thread

    def __init__(self, adapt_connection: _OneTripConnection) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid  # type: ignore[return-value]

    def execute(self, operation: Any, parameters: Any = None) -> None:
        self._run(False, operation, parameters)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> None:
        self._run(True, operation, seq_of_parameters)

    def _run(self, many: bool, operation: Any, parameters: Any) -> None:
        connection = self._adapt_connection
        try:
            outcome = await_(
                self._connection._execute(_run_statement, self._connection._conn, many, operation, parameters)
            )
        except Exception as error:
            connection.in_transaction = True  # unknown after a failure: the next rollback is sent
            connection._handle_exception(error)
        self._description, rows, self._rowcount, self._lastrowid, connection.in_transaction = outcome
        self._rows = collections.deque(rows)


class _OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """aiosqlite's connection with ``_OneTripCursor``; a rollback with no transaction open costs no trip.

    The pool rolls back every connection it takes back, though a committed one has nothing to undo.
    ``in_transaction`` is the driver's own flag as the last statement left it.
    """

    __slots__ = ("in_transaction",)
    _cursor_cls = _OneTripCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self.in_transaction = False

    def commit(self) -> None:
        super().commit()
        self.in_transaction = False

    def rollback(self) -> None:
        if self.in_transaction:
            super().rollback()
            self.in_transaction = False


class _OneTripDbapi(AsyncAdapt_aiosqlite_dbapi):
    """SQLAlchemy's aiosqlite adapter, with connections of ``_OneTripConnection``."""

    def connect(self, *arg: Any, **kw: Any) -> _OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return _OneTripConnection(self, adapted._connection)


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
        engine = create_async_engine(
            url, module=_OneTripDbapi(aiosqlite, sqlite3), connect_args={"timeout": 30}, hide_parameters=True
        )

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
