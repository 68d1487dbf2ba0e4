"""Wake-ups across processes on PostgreSQL: a commit that made work notifies, every processing process listens.

Within one process the store's ``committed`` event wakes the outbox's loop, and the inbox's own
``arrived`` event its loop, at once. A webhook kept by one process and processed by another (a
`support-bot worker`, another replica behind the proxy) would otherwise wait for that process's next
poll, a quarter of a second on average. So a transaction that may have made work sends ``NOTIFY``
(PostgreSQL delivers it on commit, several in one transaction as one): on ``INBOX_CHANNEL`` when it kept
webhooks, on ``CHANNEL`` for anything else; each process that processes holds one connection that
``LISTEN``s on both and sets the event of each. Two channels, because a step's commit makes no work for
the inbox: waking it would cost an empty pass after every message. A lost connection is reopened;
meanwhile the poll still finds everything.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

import asyncpg
import structlog
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel.ext.asyncio.session import AsyncSession

log = structlog.get_logger(__name__)

CHANNEL = "support_work"
INBOX_CHANNEL = "support_inbox"
NOTIFY = text(f"NOTIFY {CHANNEL}")
NOTIFY_INBOX = text(f"NOTIFY {INBOX_CHANNEL}")
RECONNECT_SECONDS = 5.0


async def notify(session: AsyncSession) -> None:
    """Tell every listening process, when this transaction commits, that there may be work."""
    await session.exec(NOTIFY)  # type: ignore[call-overload]


async def listen(url: str, woken: Mapping[str, asyncio.Event], stop: asyncio.Event) -> None:
    """Set ``woken[channel]`` on every notification of that channel until ``stop``; ``url`` is the store's
    SQLAlchemy URL."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    while not stop.is_set():
        try:
            lost = await _listen_until_lost(dsn, woken, stop)
        except (OSError, asyncpg.PostgresError) as error:
            log.warning("listen_failed", error=type(error).__name__)
            lost = True
        if lost and not stop.is_set():
            await _pause(stop)


async def _listen_until_lost(dsn: str, woken: Mapping[str, asyncio.Event], stop: asyncio.Event) -> bool:
    """Listen on one connection until ``stop`` (False) or until the connection is lost (True)."""
    lost = asyncio.Event()
    connection = await asyncpg.connect(dsn)
    try:
        connection.add_termination_listener(lambda _connection: lost.set())
        for channel, event in woken.items():
            await connection.add_listener(channel, lambda *_, event=event: event.set())
            event.set()  # what was committed while no one listened
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
