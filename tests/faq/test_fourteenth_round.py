"""Rules of the fourteenth round of issue 14 (bench/faq.py): a part that burnt out or died is a report; a client whom
nobody answered tells of support's silence, not of a malfunction, and a request left unanswered («ответа нет», «до сих
пор тишина») gets the reaction time; a dealer's or a partner's price goes to the sales department; a question on how to
do something in our products (core.howto_words) is declined, so that the engine opens a consultation, unless the entry
is about a thing it names and one of its verbs is a word the base uses; who came or left («кто во сколько пришёл») is
the attendance, and a backup the client makes («сделать резервную копию») is no copy of the base sent to support."""

from __future__ import annotations

import pytest

from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "message",
    [
        "у нас сгорел контроллер elsys, нужен новый",
        "перегорел блок питания у контроллера",
        "после скачка напряжения сгорела плата контроллера",
        "накрылся считыватель на проходной",
    ],
)
def test_a_part_that_burnt_out_is_a_report(faq_index: FaqIndex, message: str) -> None:
    assert faq_index.search(message).report


@pytest.mark.parametrize(
    ("message", "report"),
    [
        ("писал вам утром, никто не ответил", False),
        ("мне так и не ответили", False),
        ("вы не отвечаете уже два дня", False),
        ("контроллер не отвечает", True),
        ("сервер нам не отвечает", True),
    ],
)
def test_nobody_answering_is_support_silent_not_a_malfunction(faq_index: FaqIndex, message: str, report: bool) -> None:
    assert faq_index.search(message).report is report


@pytest.mark.parametrize(
    "message",
    [
        "я вчера писал, ответа нет",
        "нет ответа на моё письмо",
        "отправил заявку позавчера, до сих пор тишина",
        "в ответ тишина, заявку отправил вчера",
    ],
)
def test_a_request_left_unanswered_gets_the_reaction_time(faq_index: FaqIndex, message: str) -> None:
    assert top_id(faq_index, message) == "reaction-time"


@pytest.mark.parametrize(
    "message",
    [
        "здравствуйте, мы ваш дилер, хотим узнать цены",
        "добрый день, мы дилер, пришлите прайс с дилерскими скидками",
    ],
)
def test_a_dealers_price_is_the_sales_departments(faq_index: FaqIndex, message: str) -> None:
    assert top_id(faq_index, message) == "commercial-prices"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("как добавить нового сотрудника в бастион", None),  # not the entry on wishes by «добавить … новый»
        ("как добавить посетителя в бастион", None),
        ("где в бастионе посмотреть кто сейчас на объекте", None),  # not custom code by «объект»
        ("как настроить права операторов в бастионе", "scope-security"),
        ("как посмотреть версию бастиона чтобы вам написать", "request-product-info"),
    ],
)
def test_a_how_to_question_is_answered_by_an_entry_about_what_it_names(
    faq_index: FaqIndex, question: str, entry: str | None
) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("как перенести бастион на другой сервер", None),  # not the choice of a server
        ("можно ли по тимвьюверу помочь развернуть бастион на сервере", "scope-remote-install"),
    ],
)
def test_a_how_to_question_whose_verbs_the_base_never_uses_is_declined(
    faq_index: FaqIndex, question: str, entry: str | None
) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("где смотреть кто во сколько пришёл", None),  # not the answer that «придёт»
        ("кто опоздал сегодня, где посмотреть", None),
        ("ответ придёт когда", "reaction-time"),
    ],
)
def test_who_came_or_left_is_attendance_not_an_answer_arriving(
    faq_index: FaqIndex, question: str, entry: str | None
) -> None:
    assert top_id(faq_index, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("как сделать резервную копию базы бастиона", None),  # not the copy of the base sent to support
        ("вы попросили бэкап базы, что с ним сделать", "database-on-request"),
        ("данные потерялись, потому что не делали резервные копии", "admin-requirements"),
    ],
)
def test_a_backup_the_client_makes_is_not_the_copy_sent_to_support(
    faq_index: FaqIndex, question: str, entry: str | None
) -> None:
    assert top_id(faq_index, question) == entry
