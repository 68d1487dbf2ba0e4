"""Wake-ups across processes on PostgreSQL: a commit that made work notifies, every processing process listens.

Within one process the store's ``committed`` event wakes the inbox and the outbox loops at once. A
webhook kept by one process and processed by another (a `support-bot worker`, another replica behind
the proxy) would otherwise wait for that process's next poll, a quarter of a second on average. So a
transaction that may have made work sends ``NOTIFY`` (PostgreSQL delivers it on commit, several in one
transaction as one), and each process that processes holds one connection that ``LISTEN``s and sets
its ``committed`` event. A lost connection is reopened; meanwhile the poll still finds everything.
"""

from __future__ import annotations

import asyncio

import asyncpg
import structlog
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel.ext.asyncio.session import AsyncSession

log = structlog.get_logger(__name__)

CHANNEL = "support_work"
NOTIFY = text(f"NOTIFY {CHANNEL}")
RECONNECT_SECONDS = 5.0


async def notify(session: AsyncSession) -> None:
    """Tell every listening process, when this transaction commits, that there may be work."""
    await session.exec(NOTIFY)  # type: ignore[call-overload]


async def listen(url: str, woken: asyncio.Event, stop: asyncio.Event) -> None:
    """Set ``woken`` on every notification until ``stop``; ``url`` is the store's SQLAlchemy URL."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    while not stop.is_set():
        try:
            lost = await _listen_until_lost(dsn, woken, stop)
        except (OSError, asyncpg.PostgresError) as error:
            log.warning("listen_failed", error=type(error).__name__)
            lost = True
        if lost and not stop.is_set():
            await _pause(stop)


async def _listen_until_lost(dsn: str, woken: asyncio.Event, stop: asyncio.Event) -> bool:
    """Listen on one connection until ``stop`` (False) or until the connection is lost (True)."""
    lost = asyncio.Event()
    connection = await asyncpg.connect(dsn)
    try:
        connection.add_termination_listener(lambda _connection: lost.set())
        await connection.add_listener(CHANNEL, lambda *_: woken.set())
        woken.set()  # what was committed while no one listened
        await _first(stop, lost)
    finally:
        await connection.close()
    return lost.is_set()


async def _pause(stop: asyncio.Event) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=RECONNECT_SECONDS)
    except TimeoutError:
        pass


async def _first(*events: asyncio.Event) -> None:
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
