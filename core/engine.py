"""The conversation engine: one pure step from (state, what the client said) to (state, replies, events).

No messenger, no database, no clock of its own: everything it needs comes in :class:`Context`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from core import notices, personal_data, walker
from core.consent_words import ConsentIntent, about_consent, consent_answer
from core.events import (
    ClientWroteOnTicket,
    ConsentGiven,
    ConsentRefused,
    ConsentWithdrawn,
    ContactVerified,
    Event,
    FaqFeedback,
    PersonalDataShown,
    TicketOpened,
    TicketRated,
    VerificationRequested,
)
from core.intake import FIELDS_BY_KEY, REMEMBERED_KEYS
from core.messages import Choice, Inbound, Outbound
from core.render import resolve_choice
from core.replies import Reply
from core.state import ConversationState
from core.texts import CONSENT_VERSION, PRIVACY_POLICY_URL, t
from core.validators import InvalidAnswer


class FaqResult(Protocol):
    answered: bool

    @property
    def results(self) -> tuple: ...


FaqLookup = Callable[[str], FaqResult]


@dataclass(frozen=True)
class CodeCheck:
    """The shell's verdict on a one-time code typed at the «verify» stage."""

    outcome: Literal["ok", "wrong", "locked", "expired"]
    attempts_left: int = 0


@dataclass(frozen=True)
class Context:
    now: datetime
    consent_given: bool = False
    on_file: Mapping[str, str] = field(default_factory=dict)  # remembered answers of this client
    # on file for a contact this chat has proved to own (a verified phone, a code typed back); never for a claim
    contact_match: Mapping[str, str] = field(default_factory=dict)
    claim_channel: str | None = None  # the contact typed is a client on file: a code can go to their chat there
    code_check: CodeCheck | None = None  # the code typed at the «verify» stage, checked
    stored_data: personal_data.StoredData | None = None  # for «мои данные»
    timezone: ZoneInfo = ZoneInfo("Europe/Moscow")
    faq: FaqLookup | None = None


@dataclass
class Step:
    state: ConversationState
    replies: list[Outbound] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


NEW_TICKET = Choice("menu:ticket", t("choice.new_ticket"))
KIND_CHOICES = tuple(Choice(f"kind:{k}", t(f"kind.{k}")) for k in ("problem", "consultation", "license", "wish"))
CRIT_CHOICES = tuple(Choice(f"crit:{c}", t(f"crit.{c}")) for c in ("stopped", "partial", "question"))
CONSENT_CHOICES = (Choice("consent:yes", t("consent.agree")), Choice("consent:no", t("consent.decline")))
WITHDRAW_CHOICES = (Choice("consent:withdraw", t("consent.withdraw_yes")), Choice("consent:keep", t("consent.keep")))
VERIFY_CHOICES = (Choice("nav:skip", t("verify.skip")),)
RETURNING_CHOICES = (Choice("ret:yes", t("choice.all_correct")), Choice("ret:change", t("choice.change")))
FAQ_CHOICES = (Choice("faq:helped", t("choice.helped")), NEW_TICKET)
NOT_FOUND_CHOICES = (NEW_TICKET, Choice("menu:ask", t("choice.another_question")))
RATING_CHOICES = tuple(Choice(f"rate:{n}", str(n)) for n in range(1, 6))
CRITICALITY_PRIORITY = {"stopped": "critical", "partial": "high", "question": "normal"}
KIND_PRIORITY = {"consultation": "normal", "wish": "low"}
DRAFT_STAGES = ("consent", "kind", "criticality", "returning", "verify", "field", "summary")  # a new ticket's intake
RATING_STAGES = ("rating", "rating_comment")
AT_REST = ("idle", "ticket_open")  # where a rating put off by an engineer's /close is asked

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
GREETINGS = frozenset(
    "здравствуйте здравствуй привет добрый день вечер утро доброе доброго приветствую хай hello hi start".split()
)
COMMANDS = {
    "withdraw": ("отозвать согласие", "/withdraw"),
    "cancel": ("отмена", "/cancel", "отменить"),
    "help": ("/help", "помощь", "help"),
    "start": ("/start", "меню", "начать"),
    "back": ("назад",),
    "skip": ("пропустить", "пропуск", "skip"),
    "done": ("готово", "всё", "все"),
    "ticket": ("оформить заявку", "новая заявка", "заявка"),
}


def _command(text: str) -> str | None:
    typed = " ".join(_WORDS.findall(text.casefold())) if not text.startswith("/") else text.casefold().split()[0]
    for name, words in COMMANDS.items():
        if typed in words:
            return name
    return None


def _is_greeting(text: str) -> bool:
    words = _WORDS.findall(text.casefold())
    return bool(words) and all(word in GREETINGS for word in words)


class Engine:
    """Stage handlers over one step; ``step`` is the only entry point clients use."""

    def __init__(self, state: ConversationState, inbound: Inbound, ctx: Context) -> None:
        self.state = deepcopy(state)
        self.inbound = inbound
        self.ctx = ctx
        self.text = (inbound.text or "").strip()
        self.result = Step(self.state)

    # --- output helpers
    def say(self, reply: Reply | str) -> None:
        reply = Reply(reply) if isinstance(reply, str) else reply
        self.result.replies.append(reply.to(self.inbound))

    def emit(self, event: Event) -> None:
        self.result.events.append(event)

    # --- entry point
    def run(self) -> Step:
        payload = self.inbound.choice
        command = _command(self.text) if self.text and payload is None else None
        intent = self.consent_intent(payload, command)
        if payload == "consent:withdraw" or command == "withdraw" or intent is ConsentIntent.WITHDRAW:
            self.withdraw_consent()
        elif payload == "consent:keep" or intent is ConsentIntent.AGREE:
            self.say(t("consent.kept"))
            self.reask()
        elif intent is ConsentIntent.MAYBE_WITHDRAW:
            self.state.confirming_withdrawal = True
            self.say(Reply(t("consent.confirm_withdraw"), WITHDRAW_CHOICES))
        elif intent is ConsentIntent.MY_DATA:
            self.emit(PersonalDataShown())
            self.say(personal_data.report(self.ctx.stored_data, self.ctx.timezone))
            self.reask()
        elif command in ("start", "cancel") or payload == "sum:cancel":
            self.cancel(greet=command == "start")
        elif command == "help":
            self.say(t("menu.help"))
            self.reask()
        else:
            handler = getattr(self, f"on_{self.state.stage}", self.on_idle)
            handler(payload, command)
        self.ask_due_rating()
        return self.result

    def consent_intent(self, payload: str | None, command: str | None) -> ConsentIntent | None:
        """What a typed message says about consent, wherever the conversation is.

        Answers to «Вы хотите отозвать согласие?» come back as WITHDRAW or AGREE (keep it). Before any consent
        is given there is nothing to withdraw: the consent question itself takes refusals in any words.
        """
        confirming, self.state.confirming_withdrawal = self.state.confirming_withdrawal, False
        if payload is not None or command is not None or not self.text:
            return None
        if confirming:
            answer = consent_answer(self.text)
            if answer is not None:
                return ConsentIntent.WITHDRAW if answer is ConsentIntent.AGREE else ConsentIntent.AGREE
        intent = about_consent(self.text)
        if not self.ctx.consent_given and intent in (ConsentIntent.WITHDRAW, ConsentIntent.MAYBE_WITHDRAW):
            return ConsentIntent.WITHDRAW if self.state.stage != "consent" else None
        return intent

    # --- global commands
    def withdraw_consent(self) -> None:
        if not self.ctx.consent_given:
            self.say(t("consent.nothing_to_withdraw"))
            return
        self.emit(ConsentWithdrawn())
        self.state.reset_intake()
        self.state.faq_entry = self.state.faq_query = None
        if self.state.stage not in ("ticket_open",):
            self.state.stage = "idle"
        self.say(t("consent.withdrawn"))

    def cancel(self, *, greet: bool) -> None:
        if self.state.stage in DRAFT_STAGES:
            self.state.reset_intake()
            self.state.stage = "idle"
            self.say(Reply(t("menu.cancelled"), (NEW_TICKET,)))
        elif greet or self.state.stage == "new":
            self.greet()
        else:
            self.say(Reply(t("menu.ask_more"), (NEW_TICKET,)))

    def greet(self) -> None:
        if self.state.stage in RATING_STAGES:
            self.leave_rating()
        elif self.state.stage in ("new", "faq"):
            self.state.stage = "idle"
        self.say(Reply(t("menu.greeting"), (NEW_TICKET,)))

    def reask(self) -> None:
        """Repeat the question of the current stage, unchanged."""
        reply = self.current_prompt()
        if reply is not None:
            self.say(reply)

    def current_prompt(self) -> Reply | None:
        s = self.state
        if s.stage == "consent":
            return Reply(t("consent.request", policy_url=PRIVACY_POLICY_URL), CONSENT_CHOICES)
        if s.stage == "kind":
            return Reply(t("kind.ask"), KIND_CHOICES)
        if s.stage == "criticality":
            return Reply(t("crit.ask"), CRIT_CHOICES)
        if s.stage == "returning":
            lines = [
                f"• {walker.TEXTS[f'field.{k}.label']}: {walker.display_value(FIELDS_BY_KEY[k], v)}"
                for k, v in s.offer.items()
            ]
            return Reply(t("returning.offer", summary="\n".join(lines)), RETURNING_CHOICES, personal=True)
        if s.stage == "verify":
            return Reply(t("verify.sent", channel=t(f"channel.{s.verify_channel}")), VERIFY_CHOICES)
        if s.stage == "field" and s.field and s.kind:
            return walker.prompt(FIELDS_BY_KEY[s.field], s.kind)
        if s.stage == "summary" and s.kind:
            return walker.summary(s.kind, s.answers, len(s.attachments))
        if s.stage == "rating":
            return Reply(t("rating.ask", number=s.rating_ticket), RATING_CHOICES)
        return None

    def stale(self) -> None:
        reply = self.current_prompt() or Reply(t("menu.ask_more"), (NEW_TICKET,))
        self.say(Reply(t("intake.stale_choice", prompt=reply.text), reply.choices, reply.request_phone, reply.numbered))

    def not_understood(self, payload: str | None) -> None:
        """A button of another step is called stale; anything else just gets the question again."""
        if payload:
            self.stale()
        else:
            self.reask()

    def typed_choice(self, choices: tuple[Choice, ...]) -> str | None:
        payload = self.inbound.choice
        if payload is not None:
            return payload if any(c.payload == payload for c in choices) else None
        return resolve_choice(self.text, choices)

    # --- stages before a ticket
    def on_new(self, payload: str | None, command: str | None) -> None:
        self.greet()
        if self.text and not _is_greeting(self.text) and payload is None:
            self.on_idle(payload, command)

    def on_idle(self, payload: str | None, command: str | None) -> None:
        if self.state.stage not in ("idle", "faq"):
            self.state.stage = "idle"
        if payload is None and self.text:
            payload = resolve_choice(self.text, NOT_FOUND_CHOICES, loose=False)  # every menu starts with these
        if payload == "menu:ticket" or command == "ticket":
            self.start_ticket()
        elif payload == "menu:ask":
            self.say(t("menu.ask_more"))
        elif payload is not None:
            self.stale()
        elif self.inbound.attachments or self.inbound.unsupported or not self.text:
            self.say(Reply(t("menu.ask_more"), (NEW_TICKET,)))
        elif _is_greeting(self.text):
            self.greet()
        else:
            self.answer_question(self.text)

    def answer_question(self, question: str) -> None:
        found = self.ctx.faq(question) if self.ctx.faq else None
        if found is not None and found.answered:
            hit = found.results[0]
            self.state.stage, self.state.faq_entry, self.state.faq_query = "faq", hit.id, question
            self.state.pending_question = None
            self.say(Reply(t("faq.answer", answer=hit.answer), FAQ_CHOICES))
        else:
            self.state.stage, self.state.faq_entry, self.state.faq_query = "idle", None, None
            self.state.pending_question = question
            self.say(Reply(t("faq.not_found"), NOT_FOUND_CHOICES))

    def on_faq(self, payload: str | None, command: str | None) -> None:
        chosen = self.typed_choice(FAQ_CHOICES) if payload or len(self.text) < 30 else None
        entry, query = self.state.faq_entry or "", self.state.faq_query or ""
        if chosen == "faq:helped":
            self.emit(FaqFeedback(entry, query, helpful=True))
            self.state.stage, self.state.faq_entry, self.state.faq_query = "idle", None, None
            self.say(t("faq.thanks"))
        elif chosen == "menu:ticket":
            self.emit(FaqFeedback(entry, query, helpful=False))
            self.state.pending_question = query or None
            self.start_ticket()
        else:
            self.on_idle(payload, command)

    def start_ticket(self) -> None:
        question = self.state.pending_question
        self.state.reset_intake()
        self.state.pending_question = question
        self.state.faq_entry = self.state.faq_query = None
        self.state.stage = "kind" if self.ctx.consent_given else "consent"
        self.reask()

    def on_consent(self, payload: str | None, command: str | None) -> None:
        chosen = self.typed_choice(CONSENT_CHOICES)
        if chosen is None and payload is None:
            answer = consent_answer(self.text)
            if answer is ConsentIntent.AGREE:
                chosen = "consent:yes"
            elif answer is ConsentIntent.REFUSE or about_consent(self.text) is ConsentIntent.WITHDRAW:
                chosen = "consent:no"
        if chosen == "consent:yes":
            self.emit(ConsentGiven(CONSENT_VERSION, t("consent.request", policy_url=PRIVACY_POLICY_URL)))
            self.state.stage = "kind"
            self.reask()
        elif chosen == "consent:no":
            self.emit(ConsentRefused())
            self.state.reset_intake()
            self.state.stage = "idle"
            self.say(Reply(t("consent.declined"), (NEW_TICKET,)))
        elif payload is not None:
            self.stale()
        else:
            self.say(Reply(t("consent.unclear"), CONSENT_CHOICES))

    def on_kind(self, payload: str | None, command: str | None) -> None:
        chosen = self.typed_choice(KIND_CHOICES)
        if chosen is None:
            self.not_understood(payload)
            return
        kind = chosen.removeprefix("kind:")
        self.state.kind = kind
        if kind == "wish":
            self.say(t("kind.wish_note"))
        if kind in KIND_PRIORITY:
            self.state.priority = KIND_PRIORITY[kind]
            self.begin_fields()
        else:
            self.state.stage = "criticality"
            self.reask()

    def on_criticality(self, payload: str | None, command: str | None) -> None:
        if command == "back":
            self.state.stage = "kind"
            self.reask()
            return
        chosen = self.typed_choice(CRIT_CHOICES)
        if chosen is None:
            self.not_understood(payload)
            return
        self.state.priority = CRITICALITY_PRIORITY[chosen.removeprefix("crit:")]
        if self.state.priority == "critical":
            self.say(t("ticket.critical_note"))
        self.begin_fields()

    def begin_fields(self) -> None:
        if not self.offer_on_file(self.ctx.on_file):
            self.ask_next()

    def offer_on_file(self, on_file: Mapping[str, str]) -> bool:
        """Offer what we know of this client instead of asking it again («всё верно?»)."""
        s = self.state
        assert s.kind is not None
        known = {k: v for k, v in on_file.items() if k in REMEMBERED_KEYS and v and k not in s.answers}
        applicable = {f.key for f in walker.applicable_fields(s.kind, {**s.answers, **known})}
        offer = {k: v for k, v in known.items() if k in applicable}
        if not offer:
            return False
        s.offer, s.stage, s.field = offer, "returning", None
        self.reask()
        return True

    def on_returning(self, payload: str | None, command: str | None) -> None:
        chosen = self.typed_choice(RETURNING_CHOICES)
        if chosen is None and _WORDS.findall(self.text.casefold())[:1] == ["да"]:
            chosen = "ret:yes"
        if chosen is None:
            self.not_understood(payload)
            return
        if chosen == "ret:yes":
            self.state.answers.update(self.state.offer)
        self.state.offer = {}
        self.ask_next()

    # --- the intake walk
    def ask_next(self) -> None:
        s = self.state
        assert s.kind is not None
        if s.pending_question and "description" not in s.answers:
            s.answers["description"] = s.pending_question[:3000]
            s.pending_question = None
        nxt = walker.next_field(s.kind, s.answers)
        if nxt is None:
            s.stage, s.field = "summary", None
        else:
            s.stage, s.field = "field", nxt.key
        self.reask()

    def on_field(self, payload: str | None, command: str | None) -> None:
        s = self.state
        current = walker.field_of(s.field)
        if current is None or s.kind is None:
            self.on_idle(payload, command)
            return
        if not self.text and self.inbound.verified_phone and current.request_phone:
            self.text = self.inbound.verified_phone  # an own contact, shared, answers the phone question
        if payload is None and self.text:
            typed = walker.prompt(current, s.kind).choices
            payload = resolve_choice(self.text, typed, loose=current.strict_options)
        nav = payload.removeprefix("nav:") if payload and payload.startswith("nav:") else command
        if nav == "back":
            self.go_back()
        elif nav == "skip":
            self.skip(current)
        elif nav == "done" and current.files:
            s.answers[current.key] = ", ".join(a.get("file_name") or a["kind"] for a in s.attachments)
            self.remember_answered(current.key)
            self.ask_next()
        elif payload is not None and not payload.startswith(f"opt:{current.key}:"):
            self.stale()
        elif self.inbound.unsupported:
            what = f"unsupported.{self.inbound.unsupported}"
            self.say_with_prompt(
                "intake.unsupported", current, what=t(what if what in walker.TEXTS else "unsupported.other")
            )
        elif current.files:
            self.take_files(current)
        else:
            self.take_answer(current, payload)

    def say_with_prompt(self, key: str, current: walker.Field, **values: object) -> None:
        """A catalogue text followed by the current question, with its buttons."""
        assert self.state.kind is not None
        base = walker.prompt(current, self.state.kind)
        self.say(Reply(t(key, prompt=base.text, **values), base.choices, base.request_phone))

    def remember_answered(self, key: str) -> None:
        if key not in self.state.history:
            self.state.history.append(key)

    def go_back(self) -> None:
        s = self.state
        if not s.history:
            s.stage, s.field = ("criticality" if s.kind in ("problem", "license") else "kind"), None
            self.reask()
            return
        previous = s.history.pop()
        s.answers.pop(previous, None)
        s.stage, s.field = "field", previous
        self.reask()

    def skip(self, current: walker.Field) -> None:
        assert self.state.kind is not None
        if not current.is_optional(self.state.kind):
            self.say_with_prompt("intake.not_optional", current)
            return
        self.state.answers[current.key] = ""
        self.remember_answered(current.key)
        self.ask_next()

    def keep_attachments(self) -> list[str]:
        """Keep acceptable attachments; return the refusals for the others."""
        refusals = []
        for attachment in self.inbound.attachments:
            refusal = walker.check_attachment(attachment)
            if refusal:
                refusals.append(refusal)
            else:
                self.state.attachments.append(attachment.to_dict())
        return refusals

    def take_files(self, current: walker.Field) -> None:
        if not self.inbound.attachments and self.answers_faq_instead(current):
            return
        for refusal in self.keep_attachments():
            self.say(refusal)
        self.say(Reply(t("intake.files_received", count=len(self.state.attachments)), (walker.DONE,)))

    def take_answer(self, current: walker.Field, payload: str | None) -> None:
        s = self.state
        assert s.kind is not None
        if self.inbound.attachments:
            refusals = self.keep_attachments()
            for refusal in refusals:
                self.say(refusal)
            if not self.text:
                kept = len(refusals) < len(self.inbound.attachments)
                self.say_with_prompt("intake.attachment_kept" if kept else "intake.text_expected", current)
                return
        if payload is None and self.answers_faq_instead(current):
            return
        try:
            value = walker.parse_answer(current, self.text, payload)
        except InvalidAnswer as error:
            self.say_with_prompt("intake.invalid", current, reason=t(error.reason, **error.values))
            return
        s.answers[current.key] = value
        self.remember_answered(current.key)
        if current.key == "contact" and self.ctx.claim_channel is not None:
            self.emit(VerificationRequested())
            s.stage, s.field, s.verify_channel = "verify", None, self.ctx.claim_channel
            self.reask()
            return
        if current.key == "contact" and self.offer_on_file(self.ctx.contact_match):
            return
        self.ask_next()

    def on_verify(self, payload: str | None, command: str | None) -> None:
        """A code was sent to the client on file: the right code links this chat to them, anything else goes on."""
        check = self.ctx.code_check
        chosen = self.typed_choice(VERIFY_CHOICES) if check is None else None  # «Пропустить» pressed or typed, «1»
        if command == "back":
            self.go_back()
        elif chosen == "nav:skip" or command == "skip":
            self.say(t("verify.skipped"))
            self.ask_next()
        elif payload is not None:
            self.stale()
        elif check is None:
            self.say(Reply(t("verify.expect_code"), VERIFY_CHOICES))
        elif check.outcome == "ok":
            self.emit(ContactVerified())
            self.say(t("verify.ok"))
            if not self.offer_on_file(self.ctx.contact_match):
                self.ask_next()
        elif check.outcome == "wrong":
            self.say(Reply(t("verify.wrong", left=check.attempts_left), VERIFY_CHOICES))
        else:
            self.say(t(f"verify.{check.outcome}"))
            self.ask_next()

    def answers_faq_instead(self, current: walker.Field) -> bool:
        """A question typed instead of an answer gets the FAQ answer, then the same step again."""
        if current.free_text or "?" not in self.text or self.ctx.faq is None:
            return False
        found = self.ctx.faq(self.text)
        if not found.answered:
            return False
        assert self.state.kind is not None
        reply = walker.prompt(current, self.state.kind)
        self.say(t("faq.inline_then_reask", answer=found.results[0].answer))
        self.say(reply)
        return True

    def on_summary(self, payload: str | None, command: str | None) -> None:
        s = self.state
        assert s.kind is not None
        items = walker.summary_items(s.kind, s.answers)
        typed = self.text.strip().rstrip(".")
        if payload is None and typed.isdigit():
            number = int(typed)
            if not 1 <= number <= len(items):
                self.say(t("summary.no_such_item", number=number, count=len(items)))
                return
            key = items[number - 1].key
            s.answers.pop(key, None)
            s.stage, s.field = "field", key
            self.reask()
            return
        chosen = self.typed_choice((Choice("sum:send", t("choice.send")),))
        if chosen is None and _WORDS.findall(self.text.casefold())[:1] == ["отправить"]:
            chosen = "sum:send"
        if command == "back" and s.history:
            self.go_back()
        elif chosen == "sum:send":
            self.open_ticket()
        else:
            self.not_understood(payload)

    def open_ticket(self) -> None:
        s = self.state
        assert s.kind is not None and s.priority is not None
        remembered = {k: v for k, v in s.answers.items() if k in REMEMBERED_KEYS and v}
        self.emit(
            TicketOpened(
                kind=s.kind,
                priority=s.priority,
                fields=walker.ticket_fields(s.kind, s.answers),
                attachments=tuple(s.attachments),
                remembered=remembered,
            )
        )
        s.reset_intake()
        s.stage, s.engineer = "ticket_open", None

    # --- after the ticket
    def on_ticket_open(self, payload: str | None, command: str | None) -> None:
        s = self.state
        if payload == "menu:ticket" or command == "ticket":
            self.start_ticket()
            return
        if payload is not None and payload.startswith("rate:"):
            self.stale()
            return
        refusals = self.keep_attachments() if self.inbound.attachments else []
        for refusal in refusals:
            self.say(refusal)
        kept = tuple(s.attachments)
        s.attachments = []
        if not self.text and not kept:
            if self.inbound.unsupported:
                self.say(t("intake.unsupported", what=t("unsupported.other"), prompt=""))
            return
        assert s.ticket is not None
        self.emit(ClientWroteOnTicket(s.ticket, self.text or None, kept))
        if s.engineer is None:
            self.say(t("ticket.message_added", number=s.ticket))

    def on_rating(self, payload: str | None, command: str | None) -> None:
        chosen = self.typed_choice(RATING_CHOICES)
        if chosen is None:
            if payload is None and len(_WORDS.findall(self.text)) > 3:
                self.leave_rating()  # a message, not a rating: it goes to the open ticket, or is a question
                handler = self.on_ticket_open if self.state.stage == "ticket_open" else self.on_idle
                handler(payload, command)
            else:
                self.say(Reply(t("rating.invalid"), RATING_CHOICES))
            return
        assert self.state.rating_ticket is not None
        self.emit(TicketRated(self.state.rating_ticket, score=int(chosen.removeprefix("rate:"))))
        self.state.stage = "rating_comment"
        self.say(Reply(t("rating.comment_ask"), (walker.SKIP,)))

    def on_rating_comment(self, payload: str | None, command: str | None) -> None:
        if payload != "nav:skip" and command != "skip" and self.text:
            assert self.state.rating_ticket is not None
            self.emit(TicketRated(self.state.rating_ticket, comment=self.text[:2000]))
        self.leave_rating()
        self.say(t("rating.thanks"))

    def leave_rating(self) -> None:
        """Back to the ticket still open (one sent while the rated ticket was being closed), or to the menu."""
        self.state.stage = "ticket_open" if self.state.ticket else "idle"
        self.state.rating_ticket = None

    def ask_due_rating(self) -> None:
        """A ticket closed while a draft was in progress is rated once the conversation is at rest again."""
        s = self.state
        if s.ratings_due and s.stage in AT_REST:
            s.stage, s.rating_ticket = "rating", s.ratings_due.pop(0)
            self.reask()


def step(state: ConversationState, inbound: Inbound, ctx: Context) -> Step:
    """Everything the bot does in answer to one client message."""
    return Engine(state, inbound, ctx).run()


def ask_rating(state: ConversationState, number: str, channel: str, chat: str) -> Step:
    """An engineer closed ticket ``number``: tell the client and ask for a rating, if the chat talks to it.

    A draft of a new ticket in progress (or another ticket's rating) is never disturbed: the client is told
    that the ticket is closed, and the question waits in ``ratings_due`` until the conversation is at rest
    again (the draft sent or abandoned); then the engine asks it.
    """
    new = deepcopy(state)
    if new.ticket != number:
        return Step(new)
    new.ticket = new.engineer = None
    if new.stage in DRAFT_STAGES + RATING_STAGES:
        new.ratings_due.append(number)
        return Step(new, [Reply(t("ticket.closed_rating_later", number=number)).address(channel, chat)])
    new.stage, new.rating_ticket = "rating", number
    replies = [
        Reply(t("ticket.closed", number=number)).address(channel, chat),
        Reply(t("rating.ask", number=number), RATING_CHOICES).address(channel, chat),
    ]
    return Step(new, replies)


def reopen_ticket(state: ConversationState, number: str, engineer: str | None, channel: str, chat: str) -> Step:
    """An engineer reopened ticket ``number``: the chat talks to it again, and its rating is no longer asked.

    A draft in progress (or another ticket's rating) stays where it is: the client is told, and their next
    answers go on into the draft.
    """
    new = deepcopy(state)
    new.ratings_due = [due for due in new.ratings_due if due != number]
    busy = new.stage in DRAFT_STAGES or (new.stage in RATING_STAGES and new.rating_ticket != number)
    if not busy:
        new.stage, new.rating_ticket = "ticket_open", None
    new.ticket, new.engineer = number, engineer
    return Step(new, [notices.ticket_reopened(number).address(channel, chat)])
