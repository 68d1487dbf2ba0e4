"""`faq ask` prints what a human or a program needs; --json is exactly the CONTRACT."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from faq.cli import faq_app


def ask(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(faq_app, ["ask", *args])
    return result.exit_code, result.output


def test_ask_json_is_the_contract_object() -> None:
    code, output = ask("Сколько стоит техподдержка?", "--json")
    assert code == 0
    payload = json.loads(output)
    assert set(payload) == {"query", "answered", "results"}
    assert payload["query"] == "Сколько стоит техподдержка?"
    assert payload["answered"] is True
    assert 1 <= len(payload["results"]) <= 3
    for result in payload["results"]:
        assert set(result) == {"id", "question", "answer", "score"}
        assert isinstance(result["score"], float)
    assert payload["results"][0]["id"] == "support-cost"
    scores = [result["score"] for result in payload["results"]]
    assert scores == sorted(scores, reverse=True)


def test_ask_json_keeps_russian_readable() -> None:
    _, output = ask("телефон техподдержки", "--json")
    assert "8-800-25-00-846" in output
    assert "\\u04" not in output


def test_ask_json_limit_and_decline() -> None:
    _, output = ask("какая погода завтра в Москве", "--json", "--limit", "1")
    payload = json.loads(output)
    assert payload["answered"] is False
    assert len(payload["results"]) <= 1


def test_ask_for_humans_shows_the_answer() -> None:
    code, output = ask("гарантия на ключ защиты")
    assert code == 0
    assert "12 месяцев" in output
    assert "key-warranty" in output


def test_ask_for_humans_says_when_nothing_fits() -> None:
    _, output = ask("как испечь блины")
    assert "Не нашёл" in output
