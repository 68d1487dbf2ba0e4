"""Issue 15 (4.8): the release news in the client's own words. A wish needs a verb and the news; a complaint about
a mailing of the client's own system, a question about a ticket's news or a signature («подпись») is none."""

from __future__ import annotations

import pytest

from core.news_words import NewsIntent, about_news

SUBSCRIBE, UNSUBSCRIBE, ASK = NewsIntent.SUBSCRIBE, NewsIntent.UNSUBSCRIBE, NewsIntent.ASK


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Подписаться на новости", SUBSCRIBE),
        ("подписаться", SUBSCRIBE),
        ("Хочу получать новости о новых версиях", SUBSCRIBE),
        ("подпишите на рассылку о выходе обновлений", SUBSCRIBE),
        ("Сообщайте мне о новых версиях", SUBSCRIBE),
        ("Отписаться", UNSUBSCRIBE),
        ("отпишите меня от рассылки", UNSUBSCRIBE),
        ("Не присылайте рассылку", UNSUBSCRIBE),
        ("не хочу получать новости", UNSUBSCRIBE),
        ("больше не надо новостей", UNSUBSCRIBE),
        ("хватит присылать рассылку", UNSUBSCRIBE),
        ("Как подписаться на рассылку?", ASK),
        ("Есть новости по моей заявке?", None),  # about a ticket
        ("Не приходит рассылка с контроллера", None),  # the client's own system
        ("Получаю рассылку уведомлений с ошибкой", None),
        ("Как отключить рассылку уведомлений в Бастионе?", None),  # a question for the FAQ
        ("Отключил рассылку на регистраторе, теперь не работает", None),
        ("не получаю новости", None),  # a complaint, not a wish
        ("электронная подпись в рассылке не проходит", None),
        ("отпишите меня от всего", None),  # maybe a withdrawal of consent: asked about there
    ],
)
def test_news_in_the_clients_words(text: str, intent: NewsIntent | None) -> None:
    assert about_news(text) is intent
