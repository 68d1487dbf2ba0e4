"""The release news (regulation 3.3, 4.8): «Подписаться на новости» / «Отписаться» at any stage, and one question
at the end of the intake to a client who has never chosen.

The choice is stored with its time (``NewsSubscriptionChanged``). Subscribing needs consent to personal-data
processing: without it the client is told why and asked the consent question, and the subscription follows
the «Согласен» (``ConversationState.news_on_consent`` remembers where to come back to).
"""

from __future__ import annotations

from dataclasses import replace

from core.clock_words import clock_question
from core.consent_words import ConsentIntent, consent_answer
from core.events import NewsSubscriptionChanged, TicketOpened
from core.messages import Choice
from core.news_words import NewsIntent, about_news, asks_how_to_unsubscribe
from core.notices import NEWS_CHOICES
from core.render import resolve_choice
from core.replies import Reply
from core.stages.turn import Turn
from core.stages.words import open_asked, small_talk
from core.state import Stage
from core.texts import t

YES, NO = NEWS_CHOICES
UNSUBSCRIBE = Choice(NO.payload, t("news.unsubscribe"))


def news_intent(turn: Turn) -> NewsIntent | None:
    """What the message says about the news: in any words, or as the answer to the end-of-intake question."""
    answering, turn.state.answering_news = turn.state.answering_news, False
    if turn.payload in (YES.payload, NO.payload):
        return NewsIntent.SUBSCRIBE if turn.payload == YES.payload else NewsIntent.UNSUBSCRIBE
    if turn.payload is not None or turn.command is not None or not turn.text:
        return None
    if answering and (clock_question(turn.text) or open_asked(turn.text, turn.today())):
        turn.state.answering_news = True  # «а завтра?» first (the clock answers it): the next «да» is still the answer
        return None
    if answering:
        chosen = resolve_choice(turn.text, NEWS_CHOICES, loose=False)  # «1», «Да, подписаться»
        if chosen is not None:
            return NewsIntent.SUBSCRIBE if chosen == YES.payload else NewsIntent.UNSUBSCRIBE
        # a plain «да» / «нет, спасибо»; «ок», «понятно» acknowledge the confirmation and answer nothing
        answer = consent_answer(turn.text) if small_talk(turn.text) is None else None
        if answer is not None:
            return NewsIntent.SUBSCRIBE if answer is ConsentIntent.AGREE else NewsIntent.UNSUBSCRIBE
    return about_news(turn.text)


def on_news(turn: Turn, intent: NewsIntent) -> None:
    """Subscribe, unsubscribe or explain how; then the question of the stage again."""
    if intent is NewsIntent.SUBSCRIBE and not turn.ctx.consent_given:
        ask_consent(turn)
        return
    if intent is NewsIntent.ASK and asks_how_to_unsubscribe(turn.text):  # it offered «Да, подписаться»
        subscribed = turn.ctx.news_subscribed
        turn.say(Reply(t("news.how_unsubscribe"), (UNSUBSCRIBE,)) if subscribed else t("news.not_subscribed"))
    elif intent is NewsIntent.ASK:
        turn.say(Reply(t("news.how"), (YES, NO)))
    elif intent is NewsIntent.SUBSCRIBE:
        subscribe(turn)
    elif turn.ctx.news_subscribed:
        turn.emit(NewsSubscriptionChanged(subscribed=False))
        turn.say(t("news.unsubscribed"))
    elif not turn.ctx.news_chosen:  # «Нет, спасибо», «не присылайте рассылку»: a choice, remembered with its time
        turn.emit(NewsSubscriptionChanged(subscribed=False))
        turn.say(t("news.declined"))
    else:
        turn.say(t("news.not_subscribed"))
    turn.reask()


def subscribe(turn: Turn) -> None:
    if turn.ctx.news_subscribed:
        turn.say(t("news.already_subscribed"))
        return
    turn.emit(NewsSubscriptionChanged(subscribed=True))
    turn.say(t("news.subscribed"))


def consent_answered(turn: Turn, *, given: bool) -> bool:
    """The consent question was answered: subscribe if it was asked for the news, then back where the client was.

    True when the question (also) belonged to a new ticket, whose intake the caller goes on with or drops.
    """
    back, turn.state.news_on_consent = turn.state.news_on_consent, None
    if back is None:
        return True
    if given:
        turn.emit(NewsSubscriptionChanged(subscribed=True))
        turn.say(t("news.subscribed"))
    if back == Stage.CONSENT:  # asked at the ticket's own consent question
        return True
    if not given:
        turn.say(t("news.consent_declined"))
    turn.ask(Stage.IDLE if back == Stage.NEW else Stage(back))
    return False


def ask_consent(turn: Turn) -> None:
    """No consent yet: say why it is needed and ask it; the consent stage subscribes on «Согласен»."""
    if turn.state.news_on_consent is None:  # asked again at the consent question: still back to the first stage
        turn.state.news_on_consent = turn.state.stage
    turn.say(t("news.needs_consent"))
    turn.ask(Stage.CONSENT)


def offer_after_intake(turn: Turn) -> None:
    """A ticket was just opened: its confirmation asks once whether the client wants the news.

    The shell writes the confirmation (it numbers the ticket), so the question rides on the ``TicketOpened``
    event. Not to a client who ever chose, and not after a critical request: a stopped system is no time for it.
    """
    s, ctx, events = turn.state, turn.ctx, turn.result.events
    if s.news_offered or ctx.news_subscribed or ctx.news_chosen or not ctx.consent_given:
        return
    for i, event in enumerate(events):
        if isinstance(event, TicketOpened) and event.priority != "critical":
            events[i] = replace(event, ask_news=True)
            s.news_offered = s.answering_news = True
