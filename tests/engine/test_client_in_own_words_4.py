"""Answers in clients' own words met in the sixth round of console probes (2026-12-05): a fact stored in another
question's field, and the ticket asked for in fewer words."""

from __future__ import annotations

import pytest

from core import walker
from core.events import ClientWroteOnTicket
from core.facts import extract
from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import VALID_ANSWERS, at_field, at_summary
from tests.fakes import EngineChat


def test_the_bitness_after_a_comma_is_the_system_s_not_the_key_s_number() -> None:
    """«Windows Server 2022 Standard, 64» got «Записал: ключ № 64», and the ticket «Номер ключа: 64»."""
    chat = at_field("license", "os")
    chat.say("Windows Server 2022 Standard, 64")
    assert "64" in chat.state.answers["os"] and "key_number" not in chat.state.answers


def test_a_product_and_version_at_the_organisation_question_are_noted_and_the_organisation_asked_again() -> None:
    """«бастион 3 3.1.14» was kept as «Организация: бастион 3 3.1.14» (and noted as the product as well)."""
    chat = at_field("problem", "organization", "partial")
    chat.say("бастион 3 3.1.14")
    answers = chat.state.answers
    assert "organization" not in answers and chat.state.field == "organization"
    assert answers["product_name"] == "Бастион-3" and answers["product_version"] == "3.1.14"
    chat.say("бастион 3")  # known already: said so, not kept as the organisation either
    assert "organization" not in answers and t("invalid.technical_not_this") in chat.text()


@pytest.mark.parametrize(
    ("key", "typed", "noted"),
    [
        ("organization", "у нас бастион 2 версии 2.1.5", {"product_name": "Бастион-2", "product_version": "2.1.5"}),
        ("organization", "Бастион 3, версия 3.1.16", {"product_name": "Бастион-3", "product_version": "3.1.16"}),
        ("organization", "в Казани", {"city": "Казань"}),
    ],
)
def test_other_facts_at_the_organisation_question_are_no_organisation(key: str, typed: str, noted: dict) -> None:
    """Each was kept as the organisation as well (the limit counted «3.1.16» as three words)."""
    chat = at_field("problem", key, "partial")
    chat.say(typed)
    assert key not in chat.state.answers and chat.state.field == key
    assert {k: chat.state.answers[k] for k in noted} == noted


def test_an_organisation_named_like_a_product_is_the_organisation() -> None:
    chat = at_field("problem", "organization", "partial")
    chat.say("ООО «Бастион»")
    assert chat.state.answers["organization"] == "ООО «Бастион»"


def test_a_management_company_is_an_organisation() -> None:
    """«…, УК Дом, Воронеж» beside the contact lost the organisation, and the next answer was taken for it."""
    assert extract("Зайцев Олег, zaytsev@uk-dom.ru, УК Дом, Воронеж")["organization"] == "УК Дом"


@pytest.mark.parametrize(
    ("told", "priority"),
    [
        ("никого не пускает, турникеты закрыты", "critical"),
        ("люди не могут пройти на завод", "critical"),
        ("а что значит критично? у нас не пускает людей в здание", "critical"),  # the question answered 4 times
        ("одна камера не работает, остальные норм", "high"),
        ("средне", "high"),
        ("все камеры не работают", "critical"),  # these five: «Не понял ответ» (a later probe)
        ("сотрудники стоят на проходной", "critical"),
        ("не всех пускает", "high"),
        ("пускает, но через раз", "high"),
        ("не особо", "normal"),
    ],
)
def test_how_critical_in_own_words(told: str, priority: str) -> None:
    """Each was «Не понял ответ. Выберите один из вариантов»."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    chat.press("kind:problem")
    assert chat.state.stage == "criticality"
    chat.say(told)
    assert chat.state.priority == priority


def test_where_to_find_it_is_told_and_not_knowing_where_is_not_knowing(faq: FaqIndex) -> None:
    """«не знаю, где посмотреть?» at the version question got the FAQ's entry on installation consultations."""
    chat = at_field("problem", "product_version", "partial", faq=faq.search)
    chat.say("а где это посмотреть?")
    assert chat.text().startswith(t("unknown.hint.product_version")) and "product_version" not in chat.state.answers
    chat.say("не знаю, где посмотреть?")
    assert chat.state.answers["product_version"] == walker.UNKNOWN


def test_items_put_right_at_the_summary_in_own_words(faq: FaqIndex) -> None:
    """«организация неправильно записана, …» was added to the description, «ос тоже поправьте: …» kept with its words,
    and «программа не запускается после перезагрузки» replaced the product with «не запускается…»."""
    chat = at_summary("problem")
    chat.faq = faq.search
    product = chat.state.answers["product_name"]
    chat.say("организация неправильно записана, ООО Охрана Плюс")
    chat.say("ос тоже поправьте: Windows 10 Pro 64 бит")
    chat.say("программа не запускается после перезагрузки")
    answers = chat.state.answers
    assert answers["organization"] == "ООО Охрана Плюс" and answers["os"].startswith("Windows 10 Pro")
    assert answers["product_name"] == product and "не запускается после перезагрузки" in answers["description"]


def test_a_name_said_before_pointing_back_is_the_answer() -> None:
    """«Николай Иванович я же писал» got «В ваших сообщениях ответа на этот вопрос я не нашёл»."""
    chat = at_field("problem", "contact_name", "partial")
    chat.say("Николай Иванович я же писал")
    assert chat.state.answers["contact_name"] == "Николай Иванович"


def test_a_system_at_the_city_question_is_noted_and_the_city_asked_again() -> None:
    """«Windows Server 2019 64» was accepted as the city."""
    chat = at_field("problem", "city", "partial")
    chat.say("Windows Server 2019 64")
    assert "city" not in chat.state.answers and chat.state.answers["os"].startswith("Windows Server 2019")


def critical_ticket_opened(chat: EngineChat) -> EngineChat:
    """A new client whose system is down, at the first question asked after the critical ticket opened."""
    chat.say("вся СКУД легла, ни одна дверь не открывается")
    chat.press("consent:yes")
    for _ in range(6):
        if chat.state.on_ticket:
            break
        chat.say(VALID_ANSWERS[chat.state.field])
    assert chat.state.on_ticket and chat.state.ticket
    return chat


@pytest.mark.parametrize(
    "asked", ["перезвоните мне как можно скорее пожалуйста", "позвоните срочно на 8 912 555 66 77"]
)
def test_a_call_back_asked_for_at_a_question_reaches_the_open_critical_ticket(asked: str) -> None:
    """Each, after a critical ticket opened, was refused as no name (and the second one's number lost)."""
    chat = critical_ticket_opened(EngineChat())
    chat.say(asked)
    assert ClientWroteOnTicket(chat.state.ticket, asked) in chat.events
    passed = t("intake.call_back_passed", number=chat.state.ticket, away="", prompt="").strip()
    assert chat.text().startswith(passed)


@pytest.mark.parametrize(
    ("key", "typed"), [("organization", "ну оформляй"), ("city", "хочу заявку"), ("organization", "да")]
)
def test_a_ticket_asked_for_or_a_bare_yes_at_a_question_is_no_answer(key: str, typed: str) -> None:
    """Each was kept as the organisation or the city."""
    chat = at_field("problem", key, "partial")
    chat.say(typed)
    assert key not in chat.state.answers and chat.state.field == key


@pytest.mark.parametrize(
    ("key", "typed"), [("expected", "чтобы контроллеры были на связи"), ("steps", "контроллеры не на связи")]
)
def test_devices_on_line_are_an_answer_not_a_question_about_the_hours(key: str, typed: str) -> None:
    """«…на связи» was taken for «вы на связи?»: the hours were told and the question asked again."""
    chat = at_field("problem", key, "partial")
    chat.say(typed)
    assert chat.state.answers[key] == typed


def test_a_withdrawal_in_english_at_a_question_is_asked_about_not_kept_as_the_answer() -> None:
    """«I withdraw my consent» was kept as «Организация: I withdraw my consent»."""
    chat = at_field("problem", "organization", "partial")
    chat.say("I withdraw my consent")
    assert "organization" not in chat.state.answers and chat.state.confirming_withdrawal


@pytest.mark.parametrize(("key", "typed"), [("organization", "а вы кто вообще"), ("actual", "платная ли поддержка")])
def test_a_question_at_a_question_is_no_answer_to_it(faq: FaqIndex, key: str, typed: str) -> None:
    """Both were kept as the answer (and the next answer, a surname, became the city); «бесплатно ли это» was too."""
    chat = at_field("problem", key, "partial", faq=faq.search)
    chat.say(typed)
    assert key not in chat.state.answers and chat.state.field == key


def test_more_of_the_trouble_after_a_critical_ticket_opened_reaches_its_engineers_at_once(faq: FaqIndex) -> None:
    """«Перезагрузил контроллер, не помогло» (an answer to the engineer) waited in the description for the next
    answer, and never reached the topic when the client stopped there."""
    chat = critical_ticket_opened(EngineChat(faq=faq.search))
    told = "Перезагрузил контроллер, не помогло, двери всё так же не открываются"
    chat.say(told)
    assert ClientWroteOnTicket(chat.state.ticket, told) in chat.events
    assert chat.text().startswith(t("followup.passed", number=chat.state.ticket, prompt="").strip())


def test_a_question_without_its_mark_at_the_contact_question_is_kept_for_the_engineer() -> None:
    """«как настроить отчет по опозданиям в бастионе» was refused as no phone and lost: the description was asked
    for again later."""
    chat = at_field("consultation", "contact")
    chat.say("как настроить отчет по опозданиям в бастионе")
    assert chat.state.field == "contact"
    assert chat.state.answers["description"] == "как настроить отчет по опозданиям в бастионе"
