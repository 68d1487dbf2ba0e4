"""How long raw payloads are kept: what was delivered or processed is emptied after the retention period.

A payload can carry personal data (a client's text, a name in a webhook body). Once delivered or
processed it is needed only to investigate a recent problem, so after ``DATA_RETENTION_DAYS`` only
the row's ids, status and times remain.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import DeskSession, FormLink, InboxItem, LoginFailure, OutboxItem

SETTLED = ("sent", "skipped", "failed")
LOGIN_FAILURES_KEPT = timedelta(days=1)  # far longer than the window that counts them


async def purge_outbox(*, session: AsyncSession, before: datetime) -> int:
    """Empty the payloads of messages settled before ``before``; the number emptied."""
    statement = (
        update(OutboxItem)
        .where(OutboxItem.status.in_(SETTLED), OutboxItem.created_at < before, OutboxItem.payload != {})  # type: ignore[attr-defined]
        .values(payload={}, last_error=None)
    )
    return (await session.exec(statement)).rowcount  # type: ignore[call-overload]


async def purge_inbox(*, session: AsyncSession, before: datetime) -> int:
    """Drop webhook requests processed (or given up) before ``before``: no platform redelivers that late."""
    statement = delete(InboxItem).where(InboxItem.status.in_(("done", "failed")), InboxItem.created_at < before)  # type: ignore[attr-defined]
    return (await session.exec(statement)).rowcount  # type: ignore[call-overload]


async def purge_web(*, session: AsyncSession, now: datetime) -> int:
    """Drop desk sessions and form links past their expiry, and old login failures: they let nobody in any more."""
    statements = (
        delete(DeskSession).where(DeskSession.expires_at < now),  # type: ignore[arg-type]
        delete(FormLink).where(FormLink.expires_at < now),  # type: ignore[arg-type]
        delete(LoginFailure).where(LoginFailure.at < now - LOGIN_FAILURES_KEPT),  # type: ignore[arg-type]
    )
    return sum([(await session.exec(statement)).rowcount for statement in statements])  # type: ignore[call-overload,misc]
