"""What the intake asks next, decided in one place.

Once the kind of request is known: its criticality (problems and licences), the data on file offered back,
then only what is still missing, one question after another, the optional environment items in one message
(core/intake.py ``ENVIRONMENT``), and the summary. A critical request asks only what a call back needs
(``CALLBACK_KEYS``), opens its ticket at once and then asks the rest, each answer added to the open ticket; what
the client leaves unanswered there reaches the ticket marked as not given (``leave_follow_up``).
Channels of letters (e-mail) get every open question in one message (core/stages/form.py). A description like
the client's open ticket of another chat is asked about before anything more (core/stages/same_request.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from core import calendar, notices, walker
from core.events import ClientWroteOnTicket, TicketFieldsAdded, TicketOpened
from core.intake import CALLBACK_KEYS, ENVIRONMENT, REMEMBERED_KEYS
from core.resemblance import latest_like
from core.stages.clock import minutes_to_closing
from core.stages.known import note_facts
from core.stages.turn import Turn
from core.stages.words import system_down
from core.state import ConversationState, Stage
from core.texts import t
from core.validators import InvalidAnswer, person_name
from core.wish_words import asks_for_feature

KIND_PRIORITY = {"consultation": "normal", "wish": "low"}


# what a profile name may hold besides a name: markup («<b>», WhatsApp's «*bold*»), emoji, direction marks (U+202E
# turns the line around), anything but letters, spaces, hyphens, apostrophes and dots
PROFILE_MARKUP = re.compile(r"<[^>]*>|[^\w\s.'’-]|_")


# an account's name, not a person's: a console's «root», a profile called «Admin»
ACCOUNT_NAMES = frozenset("root admin administrator user guest test operator support админ администратор".split())
ACCOUNT_NAMES |= frozenset("пользователь гость оператор".split())


def offered_name(profile_name: str | None) -> str | None:
    """The messenger profile's name, cleaned of markup and symbols, when it would pass as the contact's name:
    offered in one tap (the offer is shown in the chat and goes into the ticket as it is)."""
    cleaned = " ".join(PROFILE_MARKUP.sub(" ", profile_name or "").split())
    if cleaned.casefold() in ACCOUNT_NAMES:
        return None
    try:
        return person_name(cleaned) if cleaned else None
    except InvalidAnswer:
        return None


def continue_with_kind(turn: Turn) -> None:
    """The kind is known (chosen, or a malfunction reported): the criticality, unless it is known too, then fields."""
    s = turn.state
    assert s.kind is not None
    if s.kind == "problem" and s.priority is None and s.pending_question and system_down(s.pending_question):
        s.priority = "critical"  # «вся СКУД легла» needs no question about how critical it is
    s.priority = s.priority or KIND_PRIORITY.get(s.kind)
    if s.priority is None:
        turn.ask(Stage.CRITICALITY)
    else:
        begin_fields(turn)


def begin_fields(turn: Turn) -> None:
    """The first message's facts first, then what is on file offered back, then the questions."""
    if turn.state.priority == "critical":
        closing = minutes_to_closing(turn)  # «Быстрее всего — по телефону» with the line about to close
        line = "" if closing is None else f" {t('hours.line_closes', minutes=closing)}"
        turn.say(while_away(turn, "ticket.critical_note") + line)
    take_first_message(turn)
    if not offer_on_file(turn, turn.ctx.on_file):
        ask_next(turn)


def followup_intro(turn: Turn) -> str:
    """What comes once a critical ticket opened, before the rest of Appendix 1. Minutes before the line closes, no
    call is promised for today: at 16:59 «Пока инженер связывается с вами» had the client wait for a call that
    evening, the deadline being the next working day's."""
    minutes = minutes_to_closing(turn)
    if minutes is None or minutes >= CALL_NEEDS_MINUTES:
        return while_away(turn, "followup.intro")
    now, tz = turn.ctx.now, turn.ctx.timezone
    closes = datetime.combine(now.astimezone(tz).date(), calendar.CLOSES, tzinfo=tz)
    return t("followup.intro_closing", minutes=minutes, back=notices.back_at(now, tz, after=closes))


def while_away(turn: Turn, key: str) -> str:
    """The text ``key``; outside working hours its «_off_hours» variant, which promises no call and no line
    answering before the engineers are back (regulation 4.6)."""
    return notices.away(turn.ctx.now, turn.ctx.timezone, f"{key}_off_hours") or t(key)


def take_first_message(turn: Turn) -> None:
    """The question or report the ticket started from is its description; the facts in it are answers too."""
    s = turn.state
    question, s.pending_question = s.pending_question, None
    if question and "description" not in s.answers:
        s.answers["description"] = question[:3000]
    if question and s.kind == "wish" and "expected" not in s.answers and asks_for_feature(question):
        s.answers["expected"] = question[:3000]  # «хотим, чтобы в отчёте была колонка…» is the result wished for
    if question:
        note_facts(turn, question)


def offer_on_file(turn: Turn, on_file: Mapping[str, str]) -> bool:
    """Offer what we know of this client instead of asking it again («всё верно?»)."""
    s = turn.state
    assert s.kind is not None
    known = {k: v for k, v in on_file.items() if k in REMEMBERED_KEYS and v and k not in s.answers}
    if s.answers.get("product_name", on_file.get("product_name")) != on_file.get("product_name"):
        known.pop("product_version", None)  # the version of the product on file, not of the one named now
    applicable = {f.key for f in walker.applicable_fields(s.kind, {**s.answers, **known})}
    offer = {k: v for k, v in known.items() if k in applicable}
    if not offer:
        return False
    s.offer, s.field = offer, None
    turn.ask(Stage.RETURNING)
    return True


CALL_NEEDS_MINUTES = 10  # fewer minutes before the line closes, and a call back today is not promised


def ask_next(turn: Turn) -> None:
    """The next question not yet answered; when none is left, the summary (or, calling back, the ticket at once)."""
    s = turn.state
    take_first_message(turn)
    if s.on_ticket:
        add_to_ticket(turn)
    elif like_elsewhere(turn):
        return
    keys = open_keys(s, files=turn.inbound.by_letter)
    if not keys:
        finish(turn)
    elif turn.inbound.by_letter:
        ask_together(turn, keys)
    elif keys[0] in ENVIRONMENT:
        ask_together(turn, [k for k in keys if k in ENVIRONMENT])
    else:
        s.field, s.form_keys = keys[0], []
        turn.ask(Stage.FIELD)


def like_elsewhere(turn: Turn) -> bool:
    """A new request whose description resembles the client's open ticket of another chat: asked about first."""
    s = turn.state
    if not s.answers.get("description"):
        return False
    about = f"{s.answers.get('product_name', '')} {s.answers['description']}"
    ticket = latest_like(about, turn.ctx.open_tickets, s.not_same)
    if ticket is None:
        return False
    s.asked_ticket, s.asked_channel, s.asked_in_draft = ticket.number, ticket.channel, True
    turn.ask(Stage.SAME_REQUEST)
    return True


def open_keys(s: ConversationState, *, files: bool) -> list[str]:
    """The fields to ask now, in order; before a critical ticket opens, only those a call back needs."""
    assert s.kind is not None
    fields = walker.applicable_fields(s.kind, s.answers) if files else walker.summary_items(s.kind, s.answers)
    keys = [f.key for f in fields if f.key not in s.answers]
    return [k for k in keys if k in CALLBACK_KEYS] if s.calling_back else keys


def ask_together(turn: Turn, keys: list[str]) -> None:
    """Several questions in one numbered message (core/stages/form.py)."""
    turn.state.form_keys, turn.state.field = keys, None
    turn.ask(Stage.FORM)


def finish(turn: Turn) -> None:
    s = turn.state
    if s.calling_back:
        open_ticket(turn)
        s.on_ticket = dict(s.answers)  # the rest of Appendix 1 is asked now, added to the open ticket
        turn.say(followup_intro(turn))
        ask_next(turn)
    elif s.on_ticket:
        assert s.ticket is not None
        turn.say(t("followup.done", number=s.ticket))
        s.reset_intake()
        s.stage = Stage.TICKET_OPEN
    else:
        turn.ask(Stage.SUMMARY)


def rememberable(answers: dict[str, str], keys: Iterable[str]) -> dict[str, str]:
    """The answers among ``keys`` worth offering back next time: not skipped, not «не знает», not left unasked."""
    unknown = ("", walker.UNKNOWN, walker.NOT_GIVEN)
    return {k: answers[k] for k in keys if k in REMEMBERED_KEYS and answers[k] not in unknown}


def open_ticket(turn: Turn) -> None:
    """The draft becomes a ticket (the shell numbers it); files kept so far go with it."""
    s = turn.state
    assert s.kind is not None and s.priority is not None
    for field in walker.applicable_fields(s.kind, s.answers):
        if field.files:
            s.answers[field.key] = walker.attached_names(s.attachments)
    remembered = rememberable(s.answers, s.answers)
    fields = walker.ticket_fields(s.kind, s.answers)
    if s.calling_back:  # a critical ticket opens before the rest is asked: its engineers see what is to come
        fields = {key: walker.PENDING if key not in s.answers else value for key, value in fields.items()}
    turn.emit(
        TicketOpened(
            kind=s.kind,
            priority=s.priority,
            fields=fields,
            attachments=tuple(s.attachments),
            remembered=remembered,
        )
    )
    s.attachments, s.engineer = [], None
    s.joined_ticket = None  # this chat talks to its own ticket from now on


def add_to_ticket(turn: Turn) -> None:
    """Answers (and files) given since a critical ticket opened go to it."""
    s = turn.state
    assert s.kind is not None
    shown = walker.ticket_fields(s.kind, s.answers)
    new = [k for k, v in s.answers.items() if k in shown and s.on_ticket.get(k) != v]
    if not new and not s.attachments:
        return
    assert s.ticket is not None  # numbered by the shell when the ticket opened, a message before
    if new:
        remembered = rememberable(s.answers, new)
        turn.emit(TicketFieldsAdded(s.ticket, {k: shown[k] for k in new}, remembered))
        s.on_ticket.update({k: s.answers[k] for k in new})
    if s.attachments:
        turn.emit(ClientWroteOnTicket(s.ticket, None, tuple(s.attachments)))
        s.attachments = []


def leave_follow_up(turn: Turn) -> None:
    """The questions after a critical ticket opened end before their last answer (the client cancelled, started
    another request, wrote about something else, withdrew consent): each item not answered goes to the ticket
    marked as not given, so that its engineers see what Appendix 1 still lacks. The chat is back at its ticket."""
    s = turn.state
    if s.on_ticket and s.kind is not None and s.ticket is not None:
        for key in open_keys(s, files=False):
            s.answers[key] = walker.NOT_GIVEN
        add_to_ticket(turn)
    s.reset_intake()
    s.stage = Stage.TICKET_OPEN
