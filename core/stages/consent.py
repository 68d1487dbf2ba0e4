"""Stage consent: a new ticket (or a subscription to the news) starts here while the client has not yet agreed to the
processing of personal data."""

from __future__ import annotations

import re

from core.consent_words import ConsentIntent, about_consent, consent_answer
from core.events import ConsentGiven, ConsentRefused
from core.facts import extract
from core.messages import Choice
from core.replies import Reply
from core.stages import news
from core.stages.flow import continue_with_kind, offered_name
from core.stages.turn import NEW_TICKET, Turn
from core.stages.words import looks_like_a_question, why_asked
from core.state import ConversationState, Stage
from core.texts import CONSENT_VERSION, PRIVACY_POLICY_URL, t

CONSENT_CHOICES = (Choice("consent:yes", t("consent.agree")), Choice("consent:no", t("consent.decline")))


def consent_question(state: ConversationState) -> Reply:
    return Reply(consent_text(state), CONSENT_CHOICES)


def for_ticket(state: ConversationState) -> bool:
    """The consent is asked for a ticket, not for the news alone («Подписаться на новости» with no ticket begun)."""
    return state.news_on_consent in (None, Stage.CONSENT)


def consent_text(state: ConversationState) -> str:
    """Appendix 2 with what it is asked for: a ticket, or (asked from the menu) the news alone."""
    text = t("consent.request", policy_url=PRIVACY_POLICY_URL)
    if not for_ticket(state):
        text = text.replace(t("consent.request_for_ticket"), t("consent.request_for_news"), 1)
    return text


def start_ticket(turn: Turn, kind: str | None = None) -> None:
    """A new ticket: the consent question first when not yet given, then the kind of request unless it is known.

    The question or report it starts from (``pending_question``) and the files sent before are kept for it.
    """
    s = turn.state
    question, files = s.pending_question, s.attachments
    s.reset_intake()
    s.pending_question, s.attachments, s.kind = question, files, kind
    s.faq_entry = s.faq_query = None
    if not turn.ctx.consent_given:
        turn.ask(Stage.CONSENT)
    else:
        after_consent(turn)


def after_consent(turn: Turn) -> None:
    """With consent, the profile's name may be kept to offer it as the contact's; then the kind, or what follows it."""
    turn.state.profile_name = offered_name(turn.inbound.profile_name)
    if turn.state.kind is None:
        turn.ask(Stage.KIND)
    else:
        continue_with_kind(turn)


# «а это обязательно?», «без этого никак?», «обязательно соглашаться?»: whether consent is needed at all
REQUIRED_ASKED = re.compile(r"обязательн|без\s(?:этого|него|согласия)|никак\b|нельзя\sли", re.IGNORECASE)


def erases(text: str) -> bool:
    """«удалите мои данные», «удалите нашу переписку», «хочу удалить аккаунт» at the consent question: no consent,
    and what the chat wrote erased (the last two were «Не понял ответа», the first message kept); not a question
    about it («как отозвать согласие?»)."""
    intent = about_consent(text)
    maybe = intent is ConsentIntent.MAYBE_WITHDRAW and not looks_like_a_question(text)
    return intent is ConsentIntent.WITHDRAW or maybe


def on_consent(turn: Turn) -> None:
    chosen = turn.typed_choice(CONSENT_CHOICES)
    if chosen is None and turn.payload is None:
        answer = consent_answer(turn.text)
        if answer is ConsentIntent.AGREE:
            chosen = "consent:yes"
        elif answer is ConsentIntent.REFUSE or erases(turn.text):
            chosen = "consent:no"
    if chosen == "consent:yes":
        turn.emit(ConsentGiven(CONSENT_VERSION, consent_text(turn.state)))
        if news.consent_answered(turn, given=True):
            after_consent(turn)
    elif chosen == "consent:no":
        turn.emit(ConsentRefused())
        if not news.consent_answered(turn, given=False):
            return
        turn.state.reset_intake()
        turn.state.stage = Stage.IDLE
        turn.say(Reply(t("consent.declined"), (NEW_TICKET,)))
    elif turn.payload is not None or (turn.inbound.unsupported and not turn.text):
        turn.not_understood()  # a button of another step, or a voice message: said so, the question again
    elif looks_like_a_question(turn.text):  # «а что вы будете делать с моими данными?» is asked, not misunderstood
        # «а это обязательно?», «а зачем вам мой телефон?»: why it is (not the FAQ's entry on calling us); another
        # question gets the FAQ's answer and the two buttons, not the twenty lines of the consent again
        answer = None if REQUIRED_ASKED.search(turn.text) or why_asked(turn.text) else turn.faq_answer()
        turn.say(Reply(t("consent.why") if answer is None else t("consent.answered", answer=answer), CONSENT_CHOICES))
    elif for_ticket(turn.state) and tells_more(turn):  # «2 дня уже не работает»: kept with the first message
        pending = turn.state.pending_question
        turn.state.pending_question = f"{pending}\n{turn.text}" if pending else turn.text
        turn.say(Reply(t("consent.story_kept"), CONSENT_CHOICES))
    else:
        turn.say(Reply(t("consent.unclear"), CONSENT_CHOICES))


def tells_more(turn: Turn) -> bool:
    """The message at the consent question tells of the trouble, or names what the intake asks (a product, a version):
    lost until now, though the first message, kept until consent, is kept."""
    return turn.reports_trouble(turn.text) or bool(extract(turn.text))
