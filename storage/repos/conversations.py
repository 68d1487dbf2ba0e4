"""Conversation rows: the saved dialogue state of one chat, locked while a step runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Conversation


async def lock_conversation(*, session: AsyncSession, channel: str, chat: str, client_id: int) -> Conversation:
    """The conversation of this chat, created if new, locked (PostgreSQL) until the transaction ends."""
    query = select(Conversation).where(Conversation.channel == channel, Conversation.chat == chat)
    conversation = (await session.exec(query.with_for_update())).first()
    if conversation is None:
        try:
            async with session.begin_nested():
                conversation = Conversation(channel=channel, chat=chat, client_id=client_id)
                session.add(conversation)
        except IntegrityError:
            conversation = (await session.exec(query.with_for_update())).one()
    return conversation


async def get_conversation(*, session: AsyncSession, conversation_id: int, lock: bool = False) -> Conversation | None:
    query = select(Conversation).where(Conversation.id == conversation_id)
    if lock:
        query = query.with_for_update()
    return (await session.exec(query)).first()


def save_state(conversation: Conversation, state: dict, now: datetime) -> None:
    conversation.state = state
    conversation.updated_at = now


async def find_conversation(*, session: AsyncSession, channel: str, chat: str) -> Conversation | None:
    query = select(Conversation).where(Conversation.channel == channel, Conversation.chat == chat)
    return (await session.exec(query)).first()
