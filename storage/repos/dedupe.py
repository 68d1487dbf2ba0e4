"""Platform update ids already processed: the key is inserted in the transaction of its effect."""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ProcessedUpdate
from storage.types import utcnow

TABLE = ProcessedUpdate.__table__  # type: ignore[attr-defined]
_CLAIMS = {  # built once per dialect: building a statement and its cache key cost more CPU than running it
    name: insert(TABLE)
    .values(key=bindparam("claimed"), created_at=bindparam("at", type_=TABLE.c.created_at.type))
    .on_conflict_do_nothing(index_elements=["key"])
    .returning(TABLE.c.key)
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


async def claim_update(*, session: AsyncSession, key: str) -> bool:
    """True when ``key`` is new; False when it was processed (or is being processed) already.

    The key is committed with the effect of its update or undone with it, so a failed update is taken
    again when it comes back. One statement, no savepoint: when another transaction holds the same
    key uncommitted (a second process, on PostgreSQL), this one waits for it and finds the key taken
    if that one commits, free if it fails, and raises nothing either way. Core on the table, not the
    ORM's bulk insert: its machinery cost more CPU than the statement (one per message).
    """
    statement = _CLAIMS["postgresql" if session.bind.dialect.name == "postgresql" else "sqlite"]
    params = {"claimed": key, "at": utcnow()}
    return (await session.exec(statement, params=params)).first() is not None  # type: ignore[call-overload]
