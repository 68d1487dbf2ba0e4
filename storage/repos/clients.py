"""Clients, their identities on each messenger, consent records, and erasure on withdrawal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Client, ConsentRecord, Identity

_IDENTITY = Identity.__table__  # type: ignore[attr-defined]
_INBOUND = (  # built once, like every statement of each client message
    update(_IDENTITY)
    .where(_IDENTITY.c.id == bindparam("identity_id"))
    .values(last_inbound_at=bindparam("now", type_=_IDENTITY.c.last_inbound_at.type), unreachable=False)
)


async def get_identity(*, session: AsyncSession, channel: str, sender: str) -> Identity | None:
    result = await session.exec(select(Identity).where(Identity.channel == channel, Identity.sender == sender))
    return result.first()


async def find_by_verified_phone(*, session: AsyncSession, phone: str, other_than: int) -> Client | None:
    """A consenting client, other than ``other_than``, with a chat whose phone the messenger vouched for."""
    owners = select(Identity.client_id).where(Identity.phone == phone)
    query = select(Client).where(Client.id.in_(owners), Client.id != other_than, Client.consent_at.is_not(None))  # type: ignore[union-attr]
    return (await session.exec(query.order_by(Client.id))).first()


async def find_claimed(
    *, session: AsyncSession, phone: str | None, email: str | None, other_than: int
) -> Client | None:
    """A consenting client, other than ``other_than``, known by this phone or e-mail: the target of a typed claim.

    The owner of a chat whose phone the messenger vouched for comes first: a phone merely typed by
    someone else before must not take the real owner's place.
    """
    if phone and (owner := await find_by_verified_phone(session=session, phone=phone, other_than=other_than)):
        return owner
    conditions = []
    if phone:
        conditions.append(Client.phone == phone)
    if email:
        conditions.append(Client.email == email)
    if not conditions:
        return None
    query = select(Client).where(or_(*conditions), Client.id != other_than, Client.consent_at.is_not(None))  # type: ignore[union-attr]
    return (await session.exec(query.order_by(Client.id))).first()


async def identities_of(*, session: AsyncSession, client_id: int) -> list[Identity]:
    result = await session.exec(select(Identity).where(Identity.client_id == client_id).order_by(Identity.id))
    return list(result)


async def ensure_identity(
    *, session: AsyncSession, channel: str, sender: str, chat: str, now: datetime
) -> tuple[Identity, Client]:
    """The identity for this sender, with its client; both are created on first contact."""
    identity = await get_identity(session=session, channel=channel, sender=sender)
    if identity is None:
        identity = await _create_identity(session=session, channel=channel, sender=sender, chat=chat)
    client = await session.get(Client, identity.client_id)
    assert client is not None
    identity.last_inbound_at = now
    identity.unreachable = False
    await session.flush()
    return identity, client


async def mark_inbound(*, session: AsyncSession, identity: Identity, now: datetime) -> None:
    """The sender wrote just now, so the chat is reachable: one UPDATE, sent at once (a known sender's message).

    The loaded ``identity`` shows the values as stored, without an ORM flush to write them again.
    """
    await session.exec(_INBOUND, params={"identity_id": identity.id, "now": now})  # type: ignore[call-overload]
    set_committed_value(identity, "last_inbound_at", now)
    set_committed_value(identity, "unreachable", False)


async def _create_identity(*, session: AsyncSession, channel: str, sender: str, chat: str) -> Identity:
    """A new client and its identity, race-free: two transactions may meet the same new sender at once.

    Both rows are written in a savepoint. The transaction that loses the race on the identity's
    unique (channel, sender) waits for the winner's commit, rolls its savepoint back, client row
    included (no orphan is left), and takes the winner's identity.
    """
    try:
        async with session.begin_nested():
            client = Client()
            session.add(client)
            await session.flush()
            assert client.id is not None
            identity = Identity(client_id=client.id, channel=channel, sender=sender, chat=chat)
            session.add(identity)
    except IntegrityError:
        winner = await get_identity(session=session, channel=channel, sender=sender)
        assert winner is not None
        return winner
    return identity


async def link_identity(*, session: AsyncSession, identity: Identity, client: Client) -> Client:
    """Attach ``identity`` to an existing ``client`` found by phone or e-mail; return that client."""
    if identity.client_id != client.id:
        assert client.id is not None
        identity.client_id = client.id
        await session.flush()
    return client


async def record_consent(
    *, session: AsyncSession, client: Client, version: str, text: str, channel: str, now: datetime
) -> None:
    assert client.id is not None
    session.add(ConsentRecord(client_id=client.id, version=version, text=text, channel=channel, given_at=now))
    client.consent_version, client.consent_at, client.anonymized_at = version, now, None


async def withdraw_consent(*, session: AsyncSession, client: Client, now: datetime) -> None:
    """Erase what identifies the person on the client and its chats; consent records keep only dates and version."""
    result = await session.exec(
        select(ConsentRecord).where(ConsentRecord.client_id == client.id, ConsentRecord.withdrawn_at.is_(None))  # type: ignore[union-attr]
    )
    for record in result:
        record.withdrawn_at = now
    client.name = client.phone = client.email = None
    client.profile = {}
    client.consent_version = client.consent_at = None
    client.anonymized_at = now
    if client.news_subscribed:  # the news need the consent too (4.8)
        set_news(client=client, subscribed=False, now=now)
    assert client.id is not None
    for identity in await identities_of(session=session, client_id=client.id):
        identity.profile_name = identity.phone = None


def set_news(*, client: Client, subscribed: bool, now: datetime) -> None:
    """The client's choice about the release news (4.8), with its time."""
    client.news_subscribed, client.news_changed_at = subscribed, now


async def mark_chat_unreachable(*, session: AsyncSession, channel: str, chat: str) -> None:
    """The client blocked the bot or unsubscribed: stop pretending messages reach them."""
    result = await session.exec(select(Identity).where(Identity.channel == channel, Identity.chat == chat))
    for identity in result:
        identity.unreachable = True
