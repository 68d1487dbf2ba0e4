"""Stage summary: the answers shown back, numbered; a number edits that answer, «Отправить» opens the ticket."""

from __future__ import annotations

from core import walker
from core.events import TicketOpened
from core.intake import REMEMBERED_KEYS
from core.messages import Choice
from core.replies import Reply
from core.stages.intake import go_back
from core.stages.turn import Turn
from core.stages.words import first_word
from core.state import ConversationState, Stage
from core.texts import t

SEND = Choice("sum:send", t("choice.send"))


def summary_question(state: ConversationState) -> Reply | None:
    return walker.summary(state.kind, state.answers, len(state.attachments)) if state.kind else None


def on_summary(turn: Turn) -> None:
    s = turn.state
    assert s.kind is not None
    items = walker.summary_items(s.kind, s.answers)
    typed = turn.text.strip().rstrip(".")
    if turn.payload is None and typed.isdigit():
        number = int(typed)
        if not 1 <= number <= len(items):
            turn.say(t("summary.no_such_item", number=number, count=len(items)))
            return
        key = items[number - 1].key
        s.answers.pop(key, None)
        s.field = key
        turn.ask(Stage.FIELD)
        return
    chosen = turn.typed_choice((SEND,))
    if chosen is None and first_word(turn.text) == "отправить":
        chosen = SEND.payload
    if turn.command == "back" and s.history:
        go_back(turn)
    elif chosen == SEND.payload:
        open_ticket(turn)
    else:
        turn.not_understood()


def open_ticket(turn: Turn) -> None:
    """The draft becomes a ticket (the shell numbers it); the chat now talks to it."""
    s = turn.state
    assert s.kind is not None and s.priority is not None
    remembered = {k: v for k, v in s.answers.items() if k in REMEMBERED_KEYS and v}
    turn.emit(
        TicketOpened(
            kind=s.kind,
            priority=s.priority,
            fields=walker.ticket_fields(s.kind, s.answers),
            attachments=tuple(s.attachments),
            remembered=remembered,
        )
    )
    s.reset_intake()
    s.stage, s.engineer = Stage.TICKET_OPEN, None
