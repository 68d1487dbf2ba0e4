"""Conversation rows: the saved dialogue state of one chat, locked while a step runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from core.staff import OPEN_STATUSES
from storage.models import Client, Conversation, Identity, Ticket

# built once: building the statement and its cache key cost more CPU than running it (every client message)
_KNOWN_CHAT = (
    select(Identity, Client, Conversation, Ticket)
    .join(Client, Client.id == Identity.client_id)  # type: ignore[arg-type]
    .join(Conversation, and_(Conversation.channel == Identity.channel, Conversation.chat == bindparam("chat")))  # type: ignore[arg-type]
    .outerjoin(Ticket, and_(Ticket.client_id == Client.id, col(Ticket.status).in_(OPEN_STATUSES)))  # type: ignore[arg-type]
    .where(Identity.channel == bindparam("channel"), Identity.sender == bindparam("sender"))
    .order_by(col(Ticket.id))
    .with_for_update(of=Conversation)  # type: ignore[arg-type]
)
_TABLE = Conversation.__table__  # type: ignore[attr-defined]
_STATE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("conversation_id"))
    .values(
        state=bindparam("new_state", type_=_TABLE.c.state.type),
        updated_at=bindparam("now", type_=_TABLE.c.updated_at.type),
        client_id=bindparam("owner"),
    )
)


@dataclass(frozen=True)
class Chat:
    """The rows a client's message needs first: the writer's identity and client, and the chat's conversation."""

    identity: Identity
    client: Client
    conversation: Conversation
    open_tickets: list[Ticket] | None = None  # the client's, from all their chats (4.13); None: not read


async def lock_known_chat(*, session: AsyncSession, channel: str, sender: str, chat: str) -> Chat | None:
    """The sender's identity, client and open tickets with the chat's conversation locked (PostgreSQL), in one SELECT.

    None when the sender or the chat is new: ``clients.ensure_identity`` and ``lock_conversation`` create them.
    The conversation is locked before the identity is written (``clients.mark_inbound``): every step of a
    client's message takes the two in that order. A row per open ticket (one without any).
    """
    rows = (await session.exec(_KNOWN_CHAT, params={"channel": channel, "sender": sender, "chat": chat})).all()
    if not rows:
        return None
    identity, client, conversation, _ = rows[0]
    return Chat(identity, client, conversation, [row[3] for row in rows if row[3] is not None])


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
    """The state, written by the ORM's flush at the end of the transaction."""
    conversation.state = state
    conversation.updated_at = now


async def store_state(
    *, session: AsyncSession, conversation: Conversation, state: dict[str, Any], now: datetime
) -> None:
    """The state (and the client the chat talks for) in one UPDATE now, instead of the ORM's flush comparing the row.

    The loaded ``conversation`` shows the values as stored.
    """
    params = {"conversation_id": conversation.id, "new_state": state, "now": now, "owner": conversation.client_id}
    await session.exec(_STATE, params=params)  # type: ignore[call-overload]
    for name, value in (("state", state), ("updated_at", now), ("client_id", conversation.client_id)):
        set_committed_value(conversation, name, value)


async def find_conversation(*, session: AsyncSession, channel: str, chat: str) -> Conversation | None:
    query = select(Conversation).where(Conversation.channel == channel, Conversation.chat == chat)
    return (await session.exec(query)).first()
