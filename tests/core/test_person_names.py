"""The client's first name for a greeting, from «Фамилия и имя» as typed in the intake."""

from __future__ import annotations

import pytest

from core.person_names import first_name


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
