"""What happened in a step, for the shell to act on (store, staff group, statistics)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ConsentGiven:
    version: str
    text: str


@dataclass(frozen=True)
class ConsentRefused:
    pass


@dataclass(frozen=True)
class ConsentWithdrawn:
    pass


@dataclass(frozen=True)
class PersonalDataShown:
    """The client asked what is stored about them (152-FZ art. 14) and was shown it."""


@dataclass(frozen=True)
class VerificationRequested:
    """The contact typed belongs to a client on file: send a one-time code to that client's own chat."""


@dataclass(frozen=True)
class ContactVerified:
    """The right code came back: this chat belongs to the client on file."""


@dataclass(frozen=True)
class TicketOpened:
    kind: str
    priority: str
    fields: dict[str, str]
    attachments: tuple[dict[str, Any], ...] = ()
    remembered: dict[str, str] = field(default_factory=dict)  # to offer back next time
    ask_news: bool = False  # the confirmation also asks whether the client wants the release news (4.8)


@dataclass(frozen=True)
class TicketFieldsAdded:
    """A critical ticket opened before the intake was over: the client's later answers, to add to it."""

    ticket: str
    fields: dict[str, str]
    remembered: dict[str, str] = field(default_factory=dict)  # to offer back next time


@dataclass(frozen=True)
class ClientWroteOnTicket:
    ticket: str
    text: str | None
    attachments: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class TicketJoined:
    """The client said this chat's message is about an open ticket (4.13): the chat's unfiled messages join it."""

    ticket: str


EMAIL_COPY = "answer_by_email"  # the ticket field holding the address engineers' answers are copied to


@dataclass(frozen=True)
class AnswerByEmailAsked:
    """The client wants the engineers' answers on the ticket in writing, by e-mail too (regulation 4.6)."""

    ticket: str


@dataclass(frozen=True)
class FaqFeedback:
    entry_id: str
    query: str
    helpful: bool


@dataclass(frozen=True)
class QuestionUnanswered:
    """A client's question the FAQ had no confident answer for: kept, without personal data, for `faq gaps`."""

    query: str


@dataclass(frozen=True)
class TicketRated:
    ticket: str
    score: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class NewsSubscriptionChanged:
    """The client chose whether to get the release news (4.8): stored on the client with the time of the choice."""

    subscribed: bool


Event = (
    ConsentGiven
    | ConsentRefused
    | ConsentWithdrawn
    | PersonalDataShown
    | VerificationRequested
    | ContactVerified
    | TicketOpened
    | TicketFieldsAdded
    | ClientWroteOnTicket
    | TicketJoined
    | AnswerByEmailAsked
    | FaqFeedback
    | QuestionUnanswered
    | TicketRated
    | NewsSubscriptionChanged
)
