"""Platform update ids already processed: the key is inserted in the transaction of its effect."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ProcessedUpdate


async def claim_update(*, session: AsyncSession, key: str) -> bool:
    """True when ``key`` is new; False when it was processed (or is being processed) already."""
    if await session.get(ProcessedUpdate, key) is not None:
        return False
    try:
        async with session.begin_nested():
            session.add(ProcessedUpdate(key=key))
    except IntegrityError:
        return False
    return True
