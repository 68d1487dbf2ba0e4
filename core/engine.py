"""The conversation engine: one pure step from (state, what the client said) to (state, replies, events).

No messenger, no database, no clock of its own: everything it needs comes in :class:`Context`.

This module is the dispatcher. A message goes first to the commands understood at every stage
(core/stages/commands.py), otherwise to the handler of the conversation's stage in ``STAGES``; the
handlers live in core/stages/, one module per group of stages. Adding a stage: a ``Stage`` member
(core/state.py), its handler (and question) in the module of its group, a row here.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import Inbound
from core.replies import Reply
from core.stages import consent, form, greeting, intake, link, news, rating, same_request, summary, ticket_open
from core.stages.commands import handle_command, keep_files_at_a_choice
from core.stages.rating import ask_rating
from core.stages.ticket_open import reopen_ticket
from core.stages.turn import CodeCheck, Context, FaqLookup, Handler, Question, Step, Turn
from core.state import ConversationState, Stage

__all__ = ["CodeCheck", "Context", "FaqLookup", "STAGES", "Step", "ask_rating", "reopen_ticket", "step"]


@dataclass(frozen=True)
class Handling:
    """What the engine does at one stage: the handler of the client's message, and the question it repeats."""

    handle: Handler
    question: Question | None = None  # None: nothing to repeat (the menu, a ticket open)


STAGES: dict[Stage, Handling] = {
    Stage.NEW: Handling(greeting.on_new),
    Stage.IDLE: Handling(greeting.on_idle),
    Stage.FAQ: Handling(greeting.on_faq),
    Stage.CONSENT: Handling(consent.on_consent, consent.consent_question),
    Stage.KIND: Handling(intake.on_kind, intake.kind_question),
    Stage.CRITICALITY: Handling(intake.on_criticality, intake.criticality_question),
    Stage.RETURNING: Handling(intake.on_returning, intake.returning_question),
    Stage.LINK: Handling(link.on_link, link.link_question),
    Stage.VERIFY: Handling(link.on_verify, link.verify_question),
    Stage.FIELD: Handling(form.on_field_after_form, intake.field_question),
    Stage.FORM: Handling(form.on_form, form.form_question),
    Stage.SUMMARY: Handling(summary.on_summary, summary.summary_question),
    Stage.TICKET_OPEN: Handling(ticket_open.on_ticket_open),
    Stage.SAME_REQUEST: Handling(same_request.on_same_request, same_request.same_request_question),
    Stage.RATING: Handling(rating.on_rating, rating.rating_question),
    Stage.RATING_COMMENT: Handling(rating.on_rating_comment),
}


def question_of(state: ConversationState) -> Reply | None:
    """The question the conversation's stage asks, as «reask» repeats it."""
    question = STAGES[state.stage].question
    return question(state) if question is not None else None


def step(state: ConversationState, inbound: Inbound, ctx: Context) -> Step:
    """Everything the bot does in answer to one client message."""
    turn = Turn(state, inbound, ctx, question_of)
    same_request.to_the_ticket_meant(turn)
    # at the menu, a message like an open ticket of the client's other chat is asked about first (4.13)
    if not handle_command(turn) and not same_request.ask_if_elsewhere(turn) and not keep_files_at_a_choice(turn):
        turn.answer_aside()
        STAGES[turn.state.stage].handle(turn)
    rating.ask_due_rating(turn)
    news.offer_after_intake(turn)
    return turn.result
