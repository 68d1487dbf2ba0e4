"""Erasure of one person when they withdraw consent (152-FZ): every row of the store that can hold their data.

What identifies the person goes everywhere: the client row, the chats' profile names and phones, the
tickets' personal fields, the transcript, the saved dialogue state, the outbox payloads (sent and
pending), verification codes. Technical content stays (product, versions, description, files), with
the person's values cut out of it. The messenger address of each chat stays: it is how the bot answers.
Nothing of any other client is read or changed.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from core.intake import PERSONAL_KEYS
from core.scrub import REDACTED, Scrubber
from core.validators import InvalidAnswer, phone_or_email
from core.walker import PENDING, UNKNOWN
from storage.models import Client, Conversation, Identity, Message, OutboxItem, Ticket
from storage.repos import clients, verifications

STAND_INS = (PENDING, UNKNOWN)  # what a ticket says instead of an answer not given: no one's name


def _person_values(values: list[str]) -> tuple[list[str], list[str]]:
    """(phones, e-mails) among contact answers."""
    phones, emails = [], []
    for value in values:
        try:
            normalized = phone_or_email(value)
        except InvalidAnswer:
            continue
        (emails if "@" in normalized else phones).append(normalized)
    return phones, emails


def _scrubber(client: Client, identities: list[Identity], tickets: list[Ticket], states: list[dict]) -> Scrubber:
    """Everything we know that names this person, from every place it may have been recorded."""
    answers = [client.profile or {}] + [t.fields for t in tickets]
    answers += [s.get("answers") or {} for s in states] + [s.get("offer") or {} for s in states]
    contacts = [str(a.get("contact") or "") for a in answers]
    phones, emails = _person_values(contacts + [client.phone or "", client.email or ""])
    phones += [i.phone for i in identities if i.phone]
    names = [client.name or ""] + [i.profile_name or "" for i in identities]
    names += [str(a.get("contact_name") or "") for a in answers]
    organizations = [str(a.get("organization") or "") for a in answers]
    return Scrubber(phones=phones, emails=emails, names=names, organizations=organizations, not_names=STAND_INS)


async def erase_person(*, session: AsyncSession, client: Client, now: datetime) -> None:
    assert client.id is not None
    identities = await clients.identities_of(session=session, client_id=client.id)
    tickets = list(await session.exec(select(Ticket).where(Ticket.client_id == client.id)))
    conversations = list(await session.exec(select(Conversation).where(Conversation.client_id == client.id)))
    scrub = _scrubber(client, identities, tickets, [c.state for c in conversations])

    for ticket in tickets:
        ticket.fields = {k: "" if k in PERSONAL_KEYS else scrub.data(v) for k, v in ticket.fields.items()}
        ticket.rating_comment = scrub.text(ticket.rating_comment) if ticket.rating_comment else None
    for conversation in conversations:
        state = dict(conversation.state)
        state["answers"] = {k: v for k, v in (state.get("answers") or {}).items() if k not in PERSONAL_KEYS}
        state["offer"] = {}
        conversation.state = scrub.data(state)

    ticket_ids = [t.id for t in tickets]
    transcript = select(Message).where(
        or_(
            Message.conversation_id.in_([c.id for c in conversations]),  # type: ignore[union-attr]
            Message.ticket_id.in_(ticket_ids),  # type: ignore[union-attr]
        )
    )
    for message in await session.exec(transcript):
        message.text = REDACTED if message.personal else (scrub.text(message.text) if message.text else None)
        message.attachments = scrub.data(message.attachments)

    queues = [f"{i.channel}:{i.chat}" for i in identities] + [f"staff:{t.number}" for t in tickets]
    for item in await session.exec(select(OutboxItem).where(OutboxItem.queue.in_(queues))):  # type: ignore[attr-defined]
        item.payload = scrub.data(item.payload)
        item.last_error = None
        if item.announcement_id is not None and item.status in ("pending", "held"):
            item.status = "skipped"  # the news need the consent: a copy not yet sent is not sent (4.8)

    await verifications.delete_for_client(session=session, client_id=client.id)
    await clients.withdraw_consent(session=session, client=client, now=now)
