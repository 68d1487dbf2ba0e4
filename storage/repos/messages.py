"""The transcript of a conversation: every message both ways, and the part that belongs to a ticket."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Select, insert
from sqlmodel import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from core.scrub import REDACTED
from storage.models import Conversation, Message
from storage.types import utcnow

TABLE = Message.__table__  # type: ignore[attr-defined]
_INSERT = insert(TABLE)


def message_row(
    *,
    conversation_id: int,
    direction: str,
    text: str | None,
    ticket_id: int | None = None,
    author: str | None = None,
    attachments: Sequence[dict] = (),
    personal: bool = False,
    channel: str | None = None,
) -> dict[str, Any]:
    """One line of the transcript as the table's columns (``insert_messages`` writes many in one statement)."""
    return {
        "conversation_id": conversation_id,
        "ticket_id": ticket_id,
        "direction": direction,
        "channel": channel,
        "author": author,
        "text": text,
        "attachments": list(attachments),
        "personal": personal,
        "created_at": utcnow(),
    }


def add_message(*, session: AsyncSession, **line: Any) -> Message:
    """A line of the transcript (``message_row``'s fields) added to the session: written by the ORM's flush."""
    message = Message(**message_row(**line))
    session.add(message)
    return message


async def insert_messages(*, session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Lines of the transcript (``message_row``) in one INSERT now, in their order, without ORM objects.

    Whatever the session holds unflushed is written first, so the lines keep the order they were added in.
    """
    if rows:
        if session.new:
            await session.flush()
        await session.exec(_INSERT, params=rows)  # type: ignore[call-overload]


async def ticket_transcript(*, session: AsyncSession, ticket_id: int) -> list[Message]:
    """Messages of the ticket, from the dialogue that opened it to the last reply, oldest first."""
    result = await session.exec(select(Message).where(Message.ticket_id == ticket_id).order_by(Message.id))  # type: ignore[arg-type]
    return list(result)


async def last_client_chat(*, session: AsyncSession, ticket_id: int) -> tuple[str, str] | None:
    """(channel, chat) the client last wrote from about the ticket: where the engineers' answers go (4.13)."""
    query = (
        select(Conversation.channel, Conversation.chat)
        .join(Message, Message.conversation_id == Conversation.id)  # type: ignore[arg-type]
        .where(Message.ticket_id == ticket_id, Message.direction == "in")
        .order_by(Message.id.desc())  # type: ignore[union-attr]
        .limit(1)
    )
    found = (await session.exec(query)).first()
    return (found[0], found[1]) if found is not None else None


async def redact_unfiled(*, session: AsyncSession, conversations: Collection[int] | Select[Any]) -> int:
    """The client's messages of these chats that no ticket holds, redacted (files included): consent was refused,
    or never given, and what they wrote before (a question with their name and phone in it) is not kept. How many
    were still there to redact."""
    result = await session.exec(
        update(Message)
        .where(
            Message.conversation_id.in_(conversations),  # type: ignore[attr-defined]
            Message.ticket_id.is_(None),  # type: ignore[union-attr]
            Message.direction == "in",
            Message.text.is_distinct_from(REDACTED),  # type: ignore[union-attr]
        )
        .values(text=REDACTED, attachments=[])
    )
    return result.rowcount  # type: ignore[attr-defined,no-any-return]


async def attach_dialogue(*, session: AsyncSession, conversation_id: int, ticket_id: int) -> None:
    """The intake dialogue that led to a ticket becomes the start of its transcript."""
    await session.flush()
    await session.exec(
        update(Message)
        .where(Message.conversation_id == conversation_id, Message.ticket_id.is_(None))  # type: ignore[union-attr]
        .values(ticket_id=ticket_id)
    )
