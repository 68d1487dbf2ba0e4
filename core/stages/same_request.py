"""Stage same_request: «Это по заявке TP-…?» before a message goes to a ticket, or starts one, silently.

Regulation 4.13: a request once filed need not be sent again through every channel. A client the platform
vouched for (a verified phone, a one-time code typed back) is one client in every messenger, and the shell
lists their open tickets in ``Context.open_tickets``. The question is asked in two cases:

- **Another chat's ticket.** A message at the menu (stages new, idle, faq), or a new request's description
  (core/stages/flow.py), that *resembles* an open ticket opened in another chat: the same product, or key
  words of its description (the rule: core/resemblance.py). Once answered «Нет, новая заявка», that ticket
  is not asked about again in this chat.
- **A new problem on this chat's ticket.** While a ticket is open here, a message that *looks new*: it says
  so («у меня другой вопрос», «ещё одна проблема», «новая заявка: …»), or reports a malfunction of another
  product than the ticket's. Plain follow-ups («вот скриншот», answers to the engineer) never ask.

«Да» / «По этой заявке»: the message, or the new request's description (its draft dropped), joins the ticket
and its topic, and for another chat's ticket so does everything this chat writes until the ticket closes.
«Новая заявка»: a new request with the message as its description, as a reported malfunction starts one
(core/stages/flow.py), or the draft asked about goes on.
"""

from __future__ import annotations

import re

from core.choice_words import NO, YES, best_match
from core.events import ClientWroteOnTicket, TicketJoined
from core.facts import names_a_protection_key
from core.messages import Choice
from core.my_requests import ticket_number_in
from core.replies import Reply
from core.resemblance import key_words, latest_like, product_of, same_product, ticket_product
from core.stages.consent import start_ticket
from core.stages.flow import ask_next, leave_follow_up
from core.stages.turn import NEW_TICKET, OpenTicket, Turn
from core.stages.words import word_count
from core.state import ConversationState, Stage
from core.texts import t

SAME = "menu:same"  # under «menu:» so that Viber and WhatsApp send it back as a button's payload
AT_MENU = frozenset({Stage.NEW, Stage.IDLE, Stage.FAQ})
NEW_PROBLEM = re.compile(
    r"\b(?:друг(?:ой|ая|ое|ие|ого|ую)|ещ[её]\s(?:одн[аоуй]|один)|нов(?:ый|ая|ое|ую)|отдельн\w*)\s(?:\w+\s)?"
    r"(?:вопрос|проблем|заявк|неисправност|ошибк|задач)"
    r"|\bещ[её]\s(?:(?:у\s(?:нас|меня)\s)?(?:есть\s)?)(?:вопрос|проблем|заявк)\w*\W+\w+\W+\w+"  # and what it is
    r"|\bне\sпо\s(?:этой|той|этому)\sзаявк"
    # «и ещё, не связанное: перестал работать…», «не связано с этой заявкой»; not «ошибка не связана с обновлением»
    r"|\bне\s+связан\w*\s*(?:[:—–-]|с\s+(?:этой|той|этим|ней)\b)",
    re.IGNORECASE,
)
ANSWERS = {  # the client's own words for the two answers, besides the buttons' titles
    SAME: (*YES, "по этой", "по ней", "по той же", "та же", "эта же", "она же", "это она", "по этому"),
    NEW_TICKET.payload: (*NO, "нов*", "друг*", "отдельн*", "не по этой", "не по ней", "не она", "не та"),
}
_ANSWER_PHRASES = {payload: tuple(tuple(p.split()) for p in phrases) for payload, phrases in ANSWERS.items()}


def looks_new(turn: Turn, ticket: OpenTicket | None) -> bool:
    """The message says it is another problem, or reports a malfunction of another product than the ticket's."""
    if NEW_PROBLEM.search(turn.text):
        return True
    if ticket is None:
        return False
    mentioned, own = product_of(turn.text), ticket_product(ticket)
    if mentioned and own and not same_product(mentioned, own):
        return turn.reports_trouble(turn.text)
    # «ключ HASP перестал определяться» on a ticket about the event log: the key's trouble is a request of its own
    return (
        not names_a_protection_key(ticket.subject)
        and turn.key_in_trouble(turn.text)
        and turn.reports_trouble(turn.text)
    )


def open_ticket(turn: Turn, number: str | None) -> OpenTicket | None:
    return next((o for o in turn.ctx.open_tickets if o.number == number), None)


# --- asking
def to_the_ticket_meant(turn: Turn) -> None:
    """With tickets open in this chat, a message goes to the one it means: the one whose number it names («по заявке
    TP-00001: …»; it went to the newest); at the menu, once the newest closed, the one still open (the one waiting
    for the client's answer first: what the client wrote for it was taken for a new request); with several, the one
    named by its place («по первой заявке») or plainly more alike (``most_alike``)."""
    s = turn.state
    if turn.payload is not None or s.stage not in AT_MENU | {Stage.TICKET_OPEN} or s.joined_ticket is not None:
        return
    here = sorted((ticket for ticket in turn.ctx.open_tickets if ticket.here), key=lambda ticket: ticket.number)
    named = ticket_number_in(turn.text or "")
    meant = next((ticket for ticket in here if ticket.number == named), None)
    if meant is None and s.stage in AT_MENU and s.ticket is None and here:
        meant = max(here, key=lambda ticket: (ticket.waiting, ticket.number))
    if meant is None and len(here) > 1 and turn.text:
        meant = by_order(turn.text, here) or most_alike(turn.text, here, s.ticket)
    if meant is not None and (meant.number != s.ticket or s.stage is not Stage.TICKET_OPEN):
        s.stage, s.ticket, s.engineer = Stage.TICKET_OPEN, meant.number, meant.engineer


ORDINALS = {"перв": 0, "втор": 1, "трет": 2}
BY_ORDER = re.compile(r"\b(перв|втор|трет|последн|нов)\w*\s+(?:заявк|обращени)", re.IGNORECASE)


def by_order(text: str, here: list[OpenTicket]) -> OpenTicket | None:
    """«по первой заявке: …», «по последней»: the ticket by its place among this chat's open ones, oldest first."""
    found = BY_ORDER.search(text)
    if found is None:
        return None
    place = ORDINALS.get(found.group(1).casefold(), len(here) - 1)
    return here[place] if place < len(here) else None


def most_alike(text: str, here: list[OpenTicket], current: str | None) -> OpenTicket | None:
    """Another of this chat's open tickets the message is plainly about, more than the one the chat talks to («ключ
    так и не видится» beside a ticket about the key and one about reports); None when none stands out."""

    words, keyed = key_words(text), names_a_protection_key(text)

    def alike(ticket: OpenTicket) -> int:
        return len(words & key_words(ticket.subject)) + 2 * (keyed and names_a_protection_key(ticket.subject))

    best = max(here, key=alike)
    now = next((ticket for ticket in here if ticket.number == current), None)
    return best if alike(best) > (alike(now) if now else 0) else None


def ask_if_elsewhere(turn: Turn) -> bool:
    """At the menu: a message like a ticket of this client's other chat is asked about; True when asked."""
    s = turn.state
    if s.stage not in AT_MENU or turn.payload is not None or turn.command is not None or not turn.text:
        return False
    ticket = latest_like(turn.text, turn.ctx.open_tickets, s.not_same)
    if ticket is None:
        return False
    hold(turn, ticket.number, ticket.channel)
    return True


def ask_if_new(turn: Turn) -> bool:
    """On this chat's open ticket: a message that looks like a new problem is asked about; True when asked."""
    s = turn.state
    if turn.payload is not None or not turn.text or not looks_new(turn, open_ticket(turn, s.ticket)):
        return False
    assert s.ticket is not None
    hold(turn, s.ticket, None)
    return True


def left_follow_up(turn: Turn) -> bool:
    """In the questions after a critical ticket opened, a message that looks like another problem is no answer:
    the questions end (what was not answered marked so on the ticket) and it is asked about; True when so.

    Asked only at questions not of free text (core/stages/intake.py, form.py): a free answer may well speak of
    «другая ошибка».
    """
    s, number = turn.state, turn.state.ticket
    if not s.on_ticket or number is None or turn.payload is not None or not turn.text:
        return False
    if not looks_new(turn, open_ticket(turn, number)):
        return False
    leave_follow_up(turn)
    turn.say(t("followup.left", number=number))
    hold(turn, number, None)
    return True


def hold(turn: Turn, number: str, channel: str | None) -> None:
    """Keep the message and its files until the answer says where they go; then ask."""
    s = turn.state
    for refusal in turn.keep_attachments():
        turn.say(refusal)
    s.pending_question, s.asked_ticket, s.asked_channel = turn.text, number, channel
    s.faq_entry = s.faq_query = None
    turn.ask(Stage.SAME_REQUEST)


def choices_of(state: ConversationState) -> tuple[Choice, ...]:
    number = state.asked_ticket
    if state.asked_channel is None:
        return Choice(SAME, t("same_request.this_one")), Choice(NEW_TICKET.payload, t("same_request.new_one"))
    same = Choice(SAME, t("same_request.yes_elsewhere", number=number))
    return same, Choice(NEW_TICKET.payload, t("same_request.no_elsewhere"))


def same_request_question(state: ConversationState) -> Reply:
    number = state.asked_ticket
    if state.asked_channel is None:
        return Reply(t("same_request.ask_here", number=number), choices_of(state))
    text = t("same_request.ask_elsewhere", number=number, channel=t(f"channel.{state.asked_channel}"))
    return Reply(text, choices_of(state))


# --- the answer
def on_same_request(turn: Turn) -> None:
    chosen = turn.typed_choice(choices_of(turn.state))
    if chosen is None and turn.payload is None and turn.text:
        chosen = best_match(turn.text, _ANSWER_PHRASES, whole=False)
    if chosen == SAME:
        join(turn)
    elif chosen == NEW_TICKET.payload:
        new_request(turn)
    else:
        turn.not_understood()


def join(turn: Turn) -> None:
    """The message held joins the ticket; another chat's ticket takes this chat's next messages too."""
    s = turn.state
    number, elsewhere = s.asked_ticket, s.asked_channel is not None
    assert number is not None
    text = s.answers.get("description") if s.asked_in_draft else s.pending_question
    files = tuple(s.attachments)
    put_aside(s)
    s.reset_intake()  # a draft asked about is dropped: its request is that ticket
    s.stage, s.ticket = Stage.TICKET_OPEN, number
    turn.emit(TicketJoined(number))
    turn.emit(ClientWroteOnTicket(number, text, files))
    if elsewhere:
        ticket = open_ticket(turn, number)
        s.joined_ticket, s.engineer = number, ticket.engineer if ticket is not None else None
        turn.say(t("same_request.joined", number=number))
    else:
        turn.say(t("ticket.message_added", number=number))


def new_request(turn: Turn) -> None:
    """A new request starts from the message held: its description, unless it only said «другой вопрос»."""
    s = turn.state
    if s.asked_channel is not None and s.asked_ticket is not None:
        s.not_same.append(s.asked_ticket)
    if s.asked_in_draft:
        put_aside(s)
        ask_next(turn)
        return
    held = s.pending_question or ""
    put_aside(s)
    s.pending_question = held if word_count(NEW_PROBLEM.sub("", held)) > 2 else None
    start_ticket(turn, kind="problem" if held and turn.reports_trouble(held) else None)


def drop_question(state: ConversationState) -> None:
    """«Отмена» or /start at the question: it is dropped with the message, files or draft it held."""
    in_draft = state.asked_in_draft
    put_aside(state)
    state.pending_question, state.attachments = None, []
    if in_draft:
        state.reset_intake()
        state.stage = Stage.IDLE


def put_aside(state: ConversationState) -> None:
    """The question is over: the chat is back at rest where it was asked (its own ticket, or the menu)."""
    if state.stage == Stage.SAME_REQUEST:
        own = state.asked_channel is None and state.ticket is not None
        state.stage = Stage.TICKET_OPEN if own else Stage.IDLE
    state.asked_ticket = state.asked_channel = None
    state.asked_in_draft = False


def left_closed_ticket(turn: Turn) -> bool:
    """Another chat's ticket this chat joined has closed: the chat is at the menu again; True when so."""
    s = turn.state
    if s.joined_ticket is None or s.ticket != s.joined_ticket or open_ticket(turn, s.ticket) is not None:
        return False
    s.joined_ticket = s.ticket = s.engineer = None
    s.stage = Stage.IDLE
    return True
