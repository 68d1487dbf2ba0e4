"""A long message telling several troubles is a report, and gets no single entry beside it: a 900-character story
(three problems, a wish, the server, the antivirus, a phone and an e-mail) was answered with the entry on sending one
request through several channels."""

from __future__ import annotations

from faq.retriever import FaqIndex

STORY = (
    "Добрый день! Пишу от ООО «Северный терминал», г. Нижний Новгород, я инженер по безопасности. У нас несколько "
    "проблем сразу. Первое: после обновления Бастион-3 до версии 3.1.14 на сервере перестали приходить события от "
    "контроллеров Elsys на втором этаже. Второе: в отчёте по рабочему времени неправильно считаются ночные смены — "
    "если человек пришёл в 20:00 и ушёл в 8:00, отчёт показывает 0 часов. Третье: ключ Guardant периодически "
    "пропадает. Сервер Windows Server 2016 64 бит, антивирус Касперский. Телефон для связи 8 831 555-12-34, почта "
    "kuznetsov@sevterm.ru."
)


def test_a_long_story_of_troubles_is_a_report_with_nothing_beside_it(faq_index: FaqIndex) -> None:
    answer = faq_index.search(STORY)
    assert answer.report and answer.suggestion is None


def test_a_short_question_is_still_a_question(faq_index: FaqIndex) -> None:
    assert not faq_index.search("сколько стоит поддержка, если у нас перестали приходить счета?").report
