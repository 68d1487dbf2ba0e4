"""«Не знаю» is an answer where a client may well not know (Appendix 1 items such as a version or a key number):
kept as «не знает» so the ticket shows the item as explicitly unknown, with a hint where to find it."""

from __future__ import annotations

import pytest

from core import walker
from core.choice_words import says_unknown
from core.intake import FIELDS_BY_KEY, INTAKE
from core.texts import t
from tests.engine.intake_answers import at_field

UNKNOWN_OK = {"product_name", "product_version", "device_firmware", "os", "key_number", "device_date"}
UNKNOWN_OK |= {"network", "hardware", "antivirus"}
DONT_KNOW = [
    "не знаю",
    "Не знаю.",
    "не помню",
    "хз",
    "не уверен",
    "без понятия",
    "понятия не имею",
    "не знаю, где посмотреть",
    "не в курсе",
    "я не знаю какая",
    "незнаю",
    "к сожалению, не помню",
    "не знаю, я щас не на работе",  # a first clause that says so, and why: it was refused
    "хз. спрошу у админа",
    "не знаю я бухгалтер",  # why, without a comma: «в версии должны быть цифры»
]
SOMETHING_KNOWN = [
    "3.1, точно не помню",  # a version, however unsure
    "Kaspersky, версию не помню",
    "не знаю, Windows 10 наверное",
    "знаю",
    "не знаю точно, вроде Касперский",
    "не знаю, Бастион вроде",  # a guess after all
    "не знаю Windows 10 наверное",
]


def test_the_items_a_client_may_not_know_are_marked() -> None:
    assert {f.key for f in INTAKE if f.unknown_ok} == UNKNOWN_OK


@pytest.mark.parametrize("typed", DONT_KNOW)
def test_dont_know_is_read_in_many_words(typed: str) -> None:
    assert says_unknown(typed)


@pytest.mark.parametrize("typed", SOMETHING_KNOWN)
def test_an_answer_with_something_in_it_is_kept_as_typed(typed: str) -> None:
    assert not says_unknown(typed)


@pytest.mark.parametrize("key", sorted(UNKNOWN_OK))
def test_each_item_keeps_dont_know_explicitly(key: str) -> None:
    assert walker.parse_answer(FIELDS_BY_KEY[key], "не помню", None) == t("unknown.value") == "не знает"


@pytest.mark.parametrize("key", ["organization", "city"])
def test_where_the_client_must_know_dont_know_is_refused_with_what_is_needed(key: str) -> None:
    """«не знаю» at «В каком городе находится объект?» used to be kept as the city."""
    chat = at_field("consultation", key)
    chat.say("не знаю")
    needed = t("invalid.needed", expected=t(f"invalid.name_of.{key}"))
    assert needed in chat.text() and key not in chat.state.answers and chat.state.field == key


@pytest.mark.parametrize(
    ("kind", "key", "hint"),
    [
        ("consultation", "product_version", "«Справка» → «О программе»"),
        ("license", "os", "Тип системы"),
        ("license", "key_number", "на корпусе ключа"),
        ("license", "product_name", "в заголовке окна программы"),
    ],
)
def test_the_version_no_longer_blocks_and_a_hint_is_given(kind: str, key: str, hint: str) -> None:
    chat = at_field(kind, key)
    chat.say("не знаю")
    assert chat.state.answers[key] == "не знает"
    assert chat.state.field != key  # the next question
    assert hint in chat.text() and "«не знает»" in chat.text()


def test_the_summary_shows_the_item_as_unknown() -> None:
    chat = at_field("consultation", "product_version")
    chat.say("хз")
    assert chat.state.kind is not None
    fields = walker.ticket_fields(chat.state.kind, chat.state.answers)
    assert fields["product_version"] == "не знает"


def test_a_wrong_version_tells_that_dont_know_is_an_answer() -> None:
    chat = at_field("consultation", "product_version")
    chat.say("последняя")
    assert chat.state.field == "product_version" and "не знаю" in chat.text()


@pytest.mark.parametrize("typed", DONT_KNOW)
def test_every_way_of_not_knowing_goes_on_through_the_engine(typed: str) -> None:
    chat = at_field("consultation", "product_version")
    chat.say(typed)
    assert chat.state.answers["product_version"] == "не знает", chat.text()


@pytest.mark.parametrize(("kind", "key"), [("problem", "device_involved"), ("license", "key_type")])
def test_dont_know_is_an_option_where_the_client_may_not_tell(kind: str, key: str) -> None:
    """«не знаю» at «Вопрос касается конкретного прибора…? Да / Нет» was refused again and again."""
    chat = at_field(kind, key)
    chat.say("не знаю")
    assert chat.state.answers[key] == "unknown" and chat.state.field != key
