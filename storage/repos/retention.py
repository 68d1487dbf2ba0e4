"""How long raw payloads are kept: what was delivered or processed is emptied after the retention period.

A payload can carry personal data (a client's text, a name in a webhook body). Once delivered or
processed it is needed only to investigate a recent problem, so after ``DATA_RETENTION_DAYS`` only
the row's ids, status and times remain. What a person wrote who never gave consent is kept only while they may
still give it: a day (``UNCONSENTED_KEPT``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from core.state import DRAFT_STAGES, ConversationState, Stage
from storage.models import Client, Conversation, DeskSession, FormLink, InboxItem, LoginFailure, OutboxItem
from storage.repos import messages

SETTLED = ("sent", "skipped", "failed")
LOGIN_FAILURES_KEPT = timedelta(days=1)  # far longer than the window that counts them
UNCONSENTED_KEPT = timedelta(days=1)  # a first message with a phone in it, and no answer to the consent question


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


async def purge_unconsented(*, session: AsyncSession, before: datetime) -> int:
    """For chats silent since ``before`` whose person has not consented: what they wrote that no ticket holds,
    redacted, and the draft of a request left at the consent question dropped (the first message, kept for its
    description, often has a name and a phone in it). How many rows changed."""
    silent = (
        select(Conversation.id)
        .join(Client, Client.id == Conversation.client_id)
        .where(Client.consent_at.is_(None), Conversation.updated_at < before)  # type: ignore[union-attr,operator]
    )
    changed = await messages.redact_unfiled(session=session, conversations=silent)
    for conversation in (await session.exec(select(Conversation).where(Conversation.id.in_(silent)))).scalars():  # type: ignore[call-overload,union-attr]
        state = ConversationState.from_dict(conversation.state)
        if state.stage in DRAFT_STAGES or state.answers or state.attachments or state.pending_question:
            state.reset_intake()
            state.stage = Stage.IDLE
            conversation.state = state.to_dict()  # its time stays: the chat is no less silent
            changed += 1
    return changed
