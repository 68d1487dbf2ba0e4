"""Platform update ids already processed: the key is inserted in the transaction of its effect."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ProcessedUpdate
from storage.types import utcnow


async def claim_update(*, session: AsyncSession, key: str) -> bool:
    """True when ``key`` is new; False when it was processed (or is being processed) already.

    The key is committed with the effect of its update or undone with it, so a failed update is taken
    again when it comes back. One statement, no savepoint: when another transaction holds the same
    key uncommitted (a second process, on PostgreSQL), this one waits for it and finds the key taken
    if that one commits, free if it fails, and raises nothing either way.
    """
    insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(ProcessedUpdate)
        .values(key=key, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(ProcessedUpdate.key)
    )
    return (await session.exec(statement)).first() is not None  # type: ignore[call-overload]
