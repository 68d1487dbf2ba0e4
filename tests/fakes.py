"""Test doubles: a frozen clock, an FAQ that knows a few answers, a channel that collects what is sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from bots.base import DeliveryResult
from core.engine import Context, Step, step
from core.events import ConsentGiven, ConsentWithdrawn, Event, TicketOpened
from core.messages import Attachment, Inbound, Outbound
from core.state import ConversationState
from faq.retriever import FaqAnswer, FaqHit

# Wednesday 25 November 2026, 11:00 in Moscow: inside working hours.
WORKING_MOMENT = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, start: datetime = WORKING_MOMENT) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


REPORT_WORDS = ("не работает", "не открывается", "ошибка", "перестал", "не видит", "зависает", "легла")


class FakeFaq:
    """Answers questions that contain one of its keywords, like a tiny knowledge base; a text with a word of
    ``REPORT_WORDS`` is a reported malfunction, and an entry whose keyword it has is only a suggestion then."""

    def __init__(self, answers: dict[str, str] | None = None) -> None:
        self.answers = answers or {"стоит": "Техническая поддержка бесплатна.", "часы": "С 8 до 17 по Москве."}

    def __call__(self, query: str) -> FaqAnswer:
        text = query.casefold()
        hits = tuple(
            FaqHit(f"faq-{keyword}", keyword, answer, 0.9)
            for keyword, answer in self.answers.items()
            if keyword in text
        )
        if any(word in text for word in REPORT_WORDS):
            return FaqAnswer(query, False, (), report=True, suggestion=hits[0] if hits else None)
        return FaqAnswer(query, bool(hits), hits[:1])


def inbound(
    text: str | None = None,
    *,
    choice: str | None = None,
    channel: str = "console",
    sender: str = "client-1",
    attachments: tuple[Attachment, ...] = (),
    verified_phone: str | None = None,
    unsupported: str | None = None,
    by_letter: bool = False,
    profile_name: str | None = None,
    share_phone: str | None = None,
) -> Inbound:
    return Inbound(
        channel=channel,  # type: ignore[arg-type]
        sender=sender,
        chat=sender,
        platform_id=uuid4().hex,
        text=text,
        choice=choice,
        attachments=attachments,
        verified_phone=verified_phone,
        unsupported=unsupported,
        by_letter=by_letter,
        profile_name=profile_name,
        share_phone=share_phone,
    )


@dataclass
class EngineChat:
    """The engine alone, as a transcript: say something, read what the bot answered.

    Like the shell, it numbers an opened ticket in the state and records consent given or withdrawn.
    """

    faq: FakeFaq = field(default_factory=FakeFaq)
    state: ConversationState = field(default_factory=ConversationState)
    consent: bool = False
    on_file: dict[str, str] = field(default_factory=dict)
    contact_match: dict[str, str] = field(default_factory=dict)
    by_letter: bool = False  # a channel of letters (e-mail)
    share_phone: str | None = None  # the title of the channel's «share my number» button
    profile_name: str | None = None  # the name of the client's messenger profile
    channel: str = "console"
    sender_vouched: bool = True  # False: letters whose From anyone could write (replies to ours aside)
    events: list[Event] = field(default_factory=list)
    last: Step | None = None
    messages: int = 0  # what the client sent so far, buttons pressed included
    transcript: list[Outbound] = field(default_factory=list)  # everything the bot said so far

    def say(self, text: str | None = None, **kwargs: Any) -> list[Outbound]:
        ctx = Context(
            now=WORKING_MOMENT,
            consent_given=self.consent,
            on_file=self.on_file,
            contact_match=self.contact_match,
            faq=self.faq,
            sender_vouched=self.sender_vouched,
        )
        said = inbound(text, channel=self.channel, by_letter=self.by_letter, profile_name=self.profile_name,
                       share_phone=self.share_phone, **kwargs)  # fmt: skip
        self.messages += 1
        self.last = step(self.state, said, ctx)
        self.state = self.last.state
        self.events += self.last.events
        self.transcript += self.last.replies
        for event in self.last.events:
            if isinstance(event, ConsentGiven):
                self.consent = True
            if isinstance(event, ConsentWithdrawn):
                self.consent = False
            if isinstance(event, TicketOpened):
                self.state.ticket = f"2026-{len(self.tickets()):05d}"
        return self.last.replies

    def tickets(self) -> list[TicketOpened]:
        return [event for event in self.events if isinstance(event, TicketOpened)]

    def press(self, payload: str) -> list[Outbound]:
        return self.say(None, choice=payload)

    def text(self) -> str:
        """Everything the bot said in the last step."""
        assert self.last is not None
        return "\n".join(reply.text for reply in self.last.replies)

    def seen(self) -> str:
        """Everything the bot said in the whole conversation."""
        return "\n".join(reply.text for reply in self.transcript)


class CollectingSender:
    """A channel whose deliveries land in a list (Rasa's CollectingOutputChannel)."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        self.sent.append(payload)
        return DeliveryResult.sent()

    def take(self) -> list[Outbound]:
        """What was sent since the last call, as messages."""
        taken, self.sent = self.sent, []
        return [Outbound.from_dict(p) for p in taken if "text" in p]
