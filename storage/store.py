"""A store's unit of work: one engine, its sessions, and transactions that commit as a whole."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import for_writing, is_sqlite, session_factory
from storage.notify import notify


class Store:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions = session_factory(engine)  # for reading; writes go through ``transaction``
        self._writing_engine = for_writing(engine)
        self._writing = session_factory(self._writing_engine)
        # SQLite has one writer: serialize this process's transactions instead of failing on locks.
        self._write_lock = asyncio.Lock() if is_sqlite(str(engine.url)) else None
        self.committed = asyncio.Event()  # set after a commit that may have made work: wakes who waits for it
        self._analyzed: dict[str, float] = {}  # table → when this process last refreshed its statistics (monotonic)

    @property
    def shared_by_processes(self) -> bool:
        """Several processes may work on this store at once (PostgreSQL): claim with SKIP LOCKED."""
        return self._write_lock is None

    @contextlib.asynccontextmanager
    async def transaction(self, *, quiet: bool = False) -> AsyncIterator[AsyncSession]:
        """One unit of work: committed when the block ends, rolled back on any error.

        ``quiet``: the commit makes no work for anyone (a queue's own bookkeeping), so it does not wake
        the queues' loops; otherwise an empty pass would wake its own loop for ever.
        """
        async with self._write_lock or contextlib.nullcontext(), self._writing() as session, session.begin():
            yield session
            if not quiet and self.shared_by_processes:
                await notify(session)  # the other processes hear it on commit (``storage.notify``)
        if not quiet:
            self.committed.set()

    @contextlib.asynccontextmanager
    async def statements(self) -> AsyncIterator[AsyncConnection]:
        """A transaction of Core statements alone, on a connection: no ORM session is built and closed around
        them (about 0.4 ms of CPU a transaction, which the inbox would pay for every webhook kept and every
        message processed). It wakes no one: its user says who has work (``Inbox.arrived``)."""
        async with self._write_lock or contextlib.nullcontext(), self._writing_engine.begin() as connection:
            yield connection

    async def refresh_statistics(self, table: str, *, every: float = 30.0) -> bool:
        """PostgreSQL's statistics of ``table`` gathered anew (``ANALYZE``), at most once in ``every`` seconds
        by this process; whether they were. SQLite plans without statistics: nothing to do.

        For a statement that has just been slow: planned on statistics from before the table changed. A queue's
        table analysed while it held no backlog tells the planner that unfinished items are all but absent, and
        its heads statement then compares every item with every other (seconds a pass, where it takes
        milliseconds); autovacuum would take a minute or more to come round.
        """
        now = time.monotonic()
        if not self.shared_by_processes or now - self._analyzed.get(table, -every) < every:
            return False
        self._analyzed[table] = now
        async with self._writing_engine.begin() as connection:
            await connection.execute(text(f'ANALYZE "{table}"'))
        return True
