"""One client message on its way through the engine: what comes in, what goes out, and the helpers every
stage handler shares.

A handler is a plain function ``handler(turn) -> None``: it reads ``turn.text``, ``turn.payload`` and
``turn.command``, changes ``turn.state`` (its stage included) and adds replies with ``turn.say`` and
events with ``turn.emit``; ``turn.result`` is the :class:`Step` the engine returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from core import personal_data, walker
from core.events import ClientWroteOnTicket, Event
from core.facts import names_a_protection_key
from core.messages import UNAVAILABLE, Choice, Inbound, Outbound
from core.my_requests import ClientTicket, ticket_number_in
from core.render import resolve_choice
from core.replies import Reply
from core.stages.words import aside_question, command_of, looks_like_a_question, system_down
from core.state import DRAFT_STAGES, ConversationState, Stage
from core.texts import TEXTS, t
from core.translit import cyrillic_reading

# where a question may come after an answer: the intake's questions but a letter's form, which reads its lines alone
ASIDE_STAGES = DRAFT_STAGES - {Stage.FORM}


class FaqResult(Protocol):
    answered: bool
    report: bool  # a malfunction reported: the intake comes first
    consultation: bool  # not answered: a question on what our product does, an engineer's consultation

    @property
    def results(self) -> tuple: ...

    @property
    def suggestion(self) -> FaqHitLike | None: ...


class FaqHitLike(Protocol):
    id: str
    answer: str


FaqLookup = Callable[[str], FaqResult]


@dataclass(frozen=True)
class CodeCheck:
    """The shell's verdict on a one-time code typed at the «verify» stage."""

    outcome: Literal["ok", "wrong", "locked", "expired"]
    attempts_left: int = 0


@dataclass(frozen=True)
class OpenTicket:
    """One of the client's open tickets as the shell found it, for «Это по заявке TP-…?» (regulation 4.13)."""

    number: str
    channel: str  # the messenger of the chat it was opened in
    here: bool  # opened in this very chat
    subject: str = ""  # its description
    product: str | None = None
    engineer: str | None = None  # who took it
    waiting: bool = False  # an engineer asked the client something and waits for the answer


@dataclass(frozen=True)
class Context:
    now: datetime
    consent_given: bool = False
    consent_withdrawn: bool = False  # given once, then withdrawn: the person's data erased
    on_file: Mapping[str, str] = field(default_factory=dict)  # remembered answers of this client
    # on file for a contact this chat has proved to own (a verified phone, a code typed back); never for a claim
    contact_match: Mapping[str, str] = field(default_factory=dict)
    code_check: CodeCheck | None = None  # the code typed at the «verify» stage, checked
    stored_data: personal_data.StoredData | None = None  # for «мои данные»
    timezone: ZoneInfo = ZoneInfo("Europe/Moscow")
    faq: FaqLookup | None = None
    news_subscribed: bool = False  # the client gets the release news (4.8)
    news_chosen: bool = False  # the client has ever said yes or no to them: the question is not asked again
    # «мои заявки», «статус TP-…»: the tickets of the client the shell resolved (given only when asked about)
    client_tickets: tuple[ClientTicket, ...] = ()
    # the client's open tickets, from every chat proved to be theirs (a verified phone, a code typed back)
    open_tickets: tuple[OpenTicket, ...] = ()
    # the platform vouches that the sender owns the chat, or the letter replies to one of ours to this address: false
    # only for a letter whose From anyone could have written, which then changes or erases nothing on file
    sender_vouched: bool = True


@dataclass
class Step:
    state: ConversationState
    replies: list[Outbound] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


# the clauses of a message, for what each of them tells: «ключ HASP переставили, теперь не подключаются контроллеры»
_CLAUSE_END = re.compile(r"[.!?;,]\s+|\n+|\s(?:но|хотя|а|теперь)\s", re.IGNORECASE)

Question = Callable[[ConversationState], Reply | None]  # what a stage asks, for «reask»

NEW_TICKET = Choice("menu:ticket", t("choice.new_ticket"))  # the menu's button: a new ticket
SEND = Choice("sum:send", t("choice.send"))  # the summary's button: the draft becomes a ticket
# «Дополнение к заявке: …», «по моей заявке ещё: …», «к прошлой заявке: …»: more for a request sent before
ABOUT_A_REQUEST = re.compile(
    r"\W*(?:дополнени\w*|добавлю|добавьте|ещ[её])?\s*(?:к|по)\s+(?:моей\s+|нашей\s+|прошлой\s+|той\s+|открытой\s+)?заявк",
    re.IGNORECASE,
)


class Turn:
    """The state being changed, the message being answered, and what has been said and decided so far."""

    def __init__(self, state: ConversationState, inbound: Inbound, ctx: Context, question_of: Question) -> None:
        self.state = deepcopy(state)
        self.inbound = inbound
        self.ctx = ctx
        self.text = (inbound.text or "").strip()
        self.payload = inbound.choice  # a button pressed
        self.command = command_of(self.text) if self.text and self.payload is None else None
        self.question_of = question_of  # the question of each stage: the engine's table
        self.result = Step(self.state)

    # --- output
    def say(self, reply: Reply | str) -> None:
        reply = Reply(reply) if isinstance(reply, str) else reply
        self.result.replies.append(reply.to(self.inbound))

    def emit(self, event: Event) -> None:
        self.result.events.append(event)

    # --- questions
    def ask(self, stage: Stage) -> None:
        """Move to ``stage`` and ask its question."""
        self.state.stage = stage
        reply = self.question_of(self.state)
        if reply is not None:
            self.say(reply)

    def reask(self) -> None:
        """Repeat the question of the current stage; the consent's as one line with its buttons (its twenty lines of
        Appendix 2 came again after every answer given at it)."""
        reply = self.question_of(self.state)
        if reply is not None and self.state.stage is Stage.CONSENT:
            reply = replace(reply, text=t("consent.ask_again"))
        if reply is not None:
            self.say(reply)

    def stale(self) -> None:
        """A button of another step: said so, and the current question asked again."""
        reply = self._question()
        self.say(replace(reply, text=t("intake.stale_choice", prompt=reply.text)))

    def not_understood(self) -> None:
        """Said plainly, with the options: never the same question again in silence.

        Where the options are numbered the channel shows them below the text (buttons, or core/render.py's
        numbered list); where numbers mean something else (the summary's items) the text names them.
        """
        if self.payload:
            self.stale()
            return
        reply = self._question()
        if self.inbound.unsupported and not self.text:  # a voice message or a sticker: said so, not «не понял»
            self.say(replace(reply, text=t("intake.unsupported", what=self.unsupported_what(), prompt=reply.text)))
            return
        if self.answered_from_faq() or self.answered_engineer(reply):
            return
        if not reply.choices:
            text = t("choice.not_understood_again", prompt=reply.text)
        elif reply.numbered:
            text = t("choice.not_understood")
        else:
            text = t("choice.not_understood_inline", options=", ".join(f"«{c.title}»" for c in reply.choices))
        self.say(replace(reply, text=text))

    def answered_engineer(self, question: Reply) -> bool:
        """In a new request's intake, text that answers none of its questions goes to an open ticket it is for: the
        one whose number it names («По заявке TP-00001 дополнение: …»), this chat's one ticket when it says it is an
        addition to a request («Дополнение к заявке: …»), or the one whose engineer waits for the client («Какая СУБД у
        вас?» → «Oracle 19c»). Each was lost with «Не понял ответ»."""
        if not self.text or self.state.stage not in DRAFT_STAGES:
            return False
        here = [ticket for ticket in self.ctx.open_tickets if ticket.here]
        named = ticket_number_in(self.text)
        meant = next((ticket for ticket in self.ctx.open_tickets if ticket.number == named), None)
        if meant is None and len(here) == 1 and ABOUT_A_REQUEST.match(self.text):
            meant = here[0]
        meant = meant or next((ticket for ticket in here if ticket.waiting), None)
        if meant is None:
            return False
        self.emit(ClientWroteOnTicket(meant.number, self.text))
        key = "ticket.answer_passed" if meant.waiting else "ticket.addition_passed"
        self.say(replace(question, text=t(key, number=meant.number, prompt=question.text)))
        return True

    def unsupported_what(self) -> str:
        """What the client sent that the bot cannot read, in words («голосовое сообщение»)."""
        key = f"unsupported.{self.inbound.unsupported}"
        return t(key if key in TEXTS else "unsupported.other")

    def reports_trouble(self, text: str) -> bool:
        """``text`` tells of a malfunction: the FAQ reads it as a report, or it says a system is down."""
        found = self.ctx.faq(text) if self.ctx.faq else None
        return (found is not None and found.report) or system_down(text)

    def key_in_trouble(self, text: str) -> bool:
        """The trouble told is the protection key's («ключ HASP не определяется»): a licence request; not a key named
        among the facts of another trouble («…ключ HASP (номер 0459-123). Не формируется отчёт по проходам», «ключ
        Guardant на месте, но не пишется видео»)."""
        clauses = [clause for clause in _CLAUSE_END.split(text) if clause.strip()]
        keyed = [clause for clause in clauses if names_a_protection_key(clause)]
        if len(clauses) < 2 or not keyed:
            return bool(keyed)
        others = [clause for clause in clauses if clause not in keyed]
        return any(map(self.reports_trouble, keyed)) or not any(map(self.reports_trouble, others))

    def answered_from_faq(self) -> bool:
        """A question typed instead of an answer («а сколько ждать ответа?») gets the FAQ's answer when it has one,
        then the same question again; False when it is no question or the FAQ has no answer."""
        answer = self.faq_answer() if looks_like_a_question(self.text) else None
        if answer is None:
            return False
        self.say(t("faq.inline_then_reask", answer=answer))
        self.reask()
        return True

    def faq_answer(self) -> str | None:
        """The FAQ's answer to the message, when it has a confident one."""
        if self.ctx.faq is None:
            return None
        found = self.ctx.faq(self.text)
        return found.results[0].answer if found.answered else None

    def answer_aside(self) -> None:
        """«тел 8412 55-66-77, а сколько стоит продление лицензии?» in an intake: the question after the answer gets
        the FAQ's answer first, and the stage reads the answer alone (the question's «стоит» is no stopped system).
        Nothing changes when the FAQ has no answer, or the field takes a story, whose questions are its own."""
        if self.payload is not None or self.state.stage not in ASIDE_STAGES or self.ctx.faq is None:
            return
        field_asked = walker.field_of(self.state.field) if self.state.stage is Stage.FIELD else None
        split = None if field_asked and field_asked.free_text else aside_question(self.text)
        if split is None:
            return
        found = self.ctx.faq(split[1])
        if found.answered:
            self.say(t("faq.aside", answer=found.results[0].answer))
            self.text = split[0]

    def _question(self) -> Reply:
        """The question of the current stage; the menu's where the stage asks none."""
        return self.question_of(self.state) or Reply(t("menu.ask_more"), (NEW_TICKET,))

    # --- input
    def typed_choice(self, choices: tuple[Choice, ...]) -> str | None:
        """The choice pressed, or typed as its number or words; None when it is none of ``choices``."""
        if self.payload is not None:
            return self.payload if any(c.payload == self.payload for c in choices) else None
        return resolve_choice(cyrillic_reading(self.text), choices)  # «da», «chastichno» typed in Latin letters

    def keep_attachments(self) -> list[str]:
        """Keep acceptable attachments; return the refusals for the others.

        A file that never came (``UNAVAILABLE``: its URL was not one the messenger serves files from) is kept, so
        that the engineers see one was sent, and the client is asked to send it again rather than told it was saved.
        """
        refusals: list[str] = []
        for attachment in self.inbound.attachments:
            refusal = walker.check_attachment(attachment)
            if refusal:
                refusals.append(refusal)
                continue
            self.state.attachments.append(attachment.to_dict())
            if attachment.ref == UNAVAILABLE:
                name = f" «{attachment.file_name}»" if attachment.file_name else ""
                refusals.append(t("intake.file_unavailable", name=name))
        return refusals

    def files_kept(self) -> int:
        """The files of the draft that really came (not those the client was asked to send again)."""
        return sum(1 for attachment in self.state.attachments if attachment.get("ref") != UNAVAILABLE)

    def keep_files_for_ticket(self) -> None:
        """Files sent before the ticket is open: kept for it, the refusals said, and how many came."""
        for refusal in self.keep_attachments():
            self.say(refusal)
        if self.files_kept():
            self.say(t("files.kept_for_ticket", count=self.files_kept()))

    def today(self) -> date:
        """The desk's date now (Moscow's, not the server's)."""
        return self.ctx.now.astimezone(self.ctx.timezone).date()


Handler = Callable[[Turn], None]  # what a stage does with the client's message


def sent_again(turn: Turn) -> bool:
    """«Отправить заявку» pressed or typed once the ticket is open (a double tap; in WhatsApp a second send of the
    typed words): the ticket is sent already, and the button's words are nothing for its engineers to read."""
    typed = turn.text.strip().rstrip(".!").casefold()
    return turn.payload == SEND.payload or typed in (SEND.title.casefold(), "отправить")
