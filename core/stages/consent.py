"""Stage consent: a new ticket starts here while the client has not yet agreed to the processing of personal data."""

from __future__ import annotations

from core.consent_words import ConsentIntent, about_consent, consent_answer
from core.events import ConsentGiven, ConsentRefused
from core.messages import Choice
from core.replies import Reply
from core.stages.turn import NEW_TICKET, Turn
from core.state import ConversationState, Stage
from core.texts import CONSENT_VERSION, PRIVACY_POLICY_URL, t

CONSENT_CHOICES = (Choice("consent:yes", t("consent.agree")), Choice("consent:no", t("consent.decline")))


def consent_question(state: ConversationState) -> Reply:
    return Reply(t("consent.request", policy_url=PRIVACY_POLICY_URL), CONSENT_CHOICES)


def start_ticket(turn: Turn) -> None:
    """A new ticket: its intake starts with the kind of request, or with the consent question first."""
    s = turn.state
    question = s.pending_question
    s.reset_intake()
    s.pending_question = question
    s.faq_entry = s.faq_query = None
    turn.ask(Stage.KIND if turn.ctx.consent_given else Stage.CONSENT)


def on_consent(turn: Turn) -> None:
    chosen = turn.typed_choice(CONSENT_CHOICES)
    if chosen is None and turn.payload is None:
        answer = consent_answer(turn.text)
        if answer is ConsentIntent.AGREE:
            chosen = "consent:yes"
        elif answer is ConsentIntent.REFUSE or about_consent(turn.text) is ConsentIntent.WITHDRAW:
            chosen = "consent:no"
    if chosen == "consent:yes":
        turn.emit(ConsentGiven(CONSENT_VERSION, t("consent.request", policy_url=PRIVACY_POLICY_URL)))
        turn.ask(Stage.KIND)
    elif chosen == "consent:no":
        turn.emit(ConsentRefused())
        turn.state.reset_intake()
        turn.state.stage = Stage.IDLE
        turn.say(Reply(t("consent.declined"), (NEW_TICKET,)))
    elif turn.payload is not None:
        turn.stale()
    else:
        turn.say(Reply(t("consent.unclear"), CONSENT_CHOICES))
