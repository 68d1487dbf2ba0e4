"""The client's name as typed in the intake (a name, not a sentence), and its first name for a greeting."""

from __future__ import annotations

import pytest

from core.person_names import first_name, name_among
from core.validators import InvalidAnswer, person_name


@pytest.mark.parametrize(
    ("full_name", "first"),
    [
        ("Смирнова Анна", "Анна"),
        ("Анна Смирнова", "Анна"),
        ("ИВАНОВ ИВАН", "Иван"),
        ("Ли Сергей", "Сергей"),
        ("Сидоренко Кристина", "Кристина"),
        ("Иванов", None),
        ("Pavel Ivanov", None),
        ("", None),
        (None, None),
    ],  # fmt: skip
)
def test_the_first_name_is_found_in_any_order_or_not_guessed(full_name: str | None, first: str | None) -> None:
    assert first_name(full_name) == first


@pytest.mark.parametrize(
    "name",
    [
        "Смирнова Анна",
        "Иванов Пётр Сергеевич",
        "Хабибуллин Ринат",
        "John Smith",
        "Ли Вэй",
        "Бондаренко",
        "Мария Ивановна",
    ],
)
def test_names_in_any_order_and_origin_are_taken(name: str) -> None:
    assert person_name(name) == name


@pytest.mark.parametrize("typed", ["контакт Иванов Пётр", "ФИО: Иванов Пётр", "контактное лицо — Иванов Пётр"])
def test_the_words_naming_the_name_are_no_part_of_it(typed: str) -> None:
    """«Самара, контакт Иванов Пётр» gave the ticket «Контактное лицо: контакт Иванов Пётр»."""
    assert person_name(typed) == "Иванов Пётр"


@pytest.mark.parametrize(
    "typed", ["новая заявка", "Ещё отвалился второй считыватель", "сервер не работает", "директор", "охрана"]
)
def test_a_sentence_typed_at_the_name_question_is_no_name(typed: str) -> None:
    with pytest.raises(InvalidAnswer):
        person_name(typed)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Иванов Пётр Сергеевич, +7 916 123-45-67", "Иванов Пётр Сергеевич"),
        ("89051234567, ООО Гранит, Воронеж, Смирнов Дмитрий", "Смирнов Дмитрий"),
        ("Иванов Пётр 89161234567 ivanov@mail.ru", "Иванов Пётр"),
        ("…не видит ключ HASP. Сидоров Алексей, ООО Щит, тел 89161112233", "Сидоров Алексей"),
        ("8 (4872) 55-66-77, спросить Ольгу", None),  # a first name alone is no contact's full name
        ("ООО Ромашка", None),
        ("не видит считыватели", None),
    ],
)
def test_a_full_name_beside_other_facts_is_found(typed: str, name: str | None) -> None:
    assert name_among(typed) == name
