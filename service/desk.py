"""The imperative shell around the engine: dedupe → lock → step → save state, transcript, outbox.

Everything one inbound message causes is committed in one transaction, so a redelivery, a crash
or a second process never doubles or loses an effect.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from core import engine, notices
from core.calendar import reaction_deadline
from core.events import (
    ClientWroteOnTicket,
    ConsentGiven,
    ConsentWithdrawn,
    Event,
    FaqFeedback,
    TicketOpened,
    TicketRated,
)
from core.intake import PERSONAL_KEYS
from core.messages import Inbound, Outbound
from core.state import ConversationState
from core.validators import InvalidAnswer, phone_or_email
from storage.models import Client, Conversation, FaqFeedbackRecord, Identity, Ticket
from storage.repos import clients, conversations, dedupe, messages, outbox, tickets
from storage.store import Store

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def split_contact(value: str) -> tuple[str | None, str | None]:
    """(phone, email) from the intake's «phone or e-mail» answer."""
    return (None, value) if "@" in value else (value, None)


class Desk:
    """The support desk's write side, shared by every channel and the engineers' group."""

    def __init__(
        self,
        db: AsyncEngine,
        *,
        faq: engine.FaqLookup | None,
        timezone: ZoneInfo,
        clock: Clock = utc_now,
        staff_enabled: bool = False,
    ) -> None:
        self.db = db
        self.store = Store(db)
        self.sessions = self.store.sessions
        self.transaction = self.store.transaction
        self.committed = self.store.committed
        self.faq = faq
        self.timezone = timezone
        self.clock = clock
        self.staff_enabled = staff_enabled

    # --- clients' messages
    async def handle(self, inbound: Inbound) -> bool:
        """Process one client message; False when it was a redelivery and nothing happened."""
        async with self.transaction() as session:
            if not await dedupe.claim_update(session=session, key=f"{inbound.channel}:{inbound.platform_id}"):
                return False
            now = self.clock()
            identity, client = await clients.ensure_identity(
                session=session, channel=inbound.channel, sender=inbound.sender, chat=inbound.chat, now=now
            )
            client = await self._recognise_by_phone(session, identity, client, inbound.phone)
            # the client wrote: replies held for WhatsApp's 24-hour window go out first, in order
            await outbox.release_held(session=session, queue=f"{inbound.channel}:{inbound.chat}", now=now)
            conversation = await conversations.lock_conversation(
                session=session, channel=inbound.channel, chat=inbound.chat, client_id=client.id or 0
            )
            state = ConversationState.from_dict(conversation.state)
            consented = client.consent_at is not None
            if consented and inbound.profile_name:
                identity.profile_name = inbound.profile_name
            ctx = engine.Context(
                now=now,
                consent_given=consented,
                on_file=dict(client.profile or {}),
                contact_match=await self._contact_match(session, state, inbound, client),
                faq=self.faq,
            )
            answering_personal = state.stage == "field" and state.field in PERSONAL_KEYS
            step = engine.step(state, inbound, ctx)
            assert conversation.id is not None
            messages.add_message(
                session=session,
                conversation_id=conversation.id,
                ticket_id=await self._ticket_id(session, state.ticket) if state.stage == "ticket_open" else None,
                direction="in",
                text=inbound.text or (f"[{inbound.choice}]" if inbound.choice else None),
                attachments=[a.to_dict() for a in inbound.attachments],
                personal=answering_personal or (inbound.phone is not None and not inbound.text),
            )
            replies = list(step.replies)
            for event in step.events:
                replies += await self._apply(session, event, step.state, conversation, identity, client, inbound, now)
            ticket_id = await self._ticket_id(session, step.state.ticket) if step.state.stage == "ticket_open" else None
            self.record(session, conversation, step.state, replies, now, ticket_id)
        return True

    async def _recognise_by_phone(
        self, session: AsyncSession, identity: Identity, client: Client, phone: str | None
    ) -> Client:
        """A messenger that tells us the phone (WhatsApp, a shared contact) links to a client on file."""
        if not phone or client.consent_at is not None:
            return client
        try:
            normalized = phone_or_email(phone)
        except InvalidAnswer:
            return client
        known = await clients.find_client_by_contact(session=session, phone=normalized, email=None)
        if known is None or known.id == client.id or known.consent_at is None:
            return client
        return await clients.link_identity(session=session, identity=identity, client=known)

    async def _contact_match(
        self, session: AsyncSession, state: ConversationState, inbound: Inbound, client: Client
    ) -> dict[str, str]:
        if state.stage != "field" or state.field != "contact":
            return {}
        try:
            value = phone_or_email(inbound.text or inbound.phone or "")
        except InvalidAnswer:
            return {}
        phone, email = split_contact(value)
        known = await clients.find_client_by_contact(session=session, phone=phone, email=email)
        if known is None or known.consent_at is None:
            return {}
        return dict(known.profile or {})

    async def _ticket_id(self, session: AsyncSession, number: str | None) -> int | None:
        if number is None:
            return None
        ticket = await tickets.get_ticket(session=session, number=number)
        return ticket.id if ticket else None

    def record(
        self,
        session: AsyncSession,
        conversation: Conversation,
        state: ConversationState,
        replies: list[Outbound],
        now: datetime,
        ticket_id: int | None = None,
        direction: str = "out",
        held: bool = False,
    ) -> None:
        """Save the state; queue the replies (``held``: kept until the client writes) and add them to the transcript."""
        conversations.save_state(conversation, state.to_dict(), now)
        assert conversation.id is not None
        status = "held" if held else "pending"
        for reply in replies:
            outbox.enqueue(
                session=session, channel=reply.channel, chat=reply.chat, payload=reply.to_dict(), now=now, status=status
            )
            messages.add_message(
                session=session,
                conversation_id=conversation.id,
                ticket_id=ticket_id,
                direction=direction,
                text=reply.text,
                attachments=[a.to_dict() for a in reply.attachments],
                personal=reply.extras.get("personal") == "1",
            )

    def notify_staff(self, session: AsyncSession, payload: dict[str, Any], now: datetime) -> None:
        """Queue something for the engineers' group; without a group there is no one to tell."""
        if self.staff_enabled:
            outbox.enqueue(
                session=session, channel="staff", chat=str(payload.get("ticket", "")), payload=payload, now=now
            )

    async def _apply(
        self,
        session: AsyncSession,
        event: Event,
        state: ConversationState,
        conversation: Conversation,
        identity: Identity,
        client: Client,
        inbound: Inbound,
        now: datetime,
    ) -> list[Outbound]:
        """Store what an engine event means; return any extra replies it causes."""
        if isinstance(event, ConsentGiven):
            await clients.record_consent(
                session=session, client=client, version=event.version, text=event.text, channel=inbound.channel, now=now
            )
            if inbound.profile_name:
                identity.profile_name = inbound.profile_name
        elif isinstance(event, ConsentWithdrawn):
            await self._erase_personal(session, client, now)
        elif isinstance(event, TicketOpened):
            return [await self._open_ticket(session, event, state, conversation, identity, client, now)]
        elif isinstance(event, ClientWroteOnTicket):
            self.notify_staff(
                session,
                {
                    "type": "client_message",
                    "ticket": event.ticket,
                    "text": event.text,
                    "attachments": list(event.attachments),
                },
                now,
            )
        elif isinstance(event, FaqFeedback):
            session.add(FaqFeedbackRecord(entry_id=event.entry_id, helpful=event.helpful, created_at=now))
        elif isinstance(event, TicketRated):
            ticket = await tickets.get_ticket(session=session, number=event.ticket)
            if ticket is not None:
                if event.score is not None:
                    ticket.rating = event.score
                if event.comment is not None:
                    ticket.rating_comment = event.comment
        return []

    async def _open_ticket(
        self,
        session: AsyncSession,
        event: TicketOpened,
        state: ConversationState,
        conversation: Conversation,
        identity: Identity,
        client: Client,
        now: datetime,
    ) -> Outbound:
        phone, email = split_contact(event.fields.get("contact", ""))
        known = await clients.find_client_by_contact(session=session, phone=phone, email=email)
        if known is not None and known.id != client.id:
            client = await clients.link_identity(session=session, identity=identity, client=known)
            conversation.client_id = client.id or conversation.client_id
        client.name = event.fields.get("contact_name") or client.name
        client.phone, client.email = phone or client.phone, email or client.email
        client.profile = {**(client.profile or {}), **event.remembered}
        assert client.id is not None and conversation.id is not None
        ticket = await tickets.create_ticket(
            session=session,
            ticket=Ticket(
                client_id=client.id,
                conversation_id=conversation.id,
                channel=conversation.channel,
                chat=conversation.chat,
                kind=event.kind,
                priority=event.priority,
                fields={**event.fields, "attachments": list(event.attachments)},
                created_at=now,
                reaction_due_at=reaction_deadline(now, self.timezone),
            ),
        )
        assert ticket.number is not None and ticket.id is not None
        await messages.attach_dialogue(session=session, conversation_id=conversation.id, ticket_id=ticket.id)
        state.ticket = ticket.number
        self.notify_staff(session, {"type": "ticket_opened", "ticket": ticket.number}, now)
        reply = notices.ticket_opened(ticket.number, ticket.priority, now, ticket.reaction_due_at, self.timezone)
        return reply.address(conversation.channel, conversation.chat)

    async def _erase_personal(self, session: AsyncSession, client: Client, now: datetime) -> None:
        assert client.id is not None
        for ticket in await tickets.tickets_of_client(session=session, client_id=client.id):
            ticket.fields = {k: ("" if k in PERSONAL_KEYS else v) for k, v in ticket.fields.items()}
        await clients.withdraw_consent(session=session, client=client, now=now)
        await messages.redact_personal(session=session, client_id=client.id)

    async def report_undeliverable(self, channel: str, chat: str, *, unreachable: bool, reason: str) -> None:
        """A message to a client could not be delivered: mark the client, tell the ticket's engineers."""
        if channel == "staff":
            return
        async with self.transaction() as session:
            conversation = await conversations.find_conversation(session=session, channel=channel, chat=chat)
            if conversation is None:
                return
            if unreachable:
                await clients.mark_chat_unreachable(session=session, channel=channel, chat=chat)
            number = ConversationState.from_dict(conversation.state).ticket
            if number is not None:
                kind = "client_unreachable" if unreachable else "delivery_failed"
                self.notify_staff(session, {"type": kind, "ticket": number, "reason": reason}, self.clock())
