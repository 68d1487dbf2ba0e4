"""The conversation's memory between two messages: plain data, saved after every step.

Only the engine (core/engine.py and the handlers in core/stages/) moves a conversation from stage to
stage; the shell asks the questions below (``open_ticket_number``, ``awaiting_code`` …) instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from dataclasses import field as default
from enum import StrEnum
from typing import Any

from core.intake import PERSONAL_KEYS


class Stage(StrEnum):
    """Where a conversation is. The values are what the store keeps: rows saved before this enum hold them."""

    NEW = "new"  # never talked to
    IDLE = "idle"  # at the menu
    FAQ = "faq"  # an FAQ answer was shown: «Помогло» or a ticket
    CONSENT = "consent"  # a new ticket waits for consent to the processing of personal data
    KIND = "kind"  # problem, consultation, licence or wish
    CRITICALITY = "criticality"
    RETURNING = "returning"  # data on file offered back: «всё верно?»
    LINK = "link"  # the contact of an earlier chat is asked for, to join this chat to it (core/stages/link.py)
    VERIFY = "verify"  # a code went where that contact wrote from, if anywhere
    FIELD = "field"  # one question of the intake form (``ConversationState.field``)
    FORM = "form"  # the open questions of the intake in one message (``ConversationState.form_keys``)
    SUMMARY = "summary"  # the answers shown back before sending
    TICKET_OPEN = "ticket_open"  # messages go to the open ticket
    SAME_REQUEST = "same_request"  # «Это по заявке TP-…?» was asked (core/stages/same_request.py)
    RATING = "rating"  # a closed ticket's score
    RATING_COMMENT = "rating_comment"


DRAFT_STAGES = frozenset(
    {
        Stage.CONSENT,
        Stage.KIND,
        Stage.CRITICALITY,
        Stage.RETURNING,
        Stage.FIELD,
        Stage.FORM,
        Stage.SUMMARY,
    }
)  # a new ticket's intake
RATING_STAGES = frozenset({Stage.RATING, Stage.RATING_COMMENT})
AT_REST = frozenset({Stage.IDLE, Stage.TICKET_OPEN})  # where a rating put off by an engineer's /close is asked


def stored_stage(value: object) -> Stage:
    """The stage a saved row holds; a string no stage has (none so far) is the menu, as it always was."""
    try:
        return Stage(value)
    except ValueError:
        return Stage.IDLE


@dataclass
class ConversationState:
    stage: Stage = Stage.NEW
    kind: str | None = None
    priority: str | None = None
    answers: dict[str, str] = default(default_factory=dict)  # a key present with "" = skipped
    attachments: list[dict[str, Any]] = default(default_factory=list)
    field: str | None = None  # the intake field being asked
    form_keys: list[str] = default(default_factory=list)  # the fields asked in one message, in their numbers' order
    history: list[str] = default(default_factory=list)  # fields answered, for «назад»
    offer: dict[str, str] = default(default_factory=dict)  # data on file offered to a returning client
    pending_question: str | None = None  # an unanswered FAQ question or a reported malfunction: the description
    profile_name: str | None = None  # the messenger profile's name, offered as the contact name in one tap
    on_ticket: dict[str, str] = default(default_factory=dict)  # a critical ticket opened early: answers already on it
    faq_entry: str | None = None  # the FAQ entry just shown, for «Помогло»
    faq_query: str | None = None
    ticket: str | None = None  # number of the open ticket this chat talks to (kept while a draft or rating runs)
    engineer: str | None = None  # first name of the engineer who took it
    confirming_withdrawal: bool = False  # «Вы хотите отозвать согласие?» was asked
    confirming_cancel: bool = False  # «Отменить заполнение заявки?» was asked (core/stages/commands.py)
    rating_ticket: str | None = None  # the closed ticket the rating question is about (stages rating, rating_comment)
    ratings_due: list[str] = default(default_factory=list)  # closed during a draft: asked once the draft is over
    asked_ticket: str | None = None  # the ticket «Это по заявке TP-…?» asks about (stage same_request)
    asked_channel: str | None = None  # the messenger it was opened in, when that is another chat
    asked_in_draft: bool = False  # asked about a new request's description: «нет» goes on with the draft
    not_same: list[str] = default(default_factory=list)  # tickets of other chats this chat said «новая заявка» to
    joined_ticket: str | None = None  # another chat's ticket this chat's messages go to until it closes (4.13)
    news_offered: bool = False  # the end-of-intake question about the release news was asked (never twice)
    answering_news: bool = False  # it was asked just now: a plain «да» / «нет» answers it
    news_on_consent: str | None = None  # the stage the client asked to subscribe at, waiting for consent
    os_named: str | None = None  # «семёрка» at the system's question, its bitness asked: «64» next completes it

    def __post_init__(self) -> None:
        self.stage = Stage(self.stage)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "stage": self.stage.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ConversationState:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in (data or {}).items() if k in known}
        if "stage" in values:
            values["stage"] = stored_stage(values["stage"])
        state = cls(**values)
        if state.stage in RATING_STAGES and "rating_ticket" not in (data or {}):
            state.rating_ticket, state.ticket = state.ticket, None  # saved when the rated ticket was ``ticket``
        return state

    def reset_intake(self) -> None:
        """Forget everything collected for a ticket not yet sent."""
        self.kind = self.priority = self.field = self.pending_question = None
        self.profile_name = None
        self.answers, self.attachments, self.history, self.offer, self.form_keys = {}, [], [], {}, []
        self.on_ticket = {}
        self.news_on_consent = self.os_named = None

    # --- what the shell needs to know of the stage, answered here so that it never reads the stage itself
    @property
    def open_ticket_number(self) -> str | None:
        """The ticket this chat's messages go to now (not while a draft or a rating runs beside it).

        A critical ticket's intake goes on after it opened: those answers are the ticket's too.
        """
        return self.ticket if self.stage == Stage.TICKET_OPEN or self.on_ticket else None

    @property
    def calling_back(self) -> bool:
        """A critical request before its ticket opens: only what an engineer needs to call back is asked."""
        return self.priority == "critical" and not self.on_ticket

    @property
    def answering_personal_field(self) -> bool:
        """The question asked is personal data: the client's answer is marked personal in the transcript."""
        if self.stage == Stage.FORM:
            return any(key in PERSONAL_KEYS for key in self.form_keys)
        return self.stage == Stage.FIELD and self.field in PERSONAL_KEYS

    @property
    def at_contact_question(self) -> bool:
        """The question asked is the contact: a phone or e-mail typed may be another client's on file."""
        return self.stage == Stage.FIELD and self.field == "contact"

    @property
    def awaiting_earlier_contact(self) -> bool:
        """The contact of an earlier chat is asked for: a phone or e-mail typed may be a client's on file."""
        return self.stage == Stage.LINK

    @property
    def awaiting_code(self) -> bool:
        """A one-time code may have been sent to a client on file: what is typed now is checked as that code."""
        return self.stage == Stage.VERIFY
