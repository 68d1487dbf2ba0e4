"""Stored webhook requests waiting to be processed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import InboxItem


async def insert_new(*, session: AsyncSession, rows: list[dict[str, Any]], now: datetime) -> set[str]:
    """Insert the rows whose key is new, in one statement; the keys actually inserted."""
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(InboxItem)
        .values([{**row, "created_at": now, "next_attempt_at": now} for row in rows])
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(InboxItem.key)
    )
    result = await session.exec(statement)  # type: ignore[call-overload]
    return set(result.scalars().all())
