"""Stored webhook requests waiting to be processed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import InboxItem, ProcessedUpdate


async def insert_new(*, session: AsyncSession, rows: list[dict[str, Any]], now: datetime) -> set[str]:
    """Insert the rows whose key is new, in one statement; the keys actually inserted.

    The rows go as parameters of one cached statement (SQLAlchemy sends them as a single multi-row
    INSERT): a statement built with the rows as its VALUES would be compiled anew for every batch size,
    which cost three times the CPU of the insert itself. It is a Core insert into the table, not into
    the model: the ORM's bulk insert would go over every row's attributes again first, for nothing.
    """
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = InboxItem.__table__  # type: ignore[attr-defined]
    statement = insert(table).on_conflict_do_nothing(index_elements=["key"]).returning(table.c.key)
    result = await session.exec(  # type: ignore[call-overload]
        statement, params=[{**row, "created_at": now, "next_attempt_at": now} for row in rows]
    )
    return set(result.scalars().all())


async def mark_done(*, session: AsyncSession, ids: list[int]) -> None:
    """Processed: the body is dropped (it may hold personal data), the key stays to refuse redeliveries."""
    if ids:
        statement = (
            update(InboxItem)
            .where(InboxItem.id.in_(ids))  # type: ignore[union-attr]
            .values(status="done", body={}, last_error=None, attempts=InboxItem.attempts + 1)
        )
        await session.exec(statement)  # type: ignore[call-overload]


async def processed(*, session: AsyncSession, key: str) -> bool:
    """The desk recorded the effect of this platform id already (``<channel>:<platform id>``, as the inbox key)."""
    return await session.get(ProcessedUpdate, key) is not None
