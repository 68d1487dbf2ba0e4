"""One-time codes that link a new chat to a client on file: issued, counted for rate limits, checked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Identity, VerificationCode


async def count_issued(
    *, session: AsyncSession, since: datetime, requester_id: int | None = None, client_id: int | None = None
) -> int:
    """Codes issued since ``since`` to this requester, or for this client on file (for rate limits)."""
    query = select(func.count()).select_from(VerificationCode).where(VerificationCode.created_at >= since)
    if requester_id is not None:
        query = query.where(VerificationCode.requester_id == requester_id)
    if client_id is not None:
        query = query.where(VerificationCode.client_id == client_id)
    return (await session.exec(query)).one()


async def latest_pending(*, session: AsyncSession, requester_id: int) -> VerificationCode | None:
    """The code this chat was last asked to type, if it is still open; locked for the attempt count."""
    query = (
        select(VerificationCode)
        .where(VerificationCode.requester_id == requester_id, VerificationCode.status == "pending")
        .order_by(VerificationCode.id.desc())  # type: ignore[union-attr]
        .limit(1)
        .with_for_update()
    )
    return (await session.exec(query)).first()


async def close_pending(*, session: AsyncSession, requester_id: int, status: str) -> None:
    """Any code still open for this chat is closed (a new code replaces it; «пропустить» abandons it)."""
    for code in await session.exec(
        select(VerificationCode).where(
            VerificationCode.requester_id == requester_id, VerificationCode.status == "pending"
        )
    ):
        code.status = status


async def delete_for_client(*, session: AsyncSession, client_id: int) -> None:
    """Erasure: codes sent to this client's chats and codes this client's chats asked for."""
    own_identities = select(Identity.id).where(Identity.client_id == client_id)
    await session.exec(  # type: ignore[call-overload]
        delete(VerificationCode).where(
            or_(VerificationCode.client_id == client_id, VerificationCode.requester_id.in_(own_identities))  # type: ignore[attr-defined]
        )
    )
