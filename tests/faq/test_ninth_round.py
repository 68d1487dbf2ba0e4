"""Rules of the ninth round of issue 14 (bench/faq.py): slowness asked about is a question, «дайте» is only
polite, a photo of the screen is a screenshot, a manual by its name is the documentation, a key older than its
warranty is out of it, «шустрее» is speed, licensing has its consultation, a call to 8-800 is free, an export
«в Excel» is our integration, which computer to buy asks for advice on the choice, and help asked with one thing
(«помогаете ли с инсталляцией») is the entry that offers it."""

from __future__ import annotations

import pytest

from faq.analyzer import analyze
from faq.intent import asks_which_computer, is_report, names_exchange, outlives_warranty
from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


@pytest.mark.parametrize(
    "question", ["модуль тормозит, оптимизируете код?", "отчёты подтормаживают, ускорите код модуля?"]
)
def test_slowness_asked_about_is_a_question(faq_index: FaqIndex, question: str) -> None:
    assert not is_report(question)
    assert top_id(faq_index, question) == "no-code-optimization"


def test_slowness_told_is_still_a_report() -> None:
    assert is_report("бастион тормозит после обновления")


@pytest.mark.parametrize("question", ["электронку поддержки дайте", "дайте адрес почты техподдержки"])
def test_give_is_only_polite(faq_index: FaqIndex, question: str) -> None:
    assert "дать" not in analyze(question)
    assert top_id(faq_index, question) == "contact-email"


def test_a_photo_of_the_screen_is_a_screenshot(faq_index: FaqIndex) -> None:
    assert "скриншот" in analyze("фото экрана")
    assert top_id(faq_index, "какие фото экрана принимаете, jpeg можно?") == "screenshot-formats"


@pytest.mark.parametrize(
    "question", ["где найти руководство пользователя", "где лежит инструкция оператора к бастиону"]
)
def test_a_manual_by_its_name_is_the_documentation(faq_index: FaqIndex, question: str) -> None:
    """Where the manuals are: on the site (п. 4.9), said by the entry on downloading them since it was written."""
    assert top_id(faq_index, question) in {"read-docs-first", "docs-download"}


def test_where_to_download_the_installation_manual_is_told(faq_index: FaqIndex) -> None:
    """«где скачать руководство по установке» got «консультируем по установке», which says nowhere where it is."""
    assert top_id(faq_index, "где скачать руководство по установке бастион 3") == "docs-download"


@pytest.mark.parametrize(
    "question",
    [
        "ключ сломался на второй год, замена платная?",
        "ключ купили 2 года назад, сломался, сколько стоит поменять",
        "ключ вышел из строя через полтора года, поменяете бесплатно?",
    ],
)
def test_a_key_older_than_its_warranty_is_out_of_it(faq_index: FaqIndex, question: str) -> None:
    assert outlives_warranty(question)
    answer = faq_index.search(question)
    shown = answer.suggestion if answer.report else (answer.results[0] if answer.answered else None)
    assert shown is not None and shown.id == "key-replace-after-warranty"


@pytest.mark.parametrize("text", ["гарантия год?", "ответ через 3 дня", "лицензия на 2 рабочих места", "12 месяцев"])
def test_what_is_no_age_past_the_warranty(text: str) -> None:
    assert not outlives_warranty(text)


@pytest.mark.parametrize("question", ["а можно шустрее ответить, очень надо", "ответьте пошустрее пожалуйста"])
def test_nimble_is_fast(faq_index: FaqIndex, question: str) -> None:
    assert "быстро" in analyze(question)
    answer = faq_index.search(question)
    assert answer.answered and "быстрее" in answer.results[0].answer


@pytest.mark.parametrize("question", ["консультируете по лицензиям?", "по лицензиям бастиона проконсультируете?"])
def test_licensing_has_its_consultation(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "scope-licensing"


def test_a_call_to_support_is_free(faq_index: FaqIndex) -> None:
    answer = faq_index.search("платить за звонки в поддержку придется?")
    assert answer.answered and "бесплатн" in answer.results[0].answer


@pytest.mark.parametrize(
    "question", ["нужна выгрузка в Excel, такое есть?", "можно ли сделать экспорт отчётов в эксель"]
)
def test_an_export_to_another_program_is_ours(faq_index: FaqIndex, question: str) -> None:
    assert names_exchange(question)
    assert top_id(faq_index, question) in {"scope-integration", "scope-module-functionality", "feature-wishes"}


def test_code_to_write_for_an_export_is_general_programming(faq_index: FaqIndex) -> None:
    """It got the entry on integration («общие вопросы интеграции разъясняем»): section 3 excludes programming."""
    assert top_id(faq_index, "помогите написать скрипт на python для выгрузки из sql") == "no-general-programming"


def test_a_question_on_another_program_is_still_refused(faq_index: FaqIndex) -> None:
    assert not names_exchange("подскажите, как в excel сделать сводную таблицу")
    assert top_id(faq_index, "подскажите, как в excel сделать сводную таблицу") in {
        "no-third-party",
        "no-general-programming",
    }


@pytest.mark.parametrize(
    "question", ["какой сервер купить под бастион на 50 камер", "подскажете какие компьютеры закупить под систему"]
)
def test_which_computer_to_buy_asks_for_advice(faq_index: FaqIndex, question: str) -> None:
    assert asks_which_computer(question)
    assert top_id(faq_index, question) == "scope-hardware-choice"


def test_a_purchase_of_what_we_sell_is_still_the_sales_department(faq_index: FaqIndex) -> None:
    assert not asks_which_computer("где купить ещё ключ hasp")
    assert top_id(faq_index, "где купить ещё ключ hasp") in {"commercial-purchase", "commercial-prices"}


@pytest.mark.parametrize(
    ("question", "entry"),
    [("помогаете ли с инсталляцией", "scope-install-consult"), ("поможете с установкой?", "scope-install-consult")],
)
def test_help_asked_with_one_thing_is_the_entry_offering_it(faq_index: FaqIndex, question: str, entry: str) -> None:
    assert top_id(faq_index, question) == entry


def test_help_asked_with_something_else_is_declined(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "помогите с ремонтом") is None
