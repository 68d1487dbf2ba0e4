"""Stored webhook requests waiting to be processed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import InboxItem, ProcessedUpdate

TABLE = InboxItem.__table__  # type: ignore[attr-defined]
_DONE = (  # built once, on the table: the ORM's UPDATE and a new cache key each pass cost more than running it
    update(TABLE)
    .where(TABLE.c.id.in_(bindparam("ids", expanding=True)))
    .values(status="done", body={}, last_error=None, attempts=TABLE.c.attempts + 1)
)
_FAILED = update(TABLE).where(TABLE.c.id == bindparam("item_id"))


async def insert_new(*, connection: AsyncConnection, rows: list[dict[str, Any]], now: datetime) -> set[str]:
    """Insert the rows whose key is new, in one statement; the keys actually inserted.

    The rows go as parameters of one cached statement (SQLAlchemy sends them as a single multi-row
    INSERT): a statement built with the rows as its VALUES would be compiled anew for every batch size,
    which cost three times the CPU of the insert itself. It is a Core insert into the table, not into
    the model: the ORM's bulk insert would go over every row's attributes again first, for nothing.
    """
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(TABLE).on_conflict_do_nothing(index_elements=["key"]).returning(TABLE.c.key)
    result = await connection.execute(statement, [{**row, "created_at": now, "next_attempt_at": now} for row in rows])
    return set(result.scalars().all())


async def mark_done(*, connection: AsyncConnection, ids: list[int]) -> None:
    """Processed: the body is dropped (it may hold personal data), the key stays to refuse redeliveries."""
    if ids:
        await connection.execute(_DONE, {"ids": ids})


async def mark_failed(
    *, connection: AsyncConnection, item_id: int, status: str, attempts: int, next_attempt_at: datetime, error: str
) -> None:
    """A try that failed: ``pending`` again until ``next_attempt_at``, or ``failed`` for good."""
    values = {"status": status, "attempts": attempts, "next_attempt_at": next_attempt_at, "last_error": error}
    await connection.execute(_FAILED, {"item_id": item_id, **values})


async def processed(*, session: AsyncSession, key: str) -> bool:
    """The desk recorded the effect of this platform id already (``<channel>:<platform id>``, as the inbox key)."""
    return await session.get(ProcessedUpdate, key) is not None
