"""Stages new, idle and faq: the greeting, the menu, and a question answered from the FAQ («Помогло»?)."""

from __future__ import annotations

from core.events import FaqFeedback
from core.messages import Choice
from core.render import resolve_choice
from core.replies import Reply
from core.stages.consent import start_ticket
from core.stages.turn import NEW_TICKET, Turn
from core.stages.words import is_greeting
from core.state import Stage
from core.texts import t

FAQ_CHOICES = (Choice("faq:helped", t("choice.helped")), NEW_TICKET)
NOT_FOUND_CHOICES = (NEW_TICKET, Choice("menu:ask", t("choice.another_question")))


def greet(turn: Turn) -> None:
    if turn.state.stage in (Stage.NEW, Stage.FAQ):
        turn.state.stage = Stage.IDLE
    turn.say(Reply(t("menu.greeting"), (NEW_TICKET,)))


def on_new(turn: Turn) -> None:
    greet(turn)
    if turn.text and not is_greeting(turn.text) and turn.payload is None:
        on_idle(turn)


def on_idle(turn: Turn) -> None:
    """The menu: a new ticket, or anything typed taken as a question for the FAQ."""
    if turn.state.stage not in (Stage.IDLE, Stage.FAQ):
        turn.state.stage = Stage.IDLE
    payload = turn.payload
    if payload is None and turn.text:
        payload = resolve_choice(turn.text, NOT_FOUND_CHOICES, loose=False)  # every menu starts with these
    if payload == "menu:ticket" or turn.command == "ticket":
        start_ticket(turn)
    elif payload == "menu:ask":
        turn.say(t("menu.ask_more"))
    elif payload is not None:
        turn.stale()
    elif turn.inbound.attachments or turn.inbound.unsupported or not turn.text:
        turn.say(Reply(t("menu.ask_more"), (NEW_TICKET,)))
    elif is_greeting(turn.text):
        greet(turn)
    else:
        answer_question(turn, turn.text)


def answer_question(turn: Turn, question: str) -> None:
    s = turn.state
    found = turn.ctx.faq(question) if turn.ctx.faq else None
    if found is not None and found.answered:
        hit = found.results[0]
        s.stage, s.faq_entry, s.faq_query = Stage.FAQ, hit.id, question
        s.pending_question = None
        turn.say(Reply(t("faq.answer", answer=hit.answer), FAQ_CHOICES))
    else:
        s.stage, s.faq_entry, s.faq_query = Stage.IDLE, None, None
        s.pending_question = question
        turn.say(Reply(t("faq.not_found"), NOT_FOUND_CHOICES))


def on_faq(turn: Turn) -> None:
    s = turn.state
    chosen = turn.typed_choice(FAQ_CHOICES) if turn.payload or len(turn.text) < 30 else None
    entry, query = s.faq_entry or "", s.faq_query or ""
    if chosen == "faq:helped":
        turn.emit(FaqFeedback(entry, query, helpful=True))
        s.stage, s.faq_entry, s.faq_query = Stage.IDLE, None, None
        turn.say(t("faq.thanks"))
    elif chosen == "menu:ticket":
        turn.emit(FaqFeedback(entry, query, helpful=False))
        s.pending_question = query or None
        start_ticket(turn)
    else:
        on_idle(turn)
