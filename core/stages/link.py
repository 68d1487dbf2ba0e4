"""Stages link and verify: a client who wrote before from another messenger or by e-mail joins this chat to it.

Asked for, never offered on a contact typed in an intake: there the step would differ between a contact on file
and any other, and tell a stranger who is a client (and push codes at them). Here every contact gets the same
answer and the same code question; a code goes only where the contact on file wrote from, and for any other
contact the desk keeps a code nobody is sent, so that what is typed back is checked, and counted, alike.
"""

from __future__ import annotations

from core.events import ContactVerified, VerificationRequested
from core.messages import Choice
from core.render import resolve_choice
from core.replies import Reply
from core.stages.flow import ask_next
from core.stages.greeting import NOT_FOUND_CHOICES
from core.stages.turn import NEW_TICKET, Turn
from core.state import ConversationState, Stage
from core.texts import t
from core.validators import InvalidAnswer, contacts

LINK_START = Choice("link:start", t("link.offer"))  # beside «no open requests»: they may be in another chat
# the menu's own options first, as every menu starts (core/stages/greeting.py): «1» typed means the same everywhere
NO_REQUESTS_CHOICES = (*NOT_FOUND_CHOICES, LINK_START)
SKIP = Choice("nav:skip", t("verify.skip"))
SKIP_CHOICES = (SKIP,)


def link_question(state: ConversationState) -> Reply:
    return Reply(t("link.ask"), SKIP_CHOICES)


def verify_question(state: ConversationState) -> Reply:
    return Reply(t("verify.sent"), SKIP_CHOICES)


def asked_to_link(turn: Turn) -> bool:
    """«Связать с прежним чатом» pressed, or typed as its words or its number among ``NO_REQUESTS_CHOICES``."""
    if turn.payload is not None:
        return turn.payload == LINK_START.payload
    return resolve_choice(turn.text, NO_REQUESTS_CHOICES, loose=False) == LINK_START.payload


def on_link(turn: Turn) -> None:
    """The phone or e-mail given in the earlier chat: a code is asked for, whatever it is."""
    if turn.typed_choice(SKIP_CHOICES) == SKIP.payload or turn.command in ("skip", "back"):
        done(turn, "verify.skipped")
    elif turn.payload is not None:
        turn.stale()
    else:
        try:
            contacts(turn.text or "")
        except InvalidAnswer:
            turn.say(Reply(t("link.not_a_contact"), SKIP_CHOICES))
            return
        turn.emit(VerificationRequested())
        turn.ask(Stage.VERIFY)


def on_verify(turn: Turn) -> None:
    """The right code joins this chat to the client on file; skipping, or a code that no longer can, ends it."""
    check = turn.ctx.code_check
    chosen = turn.typed_choice(SKIP_CHOICES) if check is None else None  # «Пропустить» pressed or typed, «1»
    if chosen == SKIP.payload or turn.command in ("skip", "back"):
        done(turn, "verify.skipped")
    elif turn.payload is not None:
        turn.stale()
    elif check is None:
        turn.say(Reply(t("verify.expect_code"), SKIP_CHOICES))
    elif check.outcome == "ok":
        turn.emit(ContactVerified())
        done(turn, "verify.ok")
    elif check.outcome == "wrong":
        turn.say(Reply(t("verify.wrong", left=check.attempts_left), SKIP_CHOICES))
    else:
        done(turn, f"verify.{check.outcome}")


def done(turn: Turn, key: str) -> None:
    if turn.state.kind is not None:  # a row saved when the code was asked inside an intake: that intake goes on
        turn.say(t(key))
        ask_next(turn)
        return
    turn.state.stage = Stage.IDLE
    turn.say(Reply(t(key), (NEW_TICKET,)))
