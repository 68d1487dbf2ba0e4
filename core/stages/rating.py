"""Stages rating and rating_comment: a closed ticket's score from 1 to 5, then an optional comment.

An engineer's /close asks it (``ask_rating``) at once, or once a draft in progress is over (``ask_due_rating``).
A client who answers that the problem is not solved («не заработало», «ошибка осталась») is not just thanked:
the words reach the closed ticket's engineers, who may reopen it.
"""

from __future__ import annotations

import re
from copy import deepcopy

from core import walker
from core.events import ClientWroteOnTicket, TicketRated
from core.messages import Choice
from core.replies import Reply
from core.stages.greeting import on_idle
from core.stages.ticket_open import on_ticket_open
from core.stages.turn import Step, Turn
from core.stages.words import word_count
from core.state import AT_REST, DRAFT_STAGES, RATING_STAGES, ConversationState, Stage
from core.texts import t

RATING_CHOICES = tuple(Choice(f"rate:{n}", str(n)) for n in range(1, 6))
# A score typed as a number stands alone: «5», «ставлю 4», «5 звёзд»; not the 3 of «Бастион-3» or of «3.1».
_LONE_SCORE = re.compile(r"(?<![\w.,-])([1-5])(?![\w.,-]*\d)(?!\w)")
_OUT_OF_FIVE = re.compile(r"(?<![\w.,-])([1-5])\s*(?:/|из)\s*5(?!\w)")  # «4/5», «4 из 5»
_DIGIT = re.compile(r"\d")
NOT_SOLVED = re.compile(
    r"\bне\s+(?:решен|решил|решат|помогл|заработал|работает|исправ|устран)|\bдо\s+сих\s+пор\b|\bосталас|\bосталось\b"
    r"|\bпо-прежнему\b|\bопять\b|\bснова\s+не\b|\bне\s+то\b",
    re.IGNORECASE,
)


def _typed_score(turn: Turn) -> str | None:
    """The rating pressed or typed; a message with digits scores only by one lone digit from 1 to 5."""
    if turn.payload is not None or not _DIGIT.search(turn.text):
        return turn.typed_choice(RATING_CHOICES)
    if out_of_five := _OUT_OF_FIVE.search(turn.text):
        return f"rate:{out_of_five.group(1)}"
    scores = _LONE_SCORE.findall(turn.text)
    return f"rate:{scores[0]}" if len(scores) == 1 and len(_DIGIT.findall(turn.text)) == 1 else None


def rating_question(state: ConversationState) -> Reply:
    return Reply(t("rating.ask", number=state.rating_ticket), RATING_CHOICES)


def not_solved(turn: Turn) -> bool:
    """«Проблема не решена, пульт так и не на связи» after /close: passed to that ticket's engineers; True if so."""
    if turn.payload is not None or not turn.text or not NOT_SOLVED.search(turn.text.replace("ё", "е")):
        return False
    assert turn.state.rating_ticket is not None
    turn.emit(ClientWroteOnTicket(turn.state.rating_ticket, turn.text))
    turn.say(t("rating.not_solved", number=turn.state.rating_ticket))
    return True


def on_rating(turn: Turn) -> None:
    chosen = _typed_score(turn)
    if chosen is None:
        if not_solved(turn):
            leave_rating(turn.state)
        elif turn.payload is None and word_count(turn.text) > 3:
            leave_rating(turn.state)  # a message, not a rating: it goes to the open ticket, or is a question
            handler = on_ticket_open if turn.state.stage == Stage.TICKET_OPEN else on_idle
            handler(turn)
        else:
            turn.say(Reply(t("rating.invalid"), RATING_CHOICES))
        return
    assert turn.state.rating_ticket is not None
    turn.emit(TicketRated(turn.state.rating_ticket, score=int(chosen.removeprefix("rate:"))))
    turn.state.stage = Stage.RATING_COMMENT
    turn.say(Reply(t("rating.comment_ask"), (walker.SKIP,)))


def on_rating_comment(turn: Turn) -> None:
    if turn.payload != "nav:skip" and turn.command != "skip" and turn.text:
        assert turn.state.rating_ticket is not None
        turn.emit(TicketRated(turn.state.rating_ticket, comment=turn.text[:2000]))
        if not_solved(turn):
            leave_rating(turn.state)
            return
    leave_rating(turn.state)
    turn.say(t("rating.thanks"))


def leave_rating(state: ConversationState) -> None:
    """Back to the ticket still open (one sent while the rated ticket was being closed), or to the menu."""
    state.stage = Stage.TICKET_OPEN if state.ticket else Stage.IDLE
    state.rating_ticket = None


def ask_due_rating(turn: Turn) -> None:
    """A ticket closed while a draft was in progress is rated once the conversation is at rest again."""
    s = turn.state
    if s.ratings_due and s.stage in AT_REST:
        s.rating_ticket = s.ratings_due.pop(0)
        turn.ask(Stage.RATING)


def ask_rating(state: ConversationState, number: str, channel: str, chat: str) -> Step:
    """An engineer closed ticket ``number``: tell the client and ask for a rating, if the chat talks to it.

    A draft of a new ticket in progress (or another ticket's rating) is never disturbed: the client is told
    that the ticket is closed, and the question waits in ``ratings_due`` until the conversation is at rest
    again (the draft sent or abandoned); then the engine asks it. The questions still asked after a critical
    ticket opened are no draft: they end with that ticket, and the rating is asked at once.
    """
    new = deepcopy(state)
    if new.ticket != number:
        return Step(new)
    if new.on_ticket:  # the questions after a critical ticket opened: nothing more is added to a closed ticket
        new.reset_intake()
        new.stage = Stage.TICKET_OPEN
    new.ticket = new.engineer = None
    if new.stage in DRAFT_STAGES | RATING_STAGES:
        new.ratings_due.append(number)
        return Step(new, [Reply(t("ticket.closed_rating_later", number=number)).address(channel, chat)])
    new.stage, new.rating_ticket = Stage.RATING, number
    replies = [Reply(t("ticket.closed", number=number)), rating_question(new)]
    return Step(new, [reply.address(channel, chat) for reply in replies])
