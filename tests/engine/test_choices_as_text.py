"""Channels without buttons get numbered options; the number, the title or the client's own words come back
as the payload (issue 14: «Answers in the client's words»).

Each question has a labelled list of everyday phrasings (at least 8) with the option it must choose; None
where the words are the client's own answer to a question whose options are only suggestions.
"""

from __future__ import annotations

from typing import Any

import pytest

from core import walker
from core.intake import FIELDS_BY_KEY
from core.messages import Choice
from core.render import choices_as_text, resolve_choice
from core.stages.intake import CRIT_CHOICES, CRITICALITY_PRIORITY, RETURNING_CHOICES
from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import at_field
from tests.fakes import EngineChat

CHOICES = (Choice("consent:yes", "Согласен"), Choice("consent:no", "Не согласен"))

KIND = [
    ("проблема", "problem"),
    ("ошибка", "problem"),
    ("у нас ошибка в программе", "problem"),
    ("программа зависает", "problem"),
    ("не работает", "problem"),
    ("сбой", "problem"),
    ("вопрос", "consultation"),
    ("консультация", "consultation"),
    ("хочу спросить", "consultation"),
    ("подскажите, как настроить", "consultation"),
    ("лицензия", "license"),
    ("ключ", "license"),
    ("проблема с ключом", "license"),
    ("ключ не видится", "license"),
    ("слетела лицензия", "license"),
    ("хасп", "license"),
    ("пожелание", "wish"),
    ("предложение", "wish"),
    ("доработка", "wish"),
    ("хочу предложить доработку", "wish"),
    ("есть идея", "wish"),
    ("нужна новая функция", "wish"),
]
CRITICALITY = [
    ("стоит всё", "stopped"),
    ("система стоит", "stopped"),
    ("остановлена", "stopped"),
    ("не работает ничего", "stopped"),
    ("ничего не работает", "stopped"),
    ("всё встало", "stopped"),
    ("полностью не работает", "stopped"),
    ("вообще не работают", "stopped"),  # the plural: it was met with the same menu again
    ("камеры совсем не работают", "stopped"),
    ("срочно!", "stopped"),
    ("критично", "stopped"),
    ("упал сервер", "stopped"),
    ("вообще не запускается, охрана не может выдать пропуска", "stopped"),  # «Не понял ответ» before
    ("частично", "partial"),
    ("кое-что не работает", "partial"),
    ("работает, но с ошибками", "partial"),
    ("не всё работает", "partial"),
    ("иногда глючит", "partial"),
    ("работает не полностью", "partial"),
    ("местами", "partial"),
    ("часть камер не работает", "partial"),
    ("не срочно", "question"),
    ("просто вопрос", "question"),
    ("не критично", "question"),
    ("всё работает, вопрос", "question"),
    ("терпит", "question"),
    ("подождёт", "question"),
    ("консультация", "question"),
    ("не горит", "question"),
    ("не то чтобы критично", "question"),  # these two were critical: their «критично» and «срочно» read, not the «не»
    ("ну не особо срочно, но неприятно", "question"),
]
KEY_TYPE = [
    ("hasp", "hasp"),
    ("HASP HL", "hasp"),
    ("хасп", "hasp"),
    ("хасп вроде", "hasp"),
    ("Sentinel", "hasp"),
    ("гардант же", "guardant"),
    ("Guardant", "guardant"),
    ("гвардант", "guardant"),
    ("у нас гардант", "guardant"),
    ("не знаю какой", "unknown"),
    ("не знаю", "unknown"),
    ("хз", "unknown"),
    ("не помню", "unknown"),
    ("без понятия", "unknown"),
    ("не уверен", "unknown"),
    ("понятия не имею", "unknown"),
]
YES_NO = [
    ("да", "yes"),
    ("ага", "yes"),
    ("конечно", "yes"),
    ("да, контроллер Сфинкс", "yes"),
    ("угу", "yes"),
    ("ну да", "yes"),
    ("Да!", "yes"),
    ("касается", "yes"),
    ("ок", "yes"),
    ("нет", "no"),
    ("неа", "no"),
    ("нет, программа", "no"),
    ("Нет.", "no"),
    ("да нет", "no"),
    ("не касается", "no"),
    ("нет, не прибор", "no"),
    ("no", "no"),
]
RETURNING = [
    ("да", "yes"),
    ("всё верно", "yes"),
    ("верно", "yes"),
    ("ага", "yes"),
    ("правильно", "yes"),
    ("конечно", "yes"),
    ("да, всё так", "yes"),
    ("подтверждаю", "yes"),
    ("нет", "change"),
    ("изменить", "change"),
    ("неверно", "change"),
    ("поменялось", "change"),
    ("не всё верно", "change"),
    ("нужно исправить", "change"),
    ("данные устарели", "change"),
    ("неа", "change"),
]
SUBSYSTEMS = [
    ("скуд+опс", None),  # two of the three: kept in the client's words (it became «СКУД + ОПС + СТВН», video added)
    ("СКУД, ОПС", None),
    ("СКУД", "skud"),
    ("скуд", "skud"),
    ("контроль доступа", "skud"),
    ("турникеты", "skud"),
    ("система контроля доступа", "skud"),
    ("ОПС", "ops"),
    ("пожарка", "ops"),
    ("охранно-пожарная сигнализация", "ops"),
    ("сигнализация", "ops"),
    ("видеонаблюдение", "stvn"),
    ("камеры", "stvn"),
    ("видео", "stvn"),
    ("СТВН", "stvn"),
    ("всё", "all"),
    ("все три", "all"),
    ("всё вместе", "all"),
    ("СКУД, ОПС, СТВН", "all"),
    ("СКУД и ОПС", None),  # the client's own answer, kept as typed
    ("у нас Бастион и камеры Hikvision", None),
]
CONNECTION = [
    ("COM", "com"),
    ("ком-порт", "com"),
    ("через COM-порт", "com"),
    ("RS-485", "com"),
    ("USB", "usb"),
    ("через юсб", "usb"),
    ("по USB", "usb"),
    ("юсб", "usb"),
    ("Ethernet", "ethernet"),
    ("по сети", "ethernet"),
    ("сеть", "ethernet"),
    ("по локалке", "ethernet"),
    ("TCP/IP", "ethernet"),
    ("сетевой", "ethernet"),
    ("другое", "other"),
    ("по-другому", "other"),
    ("радиоканал", "other"),
    ("иначе", "other"),
    ("USB через преобразователь С2000-ПИ", None),  # the client's own answer, kept as typed
]


def test_options_are_listed_with_numbers() -> None:
    assert "1. Согласен\n2. Не согласен" in choices_as_text("Согласие?", CHOICES)


def test_number_title_and_phrase_resolve_to_the_payload() -> None:
    assert resolve_choice("2", CHOICES) == "consent:no"
    assert resolve_choice("согласен", CHOICES) == "consent:yes"
    assert resolve_choice("нет, я не согласен!", CHOICES) == "consent:no"
    assert resolve_choice("3", CHOICES) is None
    assert resolve_choice("может быть", CHOICES) is None


def test_the_beginning_of_a_title_is_enough() -> None:
    assert resolve_choice("Соглас", CHOICES) == "consent:yes"


def kind_chat(**chat_options: Any) -> EngineChat:
    chat = EngineChat(**chat_options)
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    assert chat.state.stage == "kind"
    return chat


@pytest.mark.parametrize(("typed", "kind"), KIND, ids=[typed for typed, _ in KIND])
def test_the_kind_of_request_in_own_words(typed: str, kind: str) -> None:
    chat = kind_chat()
    chat.say(typed)
    assert chat.state.kind == kind, chat.text()


STORIES_AT_THE_KIND = [
    ("у нас не печатаются пропуска", "problem"),
    ("после обновления винды перестал видеться ключ", "license"),
    ("хотелось бы, чтобы в отчёте была колонка с отделом", "wish"),
    ("как выдать пропуск посетителю", "consultation"),
]


@pytest.mark.parametrize(("typed", "kind"), STORIES_AT_THE_KIND, ids=[typed for typed, _ in STORIES_AT_THE_KIND])
def test_a_story_at_the_kind_question_tells_the_kind_and_is_kept(faq: FaqIndex, typed: str, kind: str) -> None:
    """«у нас не печатаются пропуска» at «С чем вы обращаетесь?» used to get «Не понял ответ»."""
    chat = kind_chat(faq=faq.search)
    chat.say(typed)
    assert chat.state.kind == kind, chat.text()
    if chat.state.stage == "criticality":
        chat.press("crit:partial")
    assert chat.state.answers["description"] == typed


def test_dont_know_at_the_kind_question_asks_for_the_story() -> None:
    chat = kind_chat()
    replies = chat.say("не знаю")
    assert replies[-1].text == t("kind.unknown") and chat.state.stage == "kind"
    assert len(replies[-1].choices) == 4


@pytest.mark.parametrize(("typed", "level"), CRITICALITY, ids=[typed for typed, _ in CRITICALITY])
def test_the_criticality_in_own_words(typed: str, level: str) -> None:
    chat = kind_chat()
    chat.press("kind:problem")
    chat.say(typed)
    assert chat.state.priority == CRITICALITY_PRIORITY[level], chat.text()
    assert resolve_choice(typed, CRIT_CHOICES) == f"crit:{level}"


def test_a_choice_typed_in_latin_letters_is_read_in_cyrillic() -> None:
    """«chastichno» got «Не понял ответ»: the client's keyboard had no Cyrillic."""
    chat = kind_chat()
    chat.press("kind:problem")
    chat.say("chastichno")
    assert chat.state.priority == CRITICALITY_PRIORITY["partial"], chat.text()


@pytest.mark.parametrize(("typed", "option"), KEY_TYPE, ids=[typed for typed, _ in KEY_TYPE])
def test_the_key_type_in_own_words(typed: str, option: str) -> None:
    chat = at_field("license", "key_type")
    chat.say(typed)
    assert chat.state.answers.get("key_type") == option, chat.text()


@pytest.mark.parametrize(("typed", "option"), YES_NO, ids=[typed for typed, _ in YES_NO])
def test_yes_and_no_in_own_words(typed: str, option: str) -> None:
    chat = at_field("consultation", "device_involved")
    chat.say(typed)
    assert chat.state.answers.get("device_involved") == option, chat.text()


@pytest.mark.parametrize(("typed", "option"), RETURNING, ids=[typed for typed, _ in RETURNING])
def test_data_on_file_confirmed_or_changed_in_own_words(typed: str, option: str) -> None:
    assert resolve_choice(typed, RETURNING_CHOICES) == f"ret:{option}"


def as_the_field_reads(typed: str, key: str) -> str | None:
    """The option a typed answer chooses at the question ``key``, read as the intake reads it."""
    field = FIELDS_BY_KEY[key]
    chosen = resolve_choice(typed, walker.option_choices(field), loose=field.strict_options)
    return chosen.removeprefix(f"opt:{key}:") if chosen else None


@pytest.mark.parametrize(("typed", "option"), SUBSYSTEMS, ids=[typed for typed, _ in SUBSYSTEMS])
def test_the_subsystems_in_own_words(typed: str, option: str | None) -> None:
    assert as_the_field_reads(typed, "subsystems") == option


@pytest.mark.parametrize(("typed", "option"), CONNECTION, ids=[typed for typed, _ in CONNECTION])
def test_the_connection_in_own_words(typed: str, option: str | None) -> None:
    assert as_the_field_reads(typed, "connection") == option


def test_an_option_chosen_in_own_words_is_stored_as_its_title() -> None:
    field = FIELDS_BY_KEY["connection"]
    chosen = resolve_choice("через юсб", walker.option_choices(field), loose=False)
    assert walker.parse_answer(field, "через юсб", chosen) == t("field.connection.option.usb")


@pytest.mark.parametrize("typed", ["не срочно", "не отправляйте", "не согласен"])
def test_a_word_after_ne_is_not_chosen(typed: str) -> None:
    assert resolve_choice(typed, (Choice("crit:stopped", "Срочно"), Choice("sum:send", "Отправить"))) is None
    assert resolve_choice(typed, (Choice("consent:yes", "Согласен"),)) is None


def test_two_options_named_alike_choose_neither() -> None:
    both = (Choice("kind:problem", "Проблема в работе"), Choice("kind:consultation", "Консультация"))
    assert resolve_choice("проблема или вопрос", both) is None


def test_words_that_are_no_option_are_said_plainly_with_the_options() -> None:
    chat = kind_chat()
    replies = chat.say("абракадабра")
    assert chat.state.stage == "kind"
    [reply] = replies
    assert reply.text == t("choice.not_understood")
    assert [c.payload for c in reply.choices] == ["kind:problem", "kind:consultation", "kind:license", "kind:wish"]
    shown = choices_as_text(reply.text, reply.choices)  # a channel without buttons
    assert shown.startswith("Не понял ответ. Выберите один из вариантов:\n\n1. Проблема в работе\n2. Консультация")


def test_not_understood_at_the_criticality_keeps_the_step() -> None:
    chat = kind_chat()
    chat.press("kind:problem")
    chat.say("ну как сказать")
    assert chat.state.stage == "criticality" and chat.state.priority is None
    assert chat.text() == t("choice.not_understood")
    assert chat.last is not None and chat.last.replies[-1].choices == CRIT_CHOICES


@pytest.mark.parametrize("typed", ["не знаю", "хз", "пропустить"])
def test_dont_know_or_skip_at_the_criticality_explains_the_options(typed: str) -> None:
    """«не знаю» and «пропустить» got «Не понял ответ» with the same three options, again and again."""
    chat = kind_chat()
    chat.press("kind:problem")
    replies = chat.say(typed)
    assert replies[-1].text == t("crit.unknown") and chat.state.stage == "criticality", chat.text()
    assert [choice.payload for choice in replies[-1].choices] == [choice.payload for choice in CRIT_CHOICES]
    assert (t("crit.not_optional") in chat.text()) == (typed == "пропустить")
    chat.say("работает частично")
    assert chat.state.priority == CRITICALITY_PRIORITY["partial"]


@pytest.mark.parametrize(
    "typed",
    [
        "работает частично, не открывается только дверь в бухгалтерию",
        "частично, скуд работает а видео нет уже второй день",  # no word of trouble: it was dropped all the same
    ],
)
def test_more_of_the_trouble_beside_the_criticality_joins_the_description(faq: FaqIndex, typed: str) -> None:
    """«работает частично, не открывается только дверь в бухгалтерию»: the detail was dropped."""
    chat = EngineChat(faq=faq.search)
    chat.say("бастион-3 не открывает двери")
    chat.say("Согласен")
    chat.say(typed)
    assert chat.state.priority == CRITICALITY_PRIORITY["partial"]
    assert chat.state.answers["description"].endswith(typed)
