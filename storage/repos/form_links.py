"""Links to the intake form sent to Viber and WhatsApp clients: kept by the SHA-256 of their token, used once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import FormLink


def add_link(
    *, session: AsyncSession, token_hash: str, conversation_id: int, channel: str, chat: str, now: datetime,
    expires_at: datetime,
) -> None:  # fmt: skip
    session.add(
        FormLink(
            token_hash=token_hash,
            conversation_id=conversation_id,
            channel=channel,
            chat=chat,
            created_at=now,
            expires_at=expires_at,
        )
    )


async def find_link(*, session: AsyncSession, token_hash: str) -> FormLink | None:
    return await session.get(FormLink, token_hash)


async def claim_link(*, session: AsyncSession, token_hash: str, now: datetime) -> bool:
    """Mark the link used; False when it was used (by a concurrent submit too) or has expired meanwhile."""
    result = await session.exec(  # type: ignore[call-overload]
        update(FormLink)
        .where(col(FormLink.token_hash) == token_hash)
        .where(col(FormLink.used_at).is_(None))
        .where(col(FormLink.expires_at) > now)
        .values(used_at=now)
    )
    return result.rowcount == 1
