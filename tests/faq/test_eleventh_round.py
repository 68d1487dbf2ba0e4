"""Rules of the eleventh round of issue 14 (bench/faq.py): a key someone «сломал» is damaged (one that «сломался» is
faulty), «без очереди» is «вне очереди» and a thing that «остановилось» is critical, «без выходных» asks about the days
off, the client's own «контакты» are the contact data a request needs, «во сколько обойдётся» is a price and a price of
someone else's thing is declined, the noun «подписка» is a paid plan (the verb «подписаться» is the newsletter), and
four entries got a phrasing that states their meaning another way (hours, a key's warranty, custom code for a site,
the computers a request describes)."""

from __future__ import annotations

import pytest

from faq.analyzer import analyze
from faq.intent import asks_to_buy
from faq.retriever import FaqIndex
from tests.faq.conftest import top_id


def shown_id(index: FaqIndex, question: str) -> str | None:
    """The entry the client reads: the answer, or beside a report the entry offered."""
    answer = index.search(question)
    if answer.report:
        return answer.suggestion.id if answer.suggestion else None
    return answer.results[0].id if answer.answered else None


@pytest.mark.parametrize(
    "question", ["а если ключ сломали сами?", "Мы сами сломали ключ, что теперь?", "сотрудник сломал ключ hasp"]
)
def test_a_key_someone_broke_is_damaged(faq_index: FaqIndex, question: str) -> None:
    assert "повреждение" in analyze(question)
    assert shown_id(faq_index, question) == "key-mechanical-damage"


def test_a_key_that_broke_is_faulty_not_damaged() -> None:
    assert "повреждение" not in analyze("сломался ключ, замените?")
    assert "неисправный" in analyze("сломался ключ, замените?")


@pytest.mark.parametrize(
    "question",
    ["у нас остановилось производство, просим рассмотреть без очереди", "рассмотрите заявку без очереди, всё встало"],
)
def test_without_the_queue_is_out_of_turn(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "critical-request"


def test_a_standstill_is_critical_but_stopping_a_server_is_not() -> None:
    assert "критичный" in analyze("склад остановился")
    assert "критичный" not in analyze("как остановить сервер бастиона")


@pytest.mark.parametrize("question", ["поддержка работает без выходных?", "вы без выходных работаете?"])
def test_without_days_off_asks_about_the_days_off(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "support-days"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("с какого часа у вас начинается рабочий день", "support-hours"),
        ("как долго действует гарантия на ключик guardant", "key-warranty"),
        ("сколько действует гарантия на ключик", "key-warranty"),
        ("переделайте модуль под наш объект пожалуйста", "no-custom-code"),
        ("что писать в заявке про компьютеры, ос нужна?", "request-system-info"),
    ],
)
def test_entries_answer_their_meaning_said_another_way(faq_index: FaqIndex, question: str, entry: str) -> None:
    assert top_id(faq_index, question) == entry


def test_a_damaged_key_is_still_the_damage_entry(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "действует ли гарантия на ключ, если его раздавили") == "key-mechanical-damage"


@pytest.mark.parametrize("question", ["какие контакты мои нужны для заявки", "какие контакты наши нужны"])
def test_the_clients_own_contacts_are_the_contact_data(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) == "request-contact-info"


def test_what_it_will_cost_is_a_price() -> None:
    text = "во сколько обойдётся замена экрана"
    assert asks_to_buy(text, analyze(text))
    assert not asks_to_buy("как обойти ошибку", analyze("как обойти ошибку"))


@pytest.mark.parametrize(
    "question", ["во сколько обойдётся замена экрана на самсунге", "во сколько обойдётся ремонт принтера canon"]
)
def test_a_price_of_someone_elses_thing_is_declined(faq_index: FaqIndex, question: str) -> None:
    assert top_id(faq_index, question) is None


def test_a_question_on_someone_elses_thing_is_still_refused(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "поможете с настройкой камер хиквижн") == "no-third-party"


def test_a_subscription_is_a_paid_plan(faq_index: FaqIndex) -> None:
    assert "рассылка" not in analyze("у вас поддержка по подписке?")
    assert top_id(faq_index, "у вас поддержка по подписке?") == "support-cost"


def test_subscribing_is_still_the_newsletter(faq_index: FaqIndex) -> None:
    assert top_id(faq_index, "как подписаться на рассылку") == "new-versions"
