"""Rules of the twelfth round of issue 14 (bench/faq.py): a licence renewed or moved («продлить», «перенести
лицензию») is a question of licensing, a licence or a key one asks where to get («где взять лицензию») is a purchase
and «доп» is «дополнительный», an operating system named beside a verb of supporting or running («поддерживаете ли
вы windows 11?») asks which system software the product runs on, and two entries got a phrasing that states their
meaning another way (remote help asked in one word, a forgotten password)."""

from __future__ import annotations

import pytest

from faq.analyzer import analyze
from faq.intent import asks_to_buy, asks_which_os, gets_licence
from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "question",
    [
        "как продлить лицензию",
        "продлевать лицензии надо каждый год?",
        "можно ли перенести лицензию на другой компьютер",
        "перенос лицензий на новый пк",
    ],
)
def test_a_licence_renewed_or_moved_is_licensing(faq_index: FaqIndex, question: str) -> None:
    assert "лицензирование" in analyze(question)
    assert top_id(faq_index, question) == "scope-licensing"


def test_moving_a_request_is_not_licensing(faq_index: FaqIndex) -> None:
    assert "лицензирование" not in analyze("можно перенести заявку на завтра?")
    assert top_id(faq_index, "можно перенести заявку на завтра?") != "scope-licensing"


@pytest.mark.parametrize("question", ["anydesk можно?", "по удалёнке поможете?"])
def test_remote_help_asked_in_a_word(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "scope-remote-install"


def test_remote_access_for_a_problem_not_reproduced_is_still_its_entry(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "не могу воспроизвести ошибку, нужен удалённый доступ?") == "cannot-reproduce"


@pytest.mark.parametrize(
    "question", ["что делать если забыли пароль администратора", "забыл пароль оператора арм", "сбросьте пароль"]
)
def test_a_forgotten_password_is_security(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "scope-security"


def test_where_to_get_a_licence_is_a_purchase() -> None:
    assert gets_licence("где взять лицензию на доп рабочее место")
    assert gets_licence("где взять ещё одну лицензию")
    assert not gets_licence("где взять номер ключа")
    assert not gets_licence("взять лицензию в руки")
    text = "где взять ключ hasp"
    assert asks_to_buy(text, analyze(text))


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("где взять лицензию на доп рабочее место", "commercial-purchase"),
        ("где взять ключ hasp", "commercial-purchase"),
        ("где взять номер ключа", "key-marking"),
    ],
)
def test_where_to_get_a_licence_is_the_sales_department(faq_index: FaqIndex, question: str, entry: str) -> None:
    assert top_id(faq_index, question) == entry


def test_dop_is_additional() -> None:
    assert "дополнительный" in analyze("лицензия на доп рабочее место")


def test_an_operating_system_to_run_on() -> None:
    assert asks_which_os("поддерживаете ли вы windows 11")
    assert asks_which_os("на линуксе бастион заработает?")
    assert not asks_which_os("как переустановить windows")
    assert not asks_which_os("какие продукты вы поддерживаете")


@pytest.mark.parametrize("question", ["поддерживаете ли вы windows 11", "на линуксе бастион заработает?"])
def test_the_operating_system_is_the_choice_of_system_software(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "scope-hardware-choice"


def test_supported_products_and_windows_itself_are_unchanged(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "какие продукты вы поддерживаете") == "supported-products"
    assert top_id(faq_index, "как переустановить windows") is None
