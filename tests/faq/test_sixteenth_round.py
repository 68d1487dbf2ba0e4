"""Rules of the sixteenth round of issue 14 (bench/faq.py): the program quoted after «пишет, что» tells what went
wrong (a report); a schedule of someone's work named in the genitive or after «для» («время работы сотрудника») is
not support's; a licence that ran out is a question of licensing; a renewal («продление», «продлевать») of support
is its price, which is nothing; entries' phrasings on what support covers «а что нет» and on describing an error so
that it can be reproduced."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    ("message", "report"),
    [
        ("Не можем добавить новую карту, пишет что карта уже существует", True),
        ("при сохранении сотрудника пишет что такой табельный номер уже есть", True),
        ("а где в программе пишет, что версия устарела?", False),
        ("что писать в заявке", False),
    ],
)
def test_the_program_quoted_after_a_verb_of_saying_is_a_report(faq_index: FaqIndex, message: str, report: bool) -> None:
    assert faq_index.search(message).report is report


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("Подскажите как изменить время работы сотрудника в графике", False),
        ("как задать график работы для сменщиков", False),
        ("какое время работы отдела поддержки", True),
        ("график работы поддержки", True),
    ],
)
def test_a_schedule_of_someone_elses_work_is_not_supports(faq_index: FaqIndex, question: str, answered: bool) -> None:
    assert faq_index.search(question).answered is answered


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("у нас закончилась лицензия, что делать?", "scope-licensing"),
        ("срок действия лицензии истёк, что делать", "scope-licensing"),
        ("гарантия на ключ закончилась", "key-replace-after-warranty"),
    ],
)
def test_a_licence_that_ran_out_is_licensing(faq_index: FaqIndex, question: str, entry: str) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    "question",
    ["подскажите, сколько стоит продление техподдержки на год", "а продлевать поддержку нужно каждый год платно?"],
)
def test_a_renewal_of_support_is_its_price(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "support-cost"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("что вообще входит в вашу поддержку, а что нет", "scope-overview"),
        ("как лучше описать ошибку чтобы вы её воспроизвели", "request-problem-description"),
    ],
)
def test_phrasings_of_the_round(faq_index: FaqIndex, question: str, entry: str) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("скок стоит килограмм гречки", None),  # a price names no topic, and most of its words are not the base's
        ("за что вы берёте деньги", "support-cost"),  # all its words are the base's
        ("в праздники звонить бесполезно?", "support-days"),  # shares «праздник»
    ],
)
def test_a_declined_question_is_offered_only_a_related_entry(
    faq_index: FaqIndex, question: str, offered: str | None
) -> None:
    answer = faq_index.search(question)
    assert not answer.answered
    assert (answer.suggestion.id if answer.suggestion else None) == offered


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("бастион поддерживает postgres?", False),
        ("умеет ли бастион распознавать номера машин", False),
        ("бастион работает с mysql?", False),
        ("какие ОС поддерживает бастион", True),  # the choice of system software
        ("бастион поддерживает windows 11?", True),
        ("вы поддерживаете бастион 1.5?", True),  # support's own
    ],
)
def test_what_our_product_can_do_is_a_consultation(faq_index: FaqIndex, question: str, answered: bool) -> None:
    assert faq_index.search(question).answered is answered
