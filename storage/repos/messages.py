"""The transcript of a conversation: every message both ways, and the part that belongs to a ticket."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Message


def add_message(
    *,
    session: AsyncSession,
    conversation_id: int,
    direction: str,
    text: str | None,
    ticket_id: int | None = None,
    author: str | None = None,
    attachments: Sequence[dict] = (),
    personal: bool = False,
) -> Message:
    message = Message(
        conversation_id=conversation_id,
        ticket_id=ticket_id,
        direction=direction,
        author=author,
        text=text,
        attachments=list(attachments),
        personal=personal,
    )
    session.add(message)
    return message


async def ticket_transcript(*, session: AsyncSession, ticket_id: int) -> list[Message]:
    """Messages of the ticket, from the dialogue that opened it to the last reply, oldest first."""
    result = await session.exec(select(Message).where(Message.ticket_id == ticket_id).order_by(Message.id))  # type: ignore[arg-type]
    return list(result)


async def attach_dialogue(*, session: AsyncSession, conversation_id: int, ticket_id: int) -> None:
    """The intake dialogue that led to a ticket becomes the start of its transcript."""
    await session.flush()
    await session.exec(
        update(Message)
        .where(Message.conversation_id == conversation_id, Message.ticket_id.is_(None))  # type: ignore[union-attr]
        .values(ticket_id=ticket_id)
    )
