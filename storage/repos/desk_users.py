"""Web desk users, their logged-in sessions and failed logins (the store keeps hashes, never a password or token)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import DeskSession, DeskUser, LoginFailure


async def get_user(*, session: AsyncSession, login: str) -> DeskUser | None:
    return (await session.exec(select(DeskUser).where(DeskUser.login == login))).first()


async def save_user(*, session: AsyncSession, login: str, password_hash: str) -> bool:
    """Create the user, or give an existing one a new password (ending their sessions); True when created."""
    user = await get_user(session=session, login=login)
    if user is None:
        session.add(DeskUser(login=login, password_hash=password_hash))
        return True
    user.password_hash = password_hash
    await session.exec(delete(DeskSession).where(col(DeskSession.user_id) == user.id))  # type: ignore[call-overload]
    return False


async def start_session(
    *, session: AsyncSession, user_id: int, token_hash: str, csrf_token: str, now: datetime, expires_at: datetime
) -> None:
    session.add(
        DeskSession(
            token_hash=token_hash, user_id=user_id, csrf_token=csrf_token, created_at=now, expires_at=expires_at
        )
    )


async def find_session(*, session: AsyncSession, token_hash: str, now: datetime) -> tuple[DeskSession, DeskUser] | None:
    """The unexpired session with this token hash and its user."""
    query = (
        select(DeskSession, DeskUser)
        .join(DeskUser, col(DeskUser.id) == col(DeskSession.user_id))
        .where(DeskSession.token_hash == token_hash, col(DeskSession.expires_at) > now)
    )
    found = (await session.exec(query)).first()
    return (found[0], found[1]) if found is not None else None


async def end_session(*, session: AsyncSession, token_hash: str) -> None:
    await session.exec(delete(DeskSession).where(col(DeskSession.token_hash) == token_hash))  # type: ignore[call-overload]


async def recent_failures(*, session: AsyncSession, keys: Sequence[str], since: datetime) -> int:
    """The most failures any of ``keys`` had since ``since``."""
    query = (
        select(LoginFailure.key, func.count())
        .where(col(LoginFailure.key).in_(keys), col(LoginFailure.at) >= since)
        .group_by(LoginFailure.key)
    )
    return max((count for _, count in await session.exec(query)), default=0)


async def add_failures(*, session: AsyncSession, keys: Sequence[str], now: datetime, forget_before: datetime) -> None:
    """Count a failed login under each key; rows too old to matter are purged on the way."""
    await session.exec(delete(LoginFailure).where(col(LoginFailure.at) < forget_before))  # type: ignore[call-overload]
    session.add_all(LoginFailure(key=key, at=now) for key in keys)
