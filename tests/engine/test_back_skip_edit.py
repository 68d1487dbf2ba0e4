"""«назад», «пропустить», the numbered summary and editing an item by its number."""

from __future__ import annotations

import pytest

from core.events import TicketOpened
from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import VALID_ANSWERS, at_field, at_summary, start_ticket, walk_to_summary
from tests.fakes import EngineChat


def test_back_returns_to_the_previous_question_and_forgets_its_answer() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say(VALID_ANSWERS["contact"])
    chat.say("ООО Ромашка")
    assert chat.state.field == "city"
    chat.say("назад")
    assert chat.state.field == "organization"
    assert "organization" not in chat.state.answers
    chat.say("ООО Лютик")
    assert chat.state.answers["organization"] == "ООО Лютик"


def test_back_from_the_first_question_returns_to_the_kind() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say("назад")
    assert chat.state.stage == "kind"


def test_optional_question_can_be_skipped_by_word_or_button() -> None:
    chat = EngineChat()
    start_ticket(chat, "wish")
    while chat.state.field != "product_version":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    chat.say("пропустить")
    assert chat.state.answers["product_version"] == ""
    chat.say("назад")
    assert chat.state.field == "product_version"
    chat.press("nav:skip")
    assert chat.state.answers["product_version"] == "" and chat.state.field == "expected"


def test_summary_is_numbered_and_an_item_can_be_corrected_by_number() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    walk_to_summary(chat)
    summary = chat.text()
    assert "1. Телефон или e-mail: +78465551234" in summary
    assert "3. Город: Самара" in summary
    chat.say("3")
    assert chat.state.field == "city"
    chat.say("Тольятти")
    assert chat.state.stage == "summary"
    assert "3. Город: Тольятти" in chat.text()
    chat.say("Отправить")
    ticket = next(e for e in chat.events if isinstance(e, TicketOpened))
    assert ticket.fields["city"] == "Тольятти"


def test_summary_rejects_a_number_out_of_range() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    walk_to_summary(chat)
    chat.say("99")
    assert "Пункта с номером 99 нет" in chat.text()
    assert chat.state.stage == "summary"


def test_cancel_forgets_the_draft() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say(VALID_ANSWERS["contact"])
    chat.say("отмена")
    chat.press("draft:drop")  # asked first: the draft holds what the client typed
    assert chat.state.stage == "idle" and chat.state.answers == {}


def test_a_kind_chosen_again_after_back_asks_its_own_criticality() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say("назад")
    chat.press("kind:problem")
    assert chat.state.stage == "criticality" and chat.state.priority is None


@pytest.mark.parametrize(
    ("typed", "key", "value"),
    [
        ("5 - Бастион-2", "product_name", "Бастион-2"),
        ("6. 3.1.15", "product_version", "3.1.15"),
        ("7 Windows Server 2016 64 бит", "os", "Windows Server 2016 64 бит"),
        ("4 Кузнецов Олег Иванович", "contact_name", "Кузнецов Олег Иванович"),
        ("6 3.1.15", "product_version", "3.1.15"),  # a number after the item's: «Не понял ответ»
        ("пункт 6: 3.1.15", "product_version", "3.1.15"),
    ],
)
def test_an_items_number_with_its_new_value_changes_it_at_once(typed: str, key: str, value: str) -> None:
    """The summary says «пришлите его номер», and «5 - Бастион-3» got «Не понял ответ» (only the bare number worked)."""
    chat = at_summary()
    chat.say(typed)
    assert chat.state.stage == "summary" and chat.state.answers[key] == value


def test_a_phone_typed_at_the_summary_is_no_item_s_number() -> None:
    """«8 927 123-45-67» was read as item 8 (the antivirus) with the value «927 123-45-67»."""
    chat = at_summary()
    before = dict(chat.state.answers)
    chat.say("8 927 123-45-67")
    assert chat.state.answers.get("antivirus") == before.get("antivirus")


def test_a_new_value_its_question_would_refuse_is_refused_with_the_question() -> None:
    chat = at_summary()
    chat.say("6 - последняя")
    assert chat.state.stage == "field" and chat.state.field == "product_version"
    assert t("invalid.version") in chat.text()


@pytest.mark.parametrize(
    ("typed", "key", "value"),
    [
        ("номер ключа 654321", "key_number", "654321"),  # «Не понял ответ»: the key's items had no words
        ("тип ключа гардант", "key_type", "guardant"),  # and an option named in words was asked again
        ("ключ не гардант, а HASP", "key_type", "hasp"),
        ("описание: сервер перестал видеть ключ", "description", "сервер перестал видеть ключ"),
    ],
)
def test_a_licence_request_s_item_changed_in_words_at_the_summary(typed: str, key: str, value: str) -> None:
    chat = at_field("license", "contact")
    walk_to_summary(chat, key_type="гардант" if "не гардант" in typed else "HASP")
    chat.say(typed)
    assert chat.state.stage == "summary" and chat.state.answers[key] == value, chat.text()


def test_more_of_the_trouble_at_the_summary_joins_the_description(faq: FaqIndex) -> None:
    """«забыла сказать: ещё журнал событий не пишется» got «Не понял ответ», and was lost."""
    chat = at_field("problem", "contact", "partial", faq=faq.search)
    walk_to_summary(chat)
    chat.say("забыла сказать: ещё журнал событий не пишется")
    assert chat.text().startswith(t("summary.added_to_description")) and chat.state.stage == "summary"
    assert chat.state.answers["description"].endswith("забыла сказать: ещё журнал событий не пишется")


@pytest.mark.parametrize(
    ("typed", "key", "value"),
    [
        ("версия на самом деле 3.1.15", "product_version", "3.1.15"),  # kept as «самом деле 3.1.15»
        ("ОС там windows 7 32 бита", "os", "windows 7 32 бита"),  # kept as «там windows 7 32 бита»
        ("шаги: открыть монитор, выбрать камеру", "steps", "открыть монитор, выбрать камеру"),  # «Не понял ответ»
        ("организация не Вектор а Вектор-Плюс", "organization", "Вектор-Плюс"),  # kept as «не Вектор а Вектор-Плюс»
    ],
)
def test_an_item_put_right_in_words_at_the_summary_keeps_only_the_right_value(typed: str, key: str, value: str) -> None:
    chat = at_summary()
    chat.say(typed)
    assert chat.state.stage == "summary" and chat.state.answers[key] == value, chat.text()


@pytest.mark.parametrize(
    ("typed", "added"),
    [
        ("забыл сказать, камеры hikvision подключены через регистратор",) * 2,
        ("и ещё: на втором рабочем месте то же самое",) * 2,
        (
            "добавьте: камеры hikvision, до обновления винды всё работало",
            "камеры hikvision, до обновления винды всё работало",
        ),
        ("ЕЩЁ ДОБАВЬТЕ ЧТО ПРЕОБРАЗОВАТЕЛЬ ПИ-ГР", "ПРЕОБРАЗОВАТЕЛЬ ПИ-ГР"),
    ],
)
def test_an_addition_at_the_summary_joins_the_description(typed: str, added: str) -> None:
    """These got «Не понял ответ. Выберите один из вариантов», and were lost."""
    chat = at_field("problem", "contact", "partial")
    walk_to_summary(chat)
    chat.say(typed)
    assert chat.text().startswith(t("summary.added_to_description")) and chat.state.stage == "summary"
    assert chat.state.answers["description"].endswith(f"\n{added}")


def test_an_addition_named_for_the_description_is_added_without_the_request_to_add() -> None:
    """«в описание добавь что …» was kept with «добавь что»."""
    chat = at_field("problem", "contact", "partial")
    walk_to_summary(chat)
    chat.say("в описание добавь что до обновления винды всё работало")
    assert chat.state.answers["description"].endswith("\nдо обновления винды всё работало")
