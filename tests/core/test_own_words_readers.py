"""Issue 14, round 2: the readers behind the whole-transcript tests of tests/engine/test_client_in_own_words_2.py,
each on its own: a change of the data on file said in words, a short answer cut out of its sentence, a Russian
message in Latin letters, a phone's extension."""

from __future__ import annotations

import time

import pytest

from core.answer_words import plain_answer
from core.changed_on_file import changes_in
from core.translit import cyrillic_reading
from core.validators import phone_or_email

OFFER = {"contact": "+78465551234", "organization": "ООО «Охрана-Сервис»", "city": "Самара", "contact_name": "Анна"}


@pytest.mark.parametrize(
    ("typed", "changed"),
    [
        ("город поменялся, теперь Тольятти", {"city": "Тольятти"}),
        ("переехали в Самару, телефон новый: petrov@mail.ru", {"city": "Самара", "contact": "petrov@mail.ru"}),
        ("Новый город — Казань", {"city": "Казань"}),
        ("город Тольятти, остальное верно", {"city": "Тольятти"}),
        ("телефон тот же, город поменялся", {"contact": "+78465551234", "city": None}),
        ("почти, но город Сызрань", {"city": "Сызрань"}),  # «почти» names no mail
        ("89271112234", {"contact": "+79271112234"}),
        ("да", {}),
        ("Изменить", {}),
        ("Контактное лицо — Сидоров Алексей, наш новый инженер", {"contact_name": "Сидоров Алексей"}),  # all of it
        ("Исправьте имя, я не Анна, а Петров Иван", {"contact_name": "Петров Иван"}),
    ],
)
def test_the_items_a_change_in_words_names(typed: str, changed: dict[str, str | None]) -> None:
    assert {key: change.value for key, change in changes_in(typed, OFFER).items()} == changed


def test_reading_a_change_takes_linear_time() -> None:
    started = time.perf_counter()
    changes_in("город" + " ," * 3000 + "x", OFFER)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("key", "typed", "answer"),
    [
        ("contact_name", "Здравствуйте! Петров Иван", "Петров Иван"),
        ("city", "Город Самара, Куйбышевский район", "Самара, Куйбышевский район"),
        ("product_name", "У нас стоит Бастион-3", "Бастион-3"),
        ("organization", "👍", "👍"),  # nothing but what is cut: left for the parser to refuse
        ("organization", "спасибо", "спасибо"),
    ],
)
def test_a_short_answer_cut_out_of_its_sentence(key: str, typed: str, answer: str) -> None:
    assert plain_answer(key, typed) == answer


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("zdravstvuyte", "здравствуйте"),
        ("ne znayu", "не знаю"),
        ("ne otkryvaetsya zhurnal sobytiy", "не открывается журнал событий"),
        ("bastion 3 ne vidit kontrollery posle obnovleniya", "бастион 3 не видит контроллеры после обновления"),
        ("Windows Server 2019 64 bit", "Windows Server 2019 64 bit"),
        ("Elsys-MB", "Elsys-MB"),
        ("ivanov@mail.ru", "ivanov@mail.ru"),
        ("журнал не открывается", "журнал не открывается"),
    ],
)
def test_russian_in_latin_letters_is_read_in_cyrillic(typed: str, read: str) -> None:
    assert cyrillic_reading(typed) == read


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("8 846 200-10-20 доб. 123", "+78462001020 доб. 123"),
        ("8 (846) 200-10-20, вн. 45, petrov@mail.ru", "+78462001020 доб. 45, petrov@mail.ru"),
        ("+78462001020 доб. 123", "+78462001020 доб. 123"),  # read again as the ticket keeps it
        ("ivanov @ mail.ru", "ivanov@mail.ru"),
    ],
)
def test_a_phones_extension_and_an_address_with_spaces(typed: str, kept: str) -> None:
    assert phone_or_email(typed) == kept
