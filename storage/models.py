"""Tables of the store. Timestamps are UTC and timezone-aware; personal data is marked as such."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, MetaData, UniqueConstraint, false, text
from sqlmodel import Field, SQLModel

from storage.types import JsonDict, UtcDateTime, utcnow

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def _ts(**kwargs: Any) -> Any:
    return Field(default_factory=utcnow, sa_type=UtcDateTime, **kwargs)


def _json() -> Any:
    return Field(default_factory=dict, sa_column=Column(JsonDict, nullable=False))


QUEUE_ACTIVE = ("pending", "leased")  # the statuses of a queue's unfinished items (inbox, outbox)


def _only_active() -> dict[str, Any]:
    """A partial index's condition: a queue's unfinished items, a few among the many finished ones."""
    condition = text("status IN ({})".format(", ".join(f"'{status}'" for status in QUEUE_ACTIVE)))
    return {"sqlite_where": condition, "postgresql_where": condition}


class Client(SQLModel, table=True):
    """A person or organization that asked for support, across every channel they used."""

    id: int | None = Field(default=None, primary_key=True)
    name: str | None = None  # personal
    phone: str | None = Field(default=None, index=True)  # personal, E.164
    email: str | None = Field(default=None, index=True)  # personal
    profile: dict[str, Any] = _json()  # remembered answers offered back next time (after consent only)
    consent_version: str | None = None
    consent_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    news_subscribed: bool = Field(default=False, sa_column_kwargs={"server_default": false()})  # release news (4.8)
    news_changed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)  # when the client last chose
    anonymized_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = _ts()


class Identity(SQLModel, table=True):
    """One client's address on one messenger."""

    __table_args__ = (UniqueConstraint("channel", "sender"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    channel: str
    sender: str
    chat: str
    profile_name: str | None = None  # personal
    phone: str | None = None  # personal: a shared contact or WhatsApp's WaId
    unreachable: bool = False
    last_inbound_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = _ts()


class Conversation(SQLModel, table=True):
    """The dialogue state of one chat, saved after every step."""

    __table_args__ = (UniqueConstraint("channel", "chat"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str
    chat: str
    client_id: int = Field(foreign_key="client.id", index=True)
    state: dict[str, Any] = _json()
    updated_at: datetime = _ts()


class Ticket(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: str | None = Field(default=None, unique=True, index=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    channel: str
    chat: str
    kind: str
    priority: str
    status: str = Field(default="open", index=True)  # open, in_progress, closed
    fields: dict[str, Any] = _json()
    assignee: str | None = None
    assignee_id: str | None = None
    rating: int | None = None
    rating_comment: str | None = None
    staff_chat_id: str | None = None
    staff_thread_id: int | None = None
    staff_message_id: int | None = None  # the card, for reply threads where topics are off
    created_at: datetime = _ts()
    reaction_due_at: datetime = Field(sa_type=UtcDateTime)
    first_answer_at: datetime | None = Field(default=None, sa_type=UtcDateTime)  # the engineers' first reply (4.7)
    reminded_at: datetime | None = Field(default=None, sa_type=UtcDateTime)  # the topic's reminder before the deadline
    escalated_at: datetime | None = Field(default=None, sa_type=UtcDateTime)  # the deadline passed unanswered
    closed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class Message(SQLModel, table=True):
    """The transcript: every message of a conversation, both ways, with staff notes."""

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    direction: str  # in (client), out (bot), staff (engineer to client), note (internal)
    channel: str | None = None  # the messenger a client's message came from (4.13: one ticket, many channels)
    author: str | None = None
    text: str | None = None
    attachments: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JsonDict, nullable=False))
    personal: bool = False  # redacted when consent is withdrawn
    created_at: datetime = _ts()


class ConsentRecord(SQLModel, table=True):
    """Consent to personal-data processing (152-FZ): when, which text, and when withdrawn."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    version: str
    text: str
    channel: str
    given_at: datetime = _ts()
    withdrawn_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class ProcessedUpdate(SQLModel, table=True):
    """Platform ids already handled: a redelivery ends here."""

    key: str = Field(primary_key=True)  # "<channel>:<platform id>"
    created_at: datetime = _ts()


class OutboxItem(SQLModel, table=True):
    """A message waiting to be delivered; written in the same transaction as its cause."""

    __table_args__ = (
        Index("ix_outboxitem_pending", "status", "next_attempt_at"),
        Index("ix_outboxitem_active_queue", "queue", "id", **_only_active()),
    )
    id: int | None = Field(default=None, primary_key=True)
    channel: str  # a client channel, or "staff" for the engineers' group
    queue: str = Field(index=True)  # "<channel>:<chat>": delivered strictly in id order
    payload: dict[str, Any] = _json()
    # pending, leased (next_attempt_at is then the lease's end), sent, failed (for good: blocked, no such
    # chat, or the platform's later status callback), dead (still undelivered at the end of the retry
    # horizon: a dead letter, kept until replayed), skipped, held (WhatsApp's 24-hour window)
    status: str = Field(default="pending")
    platform_message_id: str | None = Field(default=None, index=True)  # for the platform's status callbacks
    attempts: int = 0
    # of a message sent in several parts (long text, files), how many got through: a retry resumes after them
    parts_sent: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    next_attempt_at: datetime = _ts()
    last_error: str | None = None
    created_at: datetime = _ts()
    sent_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    replayed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)  # a dead letter sent again: its new horizon
    announcement_id: str | None = Field(default=None, index=True)  # a release announcement's copy (4.8)


class InboxItem(SQLModel, table=True):
    """A webhook request stored before it is acknowledged, processed in order per chat."""

    __table_args__ = (
        # only partial indexes on the status: a planner then reads the oldest heads first, without a sort
        Index("ix_inboxitem_active_queue", "queue", "id", **_only_active()),
        Index("ix_inboxitem_active_id", "id", **_only_active()),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)  # "<channel>:<platform id>": a redelivery is refused here
    channel: str
    queue: str = Field(index=True)  # "<channel>:<chat>": processed strictly in id order
    body: dict[str, Any] = _json()  # the request as received; emptied once processed
    status: str = Field(default="pending")  # pending, leased, done, failed
    attempts: int = 0
    next_attempt_at: datetime = _ts()
    last_error: str | None = None
    created_at: datetime = _ts()


class VerificationCode(SQLModel, table=True):
    """A one-time code sent to a known client's own chat, to prove that a new chat belongs to the same person.

    Only a hash of the code is kept. ``requester_id`` is the identity that typed the client's contact;
    ``client_id`` the client on file whose chat received the code.
    """

    id: int | None = Field(default=None, primary_key=True)
    requester_id: int = Field(foreign_key="identity.id", index=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    code_hash: str
    salt: str
    attempts: int = 0
    status: str = Field(default="pending")  # pending, verified, locked, expired
    created_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=UtcDateTime)


class FaqFeedbackRecord(SQLModel, table=True):
    """«Помогло» / «Оформить заявку» after an FAQ answer, per entry, so staff see which answers fail."""

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(index=True)
    helpful: bool
    created_at: datetime = _ts()


class FaqGap(SQLModel, table=True):
    """A question the FAQ did not settle: no confident answer, or «не помогло» on the entry shown (`faq gaps`).

    No personal data and no link to a client: the text is kept scrubbed of phones, e-mails and the writer's
    known names (storage/repos/faq_gaps.py), so a withdrawal of consent has nothing to erase here.
    """

    id: int | None = Field(default=None, primary_key=True)
    text: str  # scrubbed and capped, as the client phrased it
    # the lemmas of the text, each once, sorted (core/gap_key.py): what `faq gaps` groups by
    key: str = Field(index=True)
    entry_id: str | None = None  # «не помогло»: the entry that did not help; None: no answer was found
    asked_at: datetime = _ts()


class Announcement(SQLModel, table=True):
    """A release announcement (4.8), sent once per ``id`` to every client subscribed at the time."""

    id: str = Field(primary_key=True)  # the caller's id: a repeated request finds it and sends nothing more
    text: str
    author: str | None = None  # the lead's Telegram id, or "api"
    recipients: int = 0
    report_chat: str | None = None  # where progress is reported (the staff group), if anywhere
    reported_at: datetime | None = Field(default=None, sa_type=UtcDateTime)  # the final counts were reported
    created_at: datetime = _ts()


class DeskUser(SQLModel, table=True):
    """A person of the support desk who logs in to the web desk (`support-bot desk user add`)."""

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True)
    password_hash: str  # argon2
    created_at: datetime = _ts()


class DeskSession(SQLModel, table=True):
    """A logged-in browser: the cookie holds the token, the store only its hash (a leaked table logs nobody in)."""

    token_hash: str = Field(primary_key=True)
    user_id: int = Field(foreign_key="deskuser.id", index=True)
    csrf_token: str  # echoed by every form of this session
    created_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=UtcDateTime)


class LoginFailure(SQLModel, table=True):
    """A failed desk login, counted per login and per address to slow guessing down; old rows are purged."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True)  # "login:<login>" or "ip:<address>"
    at: datetime = _ts()


class FormLink(SQLModel, table=True):
    """A signed, single-use, expiring link to the intake form sent to a Viber or WhatsApp client."""

    token_hash: str = Field(primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    channel: str
    chat: str
    created_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=UtcDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
