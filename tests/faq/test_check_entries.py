"""`check_entries` and `faq check` catch the mistakes an editor of the base can make."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from faq.cli import faq_app
from faq.knowledge import FaqEntry, check_entries, load_entries


def entry(
    entry_id: str, question: str = "Вопрос?", answer: str = "Ответ.", phrasings: tuple[str, ...] = ()
) -> FaqEntry:
    return FaqEntry(id=entry_id, question=question, answer=answer, phrasings=phrasings, source="test.yaml")


def test_sound_entries_have_no_problems() -> None:
    assert check_entries([entry("a", "Первый?"), entry("b", "Второй?")]) == []


def test_duplicate_id_is_reported() -> None:
    problems = check_entries([entry("same", "Первый?"), entry("same", "Второй?")])
    assert len(problems) == 1
    assert "duplicate id" in problems[0]


def test_empty_answer_and_question_are_reported() -> None:
    problems = check_entries([entry("a", question="", answer="  ".strip())])
    assert any("empty answer" in problem for problem in problems)
    assert any("empty question" in problem for problem in problems)


def test_phrasing_duplicated_across_entries_is_reported_after_normalisation() -> None:
    problems = check_entries(
        [
            entry("a", "Сколько стоит поддержка?", phrasings=("Поддержка платная?",)),
            entry("b", "Где ключ?", phrasings=("поддержка  ПЛАТНАЯ",)),
        ]
    )
    assert len(problems) == 1
    assert "'a'" in problems[0] and "b" in problems[0]


def test_faq_check_fails_on_a_broken_folder(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(
        "- id: one\n  question: Вопрос?\n  answer: ''\n- id: one\n  question: Другой вопрос?\n  answer: Ответ.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(faq_app, ["check", "--entries", str(tmp_path)])
    assert result.exit_code == 1
    assert "empty answer" in result.output
    assert "duplicate id" in result.output


def test_faq_check_fails_on_invalid_yaml(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(faq_app, ["check", "--entries", str(tmp_path)])
    assert result.exit_code == 1
    assert "bad.yaml" in result.output


def test_entries_load_from_every_yaml_file(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            f"- id: {name}\n  question: Вопрос {name}?\n  answer: Ответ.\n  phrasings: [Ещё вариант]\n  tags: [тег]\n",
            encoding="utf-8",
        )
    loaded = load_entries(tmp_path)
    assert [item.id for item in loaded] == ["a", "b"]
    assert loaded[0].phrasings == ("Ещё вариант",)
    assert loaded[0].tags == ("тег",)
