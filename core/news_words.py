"""What a client says, in their own words, about the release news (regulation 4.8): subscribe, unsubscribe, or ask.

Like core/consent_words.py: casefolded words and stem checks, no dictionary. A wish needs a verb and the news:
«подписаться на новости», «хочу получать новости о новых версиях», «не присылайте рассылку», «отпишите от
рассылки». The news are a noun (новости, рассылка, анонсы) or «о/об/про» before versions, updates, releases.
Bare «Подписаться» / «Отписаться» (or «подписка», «отписка») count as the whole message. «Не получаю новости»
is a complaint, not a wish, and «подпись» is a signature: neither counts. A question («как подписаться на
рассылку?») is only ASK: the bot says how, it does not act.
"""

from __future__ import annotations

import re
from enum import StrEnum

WORD = re.compile(r"[^\W_]+")

NEWS_STEMS = ("новост", "рассылк", "рассылок", "анонс")
RELEASE_STEMS = ("верси", "обновлен", "релиз", "выход", "новинк")
ABOUT = frozenset({"о", "об", "про"})
SUBSCRIBE_STEMS = ("подпиш", "подписа", "подписк", "подписыв")
UNSUBSCRIBE_STEMS = ("отпиш", "отписа", "отписк", "отписыв")
# a wish to receive: infinitives and imperatives only («получаю рассылку с ошибкой» is about something else)
RECEIVE_FORMS = frozenset(
    "получать присылайте присылать пришлите отправляйте отправлять слать шлите информируйте информировать "
    "уведомляйте уведомлять сообщайте сообщать оповещайте оповещать".split()
)
UNWILLING_STEMS = ("хоч", "хот", "над", "нуж", "жела", "присыла", "присылай", "отправля", "слать", "шлите", "пиш")
STOP_FORMS = frozenset(
    "хватит прекратите прекратить прекрати перестаньте перестать перестань отключите отключить отключи "
    "отмените отменить отмени уберите убрать убери".split()
)
BARE = {
    "subscribe": frozenset({"подписаться", "подписка", "подпишите", "подпишусь", "подпишите меня"}),
    "unsubscribe": frozenset({"отписаться", "отписка", "отпишите", "отпишусь", "отпишите меня"}),
}
QUESTION_WORDS = frozenset("как где можно ли зачем почему что".split())


class NewsIntent(StrEnum):
    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"
    ASK = "ask"  # a question about the news: the bot tells how to subscribe or unsubscribe


def _mentions_news(words: list[str]) -> bool:
    if any(word.startswith(NEWS_STEMS) for word in words):
        return True
    return any(
        word in ABOUT and any(w.startswith(RELEASE_STEMS) for w in words[i + 1 : i + 4]) for i, word in enumerate(words)
    )


def _negated_wish(words: list[str]) -> bool:
    """«не хочу получать», «не присылайте», «больше не надо»: a wish not to receive."""
    return any(
        word == "не" and following.startswith(UNWILLING_STEMS)
        for word, following in zip(words, words[1:], strict=False)
    )


def about_news(text: str) -> NewsIntent | None:
    """What a message says about the release news, or None when it says nothing about them."""
    words = WORD.findall(text.casefold().replace("ё", "е"))
    typed = " ".join(words)
    for intent, bare in BARE.items():
        if typed in bare:
            return NewsIntent(intent)
    if not _mentions_news(words):
        return None
    asked = "?" in text or words[0] in QUESTION_WORDS
    unsubscribe = any(w.startswith(UNSUBSCRIBE_STEMS) for w in words)
    subscribe = any(w.startswith(SUBSCRIBE_STEMS) for w in words)
    if asked:  # «как подписаться на рассылку?»; «как отключить рассылку в Бастионе?» is a question for the FAQ
        return NewsIntent.ASK if subscribe or unsubscribe else None
    unsubscribe = unsubscribe or _negated_wish(words) or not STOP_FORMS.isdisjoint(words)
    subscribe = subscribe or any(
        w in RECEIVE_FORMS and "не" not in words[max(0, i - 2) : i] for i, w in enumerate(words)
    )
    if unsubscribe:
        return NewsIntent.UNSUBSCRIBE
    return NewsIntent.SUBSCRIBE if subscribe else None


def asks_how_to_unsubscribe(text: str) -> bool:
    """«как отписаться от рассылки?»: the question is about leaving the news (answered by the subscription's state)."""
    return any(word.startswith(UNSUBSCRIBE_STEMS) for word in WORD.findall(text.casefold()))
