"""Issue 14: a city named alone as a part of the message («Вся СКУД легла, Самара», «Не работает АРМ. Самара»)
is the client's city when it is a known Russian city; a capitalised word that is no city, a name that is also a
city, a country or a region is not."""

from __future__ import annotations

import time

import pytest

from core.facts import extract
from tests.engine.intake_answers import VALID_ANSWERS, reported_until
from tests.fakes import EngineChat


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("Вся СКУД легла, Самара", "Самара", id="after a comma"),
        pytest.param("Не работает АРМ. Самара", "Самара", id="a sentence of its own at the end"),
        pytest.param("Не работает АРМ. Самара.", "Самара", id="a sentence with its full stop"),
        pytest.param("Самара. Не работает АРМ оператора", "Самара", id="a sentence of its own at the start"),
        pytest.param("Тольятти, не открывается журнал событий", "Тольятти", id="a part at the start"),
        pytest.param("Не работает, Москва, ООО Ромашка", "Москва", id="a part in the middle"),
        pytest.param("Журнал не грузится (Нижний Новгород)", "Нижний Новгород", id="in brackets, two words"),
        pytest.param("Система стоит — Ростов-на-Дону", "Ростов-на-Дону", id="after a dash, hyphenated"),
        pytest.param("Город: Набережные Челны", "Набережные Челны", id="after a colon"),
        pytest.param("Ошибка лицензии! Санкт-Петербург", "Санкт-Петербург", id="after an exclamation"),
        pytest.param("Ошибка лицензии, СПб", "Санкт-Петербург", id="a common short name"),
        pytest.param("Вся СКУД легла. Жигулёвск", "Жигулёвск", id="a town of the Samara region, ё"),
        pytest.param(
            "прибор не ставится на охрану, город Самара, ой точнее Тольятти", "Тольятти", id="put right in passing"
        ),
        pytest.param("мы из Самары, точнее из Тольятти", "Тольятти", id="put right, in the genitive"),
        pytest.param("Самара, вернее Нижний Новгород", "Нижний Новгород", id="put right, two words"),
    ],
)
def test_a_known_city_named_alone_is_the_city(text: str, city: str) -> None:
    assert extract(text).get("city") == city


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Не работает АРМ. Помогите.", id="an ordinary sentence"),
        pytest.param("Всё сломалось, Победа", id="a capitalised word"),
        pytest.param("Не работает журнал, Россия", id="a country"),
        pytest.param("Вся СКУД легла, Урал", id="a region"),
        pytest.param("Сервер упал. Сибирь", id="another region"),
        pytest.param("ключ не работает, Владимир", id="a name that is also a city"),
        pytest.param("Спасибо, Королёв", id="a surname that is also a city"),
        pytest.param("Пропуска не печатаются. Находка", id="a common word that is also a city"),
        pytest.param("Офисы: Москва, Самара", id="two cities are ambiguous"),
        pytest.param("Пишу из Самары. Москва", id="a city with a marker and another alone are ambiguous"),
        pytest.param("Не работает модуль Самара-Сервис", id="a city inside a longer name"),
        pytest.param("Самара не отвечает на запросы", id="a city inside a sentence is not named alone"),
        pytest.param("вся скуд легла, самара", id="lower case is not read as a name"),
    ],
)
def test_no_city_is_read_where_none_is_named_alone(text: str) -> None:
    assert "city" not in extract(text)


def test_many_short_parts_take_linear_time() -> None:
    extract("Самара")
    text = ("Москва, Самара. Урал, Победа; " * 200)[:5_000]
    started = time.perf_counter()
    extract(text)
    once = time.perf_counter() - started
    started = time.perf_counter()
    extract(text * 10)
    assert time.perf_counter() - started < 30 * once + 0.01


@pytest.mark.parametrize("report", ["Вся СКУД легла, Самара", "Вся СКУД легла. Самара"])
def test_a_critical_report_naming_its_city_is_not_asked_for_it(report: str) -> None:
    chat = EngineChat()
    chat.say(report)
    chat.press("consent:yes")
    asked = []
    while not chat.tickets():
        asked.append(chat.state.field)
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    assert asked == ["contact", "organization"]
    assert chat.tickets()[0].fields["city"] == "Самара"


def test_a_city_put_right_at_its_own_question_is_the_one_kept() -> None:
    """«Самара, ой точнее Тольятти» at «В каком городе…?» was the ticket's city word for word."""
    chat = reported_until("Не открывается журнал, ошибка", "city")
    chat.say("Самара, ой точнее Тольятти")
    assert chat.state.answers["city"] == "Тольятти"
