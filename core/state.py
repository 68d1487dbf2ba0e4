"""The conversation's memory between two messages: plain data, saved after every step."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from dataclasses import field as default
from typing import Any


@dataclass
class ConversationState:
    stage: str = "new"
    kind: str | None = None
    priority: str | None = None
    answers: dict[str, str] = default(default_factory=dict)  # a key present with "" = skipped
    attachments: list[dict[str, Any]] = default(default_factory=list)
    field: str | None = None  # the intake field being asked
    history: list[str] = default(default_factory=list)  # fields answered, for «назад»
    offer: dict[str, str] = default(default_factory=dict)  # data on file offered to a returning client
    pending_question: str | None = None  # an unanswered FAQ question, becomes the description
    faq_entry: str | None = None  # the FAQ entry just shown, for «Помогло»
    faq_query: str | None = None
    ticket: str | None = None  # number of the open ticket this chat talks to (kept while a draft or rating runs)
    engineer: str | None = None  # first name of the engineer who took it
    verify_channel: str | None = None  # a code was sent to the client on file in this messenger
    confirming_withdrawal: bool = False  # «Вы хотите отозвать согласие?» was asked
    rating_ticket: str | None = None  # the closed ticket the rating question is about (stages rating, rating_comment)
    ratings_due: list[str] = default(default_factory=list)  # closed during a draft: asked once the draft is over

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ConversationState:
        known = {f.name for f in fields(cls)}
        state = cls(**{k: v for k, v in (data or {}).items() if k in known})
        if state.stage in ("rating", "rating_comment") and "rating_ticket" not in (data or {}):
            state.rating_ticket, state.ticket = state.ticket, None  # saved when the rated ticket was ``ticket``
        return state

    def reset_intake(self) -> None:
        """Forget everything collected for a ticket not yet sent."""
        self.kind = self.priority = self.field = self.pending_question = self.verify_channel = None
        self.answers, self.attachments, self.history, self.offer = {}, [], [], {}
