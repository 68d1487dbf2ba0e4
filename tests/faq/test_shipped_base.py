"""The shipped knowledge base is valid and tells a client every fact of the regulation."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from faq.cli import faq_app
from faq.knowledge import check_entries, load_entries
from faq.retriever import default_entries_dir


def test_faq_check_passes_on_the_shipped_base() -> None:
    result = CliRunner().invoke(faq_app, ["check"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_the_base_has_at_least_45_entries_without_problems() -> None:
    entries = load_entries(default_entries_dir())
    assert len(entries) >= 45
    assert check_entries(entries) == []
    assert all(len(entry.phrasings) >= 2 and entry.tags for entry in entries)


@pytest.mark.parametrize(
    "fact",
    [
        "бесплатн",
        "8:00",
        "17:00",
        "московскому времени",
        "1 рабочий день",
        "help@twinpro.ru",
        "8-800-25-00-846",
        "Viber",
        "WhatsApp",
        "Telegram",
        "факс",
        "JPG",
        "GIF",
        "PNG",
        "журналы событий",
        "без персональных данных",
        "HASP",
        "Guardant",
        "01.01.2013",
        "12 месяцев",
        "Коммерческ",
        "механическими",
        "повторное приобретение",
        "технического задания",
        "10 рабочих дней",
        "125040",
        "Отзыв Согласия",
        "Отозвать согласие",
        "152-ФЗ",
        "www.twinpro.ru",
        "ЕС-Пром",
        "Авгит",
        "нелицензионной",
        "вне очереди",
        "не ускоряет",
    ],
)
def test_every_fact_a_client_may_ask_is_in_some_answer(fact: str) -> None:
    answers = " ".join(entry.answer for entry in load_entries(default_entries_dir()))
    assert fact.lower() in answers.lower()
