"""Questions the base does not cover, and answers to form steps, are declined."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "какая погода завтра в Москве",
        "посоветуйте хороший ресторан",
        "как испечь блины",
        "кто выиграл чемпионат мира",
        "сколько стоит айфон",
        "во сколько открывается магазин",
        "где купить машину",
        # the calendar and the client's private matters (the eighth round: asked of us, a private place)
        "какой праздник отмечают в ноябре",
        "во сколько закрывается почта россии",
        "как поставить пароль на вайфай роутер дома",
        # the eighteenth round: whoever «работает» is not us, someone else's «расписание» or «график работы»,
        # another company's consumer service, a messenger app looked after rather than a way of reaching us
        "работает ли почта в субботу",
        "до скольки работает мфц сегодня",
        "сбербанк работает в воскресенье?",
        "где посмотреть расписание электричек",
        "график работы поликлиники на праздниках",  # «поликлиники» reads first as a plural nominative
        "забыла пароль от вк а номер старый",
        "сколько стоит восстановить симку в мтс",
        "как удалить свои данные из гугла",
        "как обновить ватсап",
        "взломали телеграм что делать срочно",
    ],
)
def test_off_topic_question_is_declined(faq_index: FaqIndex, question: str) -> None:
    assert not faq_index.search(question).answered


@pytest.mark.parametrize(
    "form_answer",
    [
        "Иванов Пётр",
        "Петрова Анна Сергеевна",
        "ООО Ромашка",
        "ИП Кузнецов",
        "Москва",
        "г. Самара",
        "Windows 10 x64",
        "Версия 3.2.1",
        "+7 916 123-45-67",
        "ivanov@mail.ru",
        "2",
        "да",
        "нет",
    ],
)
def test_answer_to_a_form_step_is_declined(faq_index: FaqIndex, form_answer: str) -> None:
    assert not faq_index.search(form_answer).answered


@pytest.mark.parametrize("word", ["гарантия", "версия", "стоимость", "программа"])
def test_a_lone_word_shared_by_several_topics_is_declined(faq_index: FaqIndex, word: str) -> None:
    assert not faq_index.search(word).answered


def test_a_lone_word_naming_one_topic_is_answered(faq_index: FaqIndex) -> None:
    answer = faq_index.search("телефон")
    assert answer.answered
    assert "8-800-25-00-846" in answer.results[0].answer


def test_a_declined_question_still_lists_the_nearest_entries(faq_index: FaqIndex) -> None:
    answer = faq_index.search("Версия 3.2.1")
    assert not answer.answered
    assert answer.results
