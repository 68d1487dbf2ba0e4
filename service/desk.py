"""The imperative shell around the engine: dedupe → lock → step → save state, transcript, outbox.

Everything one inbound message causes is committed in one transaction, so a redelivery, a crash
or a second process never doubles or loses an effect.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from core import engine, notices, validators, walker
from core.calendar import reaction_deadline
from core.clock_words import clock_question
from core.consent_words import ConsentIntent, about_consent
from core.events import (
    EMAIL_COPY,
    AnswerByEmailAsked,
    ClientWroteOnTicket,
    ConsentGiven,
    ConsentRefused,
    ConsentWithdrawn,
    ContactVerified,
    Event,
    FaqFeedback,
    NewsSubscriptionChanged,
    PersonalDataShown,
    QuestionUnanswered,
    TicketFieldsAdded,
    TicketJoined,
    TicketOpened,
    TicketRated,
    VerificationRequested,
)
from core.messages import TICKET_EXTRA, Choice, Inbound, Outbound
from core.my_requests import asked_about_requests, ticket_number_in
from core.personal_data import StoredData
from core.replies import Reply, choices_on_last, one_letter
from core.scrub import without_person
from core.staff import status_after_client_wrote
from core.stages.consent import CONSENT_CHOICES
from core.stages.intake import KIND_CHOICES
from core.stages.summary import SEND
from core.stages.turn import OpenTicket
from core.state import ConversationState
from core.texts import t
from core.validators import InvalidAnswer, contacts
from service import metrics, verification
from service.staff_notices import AlertPolicy, critical_alert, retitle
from service.web import form_links
from service.web.form_model import SubmittedForm
from storage.models import Client, Conversation, FaqFeedbackRecord, Identity, Message, OutboxItem, Ticket
from storage.repos import clients, conversations, dedupe, erasure, faq_gaps, messages, outbox, tickets
from storage.repos import form_links as stored_links
from storage.repos.client_tickets import client_tickets
from storage.store import Store

Clock = Callable[[], datetime]
LINKED_CHANNELS = frozenset({"viber", "whatsapp"})  # no Mini Apps: the form is a single-use link in the text
FORM_OFFERED_AT = frozenset({CONSENT_CHOICES[0], KIND_CHOICES[0]})  # where the intake starts
# The engine's step costs about 4.5 µs of CPU per character (the FAQ search): a message up to this long takes
# ~1 ms and runs on the event loop; a longer one goes to a thread. A thread hop costs more than such a short
# step, and on SQLite it is taken while the transaction holds the single writer (a third fewer updates a second).
STEP_ON_LOOP_CHARS = 300
# answers to one address within an hour, past which its letters are taken as an auto-responder's (no person writes
# to a helpdesk this often; a loop of two automatic mailboxes does, for ever)
LETTERS_AN_HOUR = 12
log = structlog.get_logger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def split_contact(value: str) -> tuple[str | None, str | None]:
    """(phone, email) from the intake's contact answer, which may hold both («+78462001020, a@b.ru»)."""
    try:
        found = contacts(value)
    except InvalidAnswer:  # erased on withdrawal
        return None, None
    return found.phone, found.email


def verified(phone: str | None) -> str | None:
    """A phone the messenger vouched for, in E.164; None when there is none or it cannot be read."""
    if not phone:
        return None
    try:
        return validators.phone(phone)
    except InvalidAnswer:
        return None


@dataclass
class Turn:
    """One client message on its way through the desk: who wrote, where, and what was proved or claimed."""

    inbound: Inbound
    identity: Identity
    client: Client
    conversation: Conversation
    now: datetime
    claim: verification.CodeDestination | None = None  # a typed contact of another client, and where a code goes
    proven: Client | None = None  # the client on file whose code was typed back correctly
    tickets: dict[str, Ticket] = field(default_factory=dict)  # tickets loaded in this turn, by number
    open_tickets: list[Ticket] | None = None  # the open tickets of ``client`` as first read (None: not read)


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
        email_answers: bool = False,
        alerts: AlertPolicy | None = None,
        form_base_url: str | None = None,
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
        self.email_answers = email_answers  # the e-mail channel is on: answers can also go out in writing
        self.alerts = alerts or AlertPolicy()  # who the group calls on for escalations and critical tickets
        # the intake as a web form is offered only over https: Telegram opens Mini Apps from https alone
        self.form_base_url = form_base_url if (form_base_url or "").startswith("https://") else None

    # --- clients' messages
    async def handle(self, inbound: Inbound) -> bool:
        """Process one client message; False when it was a redelivery and nothing happened."""
        inbound = inbound.clipped()
        async with self.transaction() as session:
            if not await dedupe.claim_update(session=session, key=f"{inbound.channel}:{inbound.platform_id}"):
                return False
            now = self.clock()
            chat = await self._chat(session, inbound.channel, inbound.sender, inbound.chat, now)
            identity, client, conversation = chat.identity, chat.client, chat.conversation
            proved = await self._link_verified_phone(session, identity, client, inbound.verified_phone)
            client = proved or client
            if inbound.channel == "whatsapp":  # the client wrote: replies held for the 24-hour window go out first
                queue = outbox.queue_of(inbound.channel, inbound.chat)
                await outbox.release_held(session=session, queue=queue, now=now)
            conversation.client_id = client.id or conversation.client_id  # the chat talks for its client
            known_open = chat.open_tickets if proved is None else None  # those of the client the chat was with
            turn = Turn(inbound, identity, client, conversation, now, open_tickets=known_open)
            if client.consent_at is not None:
                self._remember_chat(turn)
            state = ConversationState.from_dict(conversation.state)
            await self._step(session, turn, state, await self._context(session, state, turn, proved))
        return True

    @staticmethod
    async def _chat(session: AsyncSession, channel: str, sender: str, chat: str, now: datetime) -> conversations.Chat:
        """The writer's identity and client, and the chat's conversation locked; created on first contact.

        A known chat costs two statements: one SELECT of its rows (with the client's open tickets), one UPDATE.
        """
        found = await conversations.lock_known_chat(session=session, channel=channel, sender=sender, chat=chat)
        if found is not None:
            await clients.mark_inbound(session=session, identity=found.identity, now=now)
            return found
        identity, client = await clients.ensure_identity(
            session=session, channel=channel, sender=sender, chat=chat, now=now
        )
        conversation = await conversations.lock_conversation(
            session=session, channel=channel, chat=chat, client_id=client.id or 0
        )
        return conversations.Chat(identity, client, conversation)

    async def _step(
        self, session: AsyncSession, turn: Turn, state: ConversationState, ctx: engine.Context, heard: str | None = None
    ) -> ConversationState:
        """The engine's answer to the turn's message: the message, what it caused and the replies, all stored.

        ``heard``: what the transcript shows instead of the message (a form sent from the web).
        """
        inbound, conversation = turn.inbound, turn.conversation
        answering_personal = state.answering_personal_field or heard is not None
        if len(inbound.text or "") <= STEP_ON_LOOP_CHARS:
            step = engine.step(state, inbound, ctx)
        else:  # the event loop keeps answering webhooks meanwhile
            step = await asyncio.to_thread(engine.step, state, inbound, ctx)
        assert conversation.id is not None
        # «по заявке TP-00001: …» in a chat talking to TP-00002 is TP-00001's: the ticket it was written on, if any
        wrote = (event.ticket for event in step.events if isinstance(event, ClientWroteOnTicket))
        written_on = next(wrote, state.open_ticket_number)
        text = heard or inbound.text or (f"[{inbound.choice}]" if inbound.choice else None)
        said = messages.message_row(
            conversation_id=conversation.id,
            ticket_id=await self._ticket_id(session, turn, written_on),
            direction="in",
            text=without_person(text) if text and written_on and turn.client.consent_at is None else text,
            # the files the client was told were refused (an .exe) are not offered to the engineers either
            attachments=[a.to_dict() for a in inbound.attachments if walker.check_attachment(a) is None],
            personal=answering_personal or (inbound.verified_phone is not None and not inbound.text),
            channel=inbound.channel,
        )
        if step.events:  # what they cause may read the transcript or give it to a ticket: the message is in it first
            await messages.insert_messages(session=session, rows=[said])
        caused: list[Outbound] = []  # what the events say comes first: «заявка зарегистрирована» before
        for event in step.events:  # a rating question the engine asks once the draft is sent
            caused += await self._apply(session, event, step.state, turn)
        replies = caused + list(step.replies)
        if inbound.by_letter:
            replies = one_letter(replies) if not await self._mail_loop(session, turn) else []
        elif inbound.choices_last:
            replies = choices_on_last(replies)
        replies = [self._offer_form(session, reply, turn) for reply in replies]
        ticket_id = await self._ticket_id(session, turn, step.state.open_ticket_number)
        await self._save(session, turn, step.state, replies, ticket_id, said=[] if step.events else [said])
        return step.state

    async def _mail_loop(self, session: AsyncSession, turn: Turn) -> bool:
        """An address answered more than ``LETTERS_AN_HOUR`` times within the hour is an auto-responder that sends
        no automatic headers (a helpdesk answering every letter): its letters are still kept and reach any ticket,
        but answered no more, or the two would write to each other for ever."""
        queue, since = outbox.queue_of(turn.inbound.channel, turn.inbound.chat), turn.now - timedelta(hours=1)
        sent = await outbox.queued_since(session=session, queue=queue, since=since)
        if sent >= LETTERS_AN_HOUR:
            log.warning("email_answers_paused", conversation_id=turn.conversation.id, answers=sent)
        return sent >= LETTERS_AN_HOUR

    async def _save(
        self,
        session: AsyncSession,
        turn: Turn,
        state: ConversationState,
        replies: list[Outbound],
        ticket_id: int | None,
        said: list[dict[str, Any]],
    ) -> None:
        """``record`` for a client's step, in three statements: the state, the replies, the transcript's lines
        (``said``, the client's message not written yet, first)."""
        conversation, now = turn.conversation, turn.now
        await conversations.store_state(session=session, conversation=conversation, state=state.to_dict(), now=now)
        items, lines = self._rows(conversation, replies, now, ticket_id)
        await outbox.insert_items(session=session, rows=items)
        await messages.insert_messages(session=session, rows=said + lines)

    def _offer_form(self, session: AsyncSession, reply: Outbound, turn: Turn) -> Outbound:
        """The consent and kind questions also offer the intake as a web form: a Mini App button, or a one-use link."""
        if self.form_base_url is None or not FORM_OFFERED_AT.intersection(reply.choices):
            return reply
        if reply.channel == "telegram":
            button = Choice("form:open", t("webform.offer_button"), url=form_links.telegram_url(self.form_base_url))
            return replace(reply, choices=(*reply.choices, button))
        if reply.channel not in LINKED_CHANNELS or turn.conversation.id is None:
            return reply
        token = form_links.new_token()
        stored_links.add_link(
            session=session,
            token_hash=form_links.token_hash(token),
            conversation_id=turn.conversation.id,
            channel=reply.channel,
            chat=reply.chat,
            now=turn.now,
            expires_at=turn.now + form_links.LINK_LIFETIME,
        )
        link = t("webform.offer_link", url=form_links.link_url(self.form_base_url, token))
        return replace(reply, text=f"{reply.text}\n\n{link}")

    async def submit_form(self, form: SubmittedForm, claim: Callable[[AsyncSession], Awaitable[bool]]) -> str | None:
        """A client's intake sent from the web form: the same step as «Отправить» under the chat's summary.

        ``claim`` runs in the same transaction first (a link used once); when it refuses, nothing is stored.
        Returns the number of the ticket opened.
        """
        chat = form.chat
        inbound = Inbound(
            channel=chat.channel,
            sender=chat.chat,
            chat=chat.chat,
            platform_id=f"form:{secrets.token_hex(8)}",
            choice=SEND.payload,
            profile_name=chat.profile_name,
        )
        async with self.transaction() as session:
            if not await claim(session):
                return None
            now = self.clock()
            found = await self._chat(session, chat.channel, chat.chat, chat.chat, now)
            identity, client, conversation = found.identity, found.client, found.conversation
            conversation.client_id = client.id or conversation.client_id
            turn = Turn(inbound, identity, client, conversation, now, open_tickets=found.open_tickets)
            state = ConversationState.from_dict(conversation.state)
            if form.consent is not None:
                await self._apply(session, form.consent, state, turn)
            draft = form.draft(state)
            ctx = await self._context(session, draft, turn, None)
            done = await self._step(session, turn, draft, ctx, heard=t("webform.transcript"))
            log.info("web_form_sent", ticket=done.ticket, channel=chat.channel)
            return done.ticket

    @staticmethod
    def _remember_chat(turn: Turn) -> None:
        """What the messenger tells us of a consenting client's chat: the profile name, the phone it vouches for."""
        if turn.inbound.profile_name:
            turn.identity.profile_name = turn.inbound.profile_name
        phone = verified(turn.inbound.verified_phone)
        if phone:
            turn.identity.phone = phone

    async def _link_verified_phone(
        self, session: AsyncSession, identity: Identity, client: Client, verified_phone: str | None
    ) -> Client | None:
        """A phone the messenger vouches for joins this chat to the client on file whose own chat has that phone.

        Only a new client without tickets is joined; a typed phone never joins anything (see ``_claim``).
        """
        phone = verified(verified_phone)
        if phone is None or identity.phone == phone:
            return None
        assert client.id is not None
        known = await clients.find_by_verified_phone(session=session, phone=phone, other_than=client.id)
        if known is None or await tickets.tickets_of_client(session=session, client_id=client.id):
            return None
        return await clients.link_identity(session=session, identity=identity, client=known)

    async def _context(
        self, session: AsyncSession, state: ConversationState, turn: Turn, proved: Client | None
    ) -> engine.Context:
        """What the engine needs to know for this message; the proofs and claims it may meet are checked here."""
        text = turn.inbound.text or ""
        at_contact = state.at_contact_question
        contact_match = dict(proved.profile or {}) if proved is not None and at_contact else {}
        code_check = None
        if state.awaiting_earlier_contact and text:
            turn.claim = await self._claim(session, turn, text)
        if state.awaiting_code and text:
            code_check, proven_id = await verification.check(session, turn.identity, text, turn.now)
            turn.proven = await session.get(Client, proven_id) if proven_id else None
        wants_data = bool(text) and about_consent(text) is ConsentIntent.MY_DATA
        asks_requests = bool(text) and (
            asked_about_requests(text) is not None or ticket_number_in(text) is not None or clock_question(text)
        )
        assert turn.client.id is not None
        return engine.Context(
            now=turn.now,
            consent_given=turn.client.consent_at is not None,
            consent_withdrawn=turn.client.anonymized_at is not None,
            on_file=dict(turn.client.profile or {}),
            contact_match=contact_match,
            code_check=code_check,
            stored_data=await self._stored_data(session, turn.client) if wants_data else None,
            timezone=self.timezone,
            faq=metrics.counting_lookups(self.faq),
            open_tickets=await self._open_tickets(session, turn),
            news_subscribed=turn.client.news_subscribed,
            news_chosen=turn.client.news_changed_at is not None,
            client_tickets=await client_tickets(session=session, client_id=turn.client.id) if asks_requests else (),
            sender_vouched=await self._vouched(session, turn.inbound),
        )

    @staticmethod
    async def _vouched(session: AsyncSession, inbound: Inbound) -> bool:
        """The platform vouches for the sender, or the message replies to one of ours to this chat (a letter)."""
        if inbound.sender_vouched:
            return True
        queue = outbox.queue_of(inbound.channel, inbound.chat)
        return await outbox.sent_to(session=session, queue=queue, message_ids=inbound.answers)

    @staticmethod
    async def _open_tickets(session: AsyncSession, turn: Turn) -> tuple[OpenTicket, ...]:
        """The client's open tickets from all their chats: one client across messengers only where proved (4.13)."""
        assert turn.client.id is not None
        found = turn.open_tickets
        if found is None:
            found = await tickets.tickets_of_client(session=session, client_id=turn.client.id, open_only=True)
        turn.tickets.update((ticket.number, ticket) for ticket in found if ticket.number is not None)
        return tuple(
            OpenTicket(
                number=ticket.number,
                channel=ticket.channel,
                here=ticket.conversation_id == turn.conversation.id,
                subject=walker.given(ticket.fields.get("description"))
                or walker.given(ticket.fields.get("expected"))
                or "",
                product=walker.given(ticket.fields.get("product_name")),
                engineer=ticket.assignee,
                waiting=ticket.status == "waiting",
            )
            for ticket in found
            if ticket.number is not None
        )

    async def _claim(self, session: AsyncSession, turn: Turn, text: str) -> verification.CodeDestination | None:
        """A typed phone or e-mail of another client on file: where a code may go to prove it is theirs.

        The claim itself reveals nothing and links nothing; without a code the chat goes on as a new client.
        """
        try:
            typed = contacts(text)
        except InvalidAnswer:
            return None
        phone, email = typed.phone, typed.email
        assert turn.client.id is not None
        known = await clients.find_claimed(session=session, phone=phone, email=email, other_than=turn.client.id)
        if known is None:
            return None
        return await verification.destination(session, turn.identity, known, phone, turn.now)

    async def _stored_data(self, session: AsyncSession, client: Client) -> StoredData:
        assert client.id is not None
        chats = await clients.identities_of(session=session, client_id=client.id)
        own_tickets = await tickets.tickets_of_client(session=session, client_id=client.id)
        return StoredData(
            consent_at=client.consent_at,
            consent_version=client.consent_version,
            name=client.name,
            phone=client.phone,
            email=client.email,
            profile=dict(client.profile or {}),
            chats=tuple((i.channel, i.profile_name) for i in chats),
            tickets=tuple((t.number or "", t.status) for t in own_tickets),
            news_since=client.news_changed_at if client.news_subscribed else None,
            withdrawn_at=client.anonymized_at,
        )

    @staticmethod
    async def _ticket_id(session: AsyncSession, turn: Turn, number: str | None) -> int | None:
        """The id of the ticket ``number``: no SELECT for one the turn loaded already (an open one, one just opened)."""
        if number is None:
            return None
        ticket = await Desk._ticket(session, turn, number)
        return ticket.id if ticket else None

    @staticmethod
    async def _ticket(session: AsyncSession, turn: Turn, number: str) -> Ticket | None:
        """The ticket ``number``; one the turn loaded already (the session's own object) without a query."""
        ticket = turn.tickets.get(number)
        if ticket is None:
            ticket = await tickets.get_ticket(session=session, number=number)
        if ticket is not None:
            turn.tickets[number] = ticket
        return ticket

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
        """Save the state; queue the replies (``held``: kept until the client writes) and add them to the transcript.

        Written by the ORM's flush at the end of the transaction (a client's step uses ``_save`` instead).
        """
        conversations.save_state(conversation, state.to_dict(), now)
        items, lines = self._rows(conversation, replies, now, ticket_id, direction, held)
        session.add_all([*(OutboxItem(**item) for item in items), *(Message(**line) for line in lines)])

    @staticmethod
    def _rows(
        conversation: Conversation,
        replies: list[Outbound],
        now: datetime,
        ticket_id: int | None,
        direction: str = "out",
        held: bool = False,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The replies as outbox items and as lines of the transcript (the tables' rows)."""
        assert conversation.id is not None
        status = "held" if held else "pending"
        items = [
            outbox.item_row(channel=reply.channel, chat=reply.chat, payload=reply.to_dict(), now=now, status=status)
            for reply in replies
        ]
        lines = [
            messages.message_row(
                conversation_id=conversation.id,
                ticket_id=ticket_id,
                direction=direction,
                text=reply.text,
                attachments=[a.to_dict() for a in reply.attachments],
                personal=reply.extras.get("personal") == "1",
                channel=reply.channel,
            )
            for reply in replies
        ]
        return items, lines

    def notify_staff(self, session: AsyncSession, payload: dict[str, Any], now: datetime) -> None:
        """Queue something for the engineers' group; without a group there is no one to tell."""
        if self.staff_enabled:
            outbox.enqueue(
                session=session, channel="staff", chat=str(payload.get("ticket", "")), payload=payload, now=now
            )

    def notify_critical(self, session: AsyncSession, ticket: Ticket, now: datetime) -> None:
        """A critical ticket is announced in the group's general topic to the engineers on duty (4.10)."""
        alert = critical_alert(ticket, self.alerts, now, self.timezone)
        if alert is not None:
            self.notify_staff(session, alert, now)

    async def _engineers_turn(self, session: AsyncSession, turn: Turn, number: str) -> None:
        """The client wrote on a ticket waiting for them: its topic's title shows it is the engineers' turn."""
        ticket, now = await self._ticket(session, turn, number), turn.now
        if ticket is None:
            return
        status = status_after_client_wrote(ticket.status, taken=ticket.assignee is not None)
        if status != ticket.status:
            ticket.status = status
            self.notify_staff(session, retitle(ticket), now)

    async def _apply(self, session: AsyncSession, event: Event, state: ConversationState, turn: Turn) -> list[Outbound]:
        """Store what an engine event means; return any extra replies it causes."""
        if isinstance(event, ConsentGiven):
            await clients.record_consent(
                session=session,
                client=turn.client,
                version=event.version,
                text=event.text,
                channel=turn.inbound.channel,
                now=turn.now,
            )
            self._remember_chat(turn)
        elif isinstance(event, ConsentRefused) and turn.conversation.id is not None:
            await messages.redact_unfiled(session=session, conversations=[turn.conversation.id])
        elif isinstance(event, ConsentWithdrawn):
            await erasure.erase_person(session=session, client=turn.client, now=turn.now)
            assert turn.client.id is not None
            for ticket in await tickets.tickets_of_client(session=session, client_id=turn.client.id):
                self.notify_staff(session, {"type": "consent_withdrawn", "ticket": ticket.number}, turn.now)
        elif isinstance(event, VerificationRequested):
            await self._send_code(session, turn, turn.claim)
        elif isinstance(event, ContactVerified) and turn.proven is not None:
            turn.client = await clients.link_identity(session=session, identity=turn.identity, client=turn.proven)
            turn.conversation.client_id = turn.client.id or turn.conversation.client_id
        elif isinstance(event, PersonalDataShown):
            log.info("personal_data_shown", client_id=turn.client.id)
        elif isinstance(event, TicketOpened):
            return [await self._open_ticket(session, event, state, turn)]
        elif isinstance(event, TicketFieldsAdded):
            await self._add_fields(session, event, turn)
        elif isinstance(event, ClientWroteOnTicket):
            await self._engineers_turn(session, turn, event.ticket)
            self.notify_staff(
                session,
                {
                    "type": "client_message",
                    "ticket": event.ticket,
                    "text": without_person(event.text) if event.text and turn.client.consent_at is None else event.text,
                    "attachments": list(event.attachments),
                    "channel": turn.inbound.channel,  # named to the engineers when not the ticket's (4.13)
                },
                turn.now,
            )
        elif isinstance(event, TicketJoined):  # the messages this chat held for the question join the ticket
            ticket_id, conversation_id = await self._ticket_id(session, turn, event.ticket), turn.conversation.id
            if ticket_id is not None and conversation_id is not None:
                await messages.attach_dialogue(session=session, conversation_id=conversation_id, ticket_id=ticket_id)
        elif isinstance(event, AnswerByEmailAsked):
            return [await self._answer_by_email(session, event, turn)]
        elif isinstance(event, FaqFeedback):
            session.add(FaqFeedbackRecord(entry_id=event.entry_id, helpful=event.helpful, created_at=turn.now))
            if not event.helpful:  # «не помогло»: a gap of the knowledge base, with the entry that missed
                self._record_gap(session, event.query, turn, entry_id=event.entry_id)
        elif isinstance(event, QuestionUnanswered):
            self._record_gap(session, event.query, turn)
        elif isinstance(event, TicketRated):
            ticket = await self._ticket(session, turn, event.ticket)
            if ticket is not None:
                if event.score is not None:
                    ticket.rating = event.score
                if event.comment is not None:
                    ticket.rating_comment = event.comment
        elif isinstance(event, NewsSubscriptionChanged):
            clients.set_news(client=turn.client, subscribed=event.subscribed, now=turn.now)
        return []

    @staticmethod
    def _record_gap(session: AsyncSession, query: str, turn: Turn, entry_id: str | None = None) -> None:
        """Keep a question the FAQ did not settle for `faq gaps`, without the writer's names and contacts."""
        faq_gaps.record_gap(
            session=session,
            query=query,
            now=turn.now,
            entry_id=entry_id,
            names=(turn.client.name, turn.identity.profile_name, turn.inbound.profile_name),
            phones=(turn.client.phone, turn.identity.phone, turn.inbound.verified_phone),
            emails=(turn.client.email,),
        )

    async def _add_fields(self, session: AsyncSession, event: TicketFieldsAdded, turn: Turn) -> None:
        """A critical ticket opened early (the client's later answers), or the client's own data put right on an open
        ticket: the answers join its fields and the data on file, and reach its engineers."""
        ticket = await self._ticket(session, turn, event.ticket)
        if ticket is None:
            return
        ticket.fields = {**(ticket.fields or {}), **event.fields}
        turn.client.name = event.remembered.get("contact_name") or turn.client.name
        phone, email = split_contact(event.remembered.get("contact", ""))
        turn.client.phone, turn.client.email = phone or turn.client.phone, email or turn.client.email
        turn.client.profile = {**(turn.client.profile or {}), **event.remembered}
        lines = walker.field_lines(event.fields)
        await self._engineers_turn(session, turn, event.ticket)  # the client answered: the engineers' turn again
        self.notify_staff(session, {"type": "client_message", "ticket": event.ticket, "text": lines}, turn.now)

    async def _answer_by_email(self, session: AsyncSession, event: AnswerByEmailAsked, turn: Turn) -> Outbound:
        """Engineers' answers on the ticket also go to the client's e-mail (the ticket's contact, else on file)."""
        ticket = await self._ticket(session, turn, event.ticket)
        address = split_contact((ticket.fields or {}).get("contact", ""))[1] if ticket is not None else None
        address = address or turn.client.email
        if not self.email_answers:
            reply = t("ticket.email_answers_off")
        elif ticket is None or not address:
            reply = t("ticket.email_answers_no_address", number=event.ticket)
        else:
            ticket.fields = {**(ticket.fields or {}), EMAIL_COPY: address}
            reply = t("ticket.email_answers_on", number=event.ticket, address=address)
        return Reply(reply, personal=True).to(turn.inbound)

    async def _send_code(self, session: AsyncSession, turn: Turn, claim: verification.CodeDestination | None) -> None:
        """The code goes to the client on file's own chat, not to this one, and not into any transcript. For a
        contact on file nowhere (or past the limits) a code is kept all the same and sent to nobody: what is
        typed back is checked and counted alike, so the answers tell nobody whether the contact is a client's."""
        code = await verification.issue(session, turn.identity, claim.client if claim else turn.client, turn.now)
        if claim is None:
            return
        text = t("verify.code_message", code=code, channel=t(f"channel.{turn.inbound.channel}"))
        message = Outbound(channel=claim.chat.channel, chat=claim.chat.chat, text=text)  # type: ignore[arg-type]
        outbox.enqueue(
            session=session, channel=message.channel, chat=message.chat, payload=message.to_dict(), now=turn.now
        )
        log.info("verification_code_sent", requester=turn.identity.id, client_id=claim.client.id)

    async def _open_ticket(
        self, session: AsyncSession, event: TicketOpened, state: ConversationState, turn: Turn
    ) -> Outbound:
        client, conversation, now = turn.client, turn.conversation, turn.now
        phone, email = split_contact(event.fields.get("contact", ""))
        client.name = event.remembered.get("contact_name") or client.name
        client.phone, client.email = phone or client.phone, email or client.email
        client.profile = {**(client.profile or {}), **event.remembered}
        fields: dict[str, Any] = {**event.fields, "attachments": list(event.attachments)}
        assert client.id is not None and conversation.id is not None
        # the contact typed is another client's on file: the engineers may want to know (the client is told nothing)
        similar = await clients.find_claimed(session=session, phone=phone, email=email, other_than=client.id)
        if similar is not None and similar.id is not None:
            earlier = await tickets.tickets_of_client(session=session, client_id=similar.id)
            if earlier:
                fields["possible_same_client"] = earlier[-1].number
        ticket = await tickets.create_ticket(
            session=session,
            ticket=Ticket(
                client_id=client.id,
                conversation_id=conversation.id,
                channel=conversation.channel,
                chat=conversation.chat,
                kind=event.kind,
                priority=event.priority,
                fields=fields,
                created_at=now,
                reaction_due_at=reaction_deadline(now, self.timezone),
            ),
        )
        assert ticket.number is not None and ticket.id is not None
        turn.tickets[ticket.number] = ticket
        await messages.attach_dialogue(session=session, conversation_id=conversation.id, ticket_id=ticket.id)
        state.ticket = ticket.number
        self.notify_staff(session, {"type": "ticket_opened", "ticket": ticket.number}, now)
        self.notify_critical(session, ticket, now)
        reply = notices.ticket_opened(
            ticket.number, ticket.priority, now, ticket.reaction_due_at, self.timezone, ask_news=event.ask_news
        )
        confirmation = reply.to(turn.inbound)  # in the client's thread where the channel has one (e-mail)
        return replace(confirmation, extras={**confirmation.extras, TICKET_EXTRA: ticket.number})

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
