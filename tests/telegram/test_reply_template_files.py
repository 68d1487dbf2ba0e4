"""The reply template files: every shipped one renders whatever is known of the client; a broken one fails the load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bots.reply_templates import ReplyTemplate, ReplyTemplateError, load_templates, shipped_templates

TEMPLATES = shipped_templates().templates
LEFT_OVER = re.compile(r"[{}]")


def test_the_desk_ships_templates_for_the_regulation_s_common_cases() -> None:
    assert {"logs", "key", "data", "email", "waiting", "closed"} <= {tpl.name for tpl in TEMPLATES}
    assert 6 <= len(TEMPLATES) <= 10


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda tpl: tpl.name)
@pytest.mark.parametrize(
    ("contact_name", "greeting"),
    [
        ("Смирнова Анна", "Здравствуйте, Анна!"),
        ("Пётр Сергеевич Иванов", "Здравствуйте, Пётр!"),
        ("John Smith", "Здравствуйте!"),
        (None, "Здравствуйте!"),
    ],  # fmt: skip
)
def test_every_template_renders_with_and_without_a_first_name(
    template: ReplyTemplate, contact_name: str | None, greeting: str
) -> None:
    text = template.render(number="TP-00042", engineer="Алексей", client_name=contact_name)

    assert text.startswith(greeting + " ") and "TP-00042" in text
    assert not LEFT_OVER.search(text), text
    assert "Смирнова" not in text and "Иванов" not in text  # the first name only


def write(directory: Path, name: str, text: str) -> Path:
    (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("- name: hi\n  title: Привет\n  text: '{greeting} Уважаемый {client}'\n", "unknown placeholder {client}"),
        ("- name: hi\n  title: Привет\n  text: '{greeting} {number'\n", "a stray brace"),
        ("- name: hi\n  title: Привет\n  text: '{number!r}'\n", "takes no format"),
        ("- name: hi\n  title: ''\n  text: Текст\n", "empty title"),
        ("- name: two words\n  title: Привет\n  text: Текст\n", "not a single word"),
        ("name: hi\n", "expected a list"),
        ("- name: [\n", "not valid YAML"),
    ],
)
def test_a_broken_template_file_fails_the_load_naming_the_file(tmp_path: Path, content: str, problem: str) -> None:
    write(tmp_path, "broken.yaml", content)

    with pytest.raises(ReplyTemplateError, match=re.escape(problem)) as error:
        load_templates(tmp_path)
    assert str(error.value).startswith("broken.yaml")


def test_a_name_taken_twice_fails_the_load(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "- name: logs\n  title: Логи\n  text: Пришлите логи\n")
    write(tmp_path, "b.yaml", "- name: журнал\n  aliases: [LOGS]\n  title: Журнал\n  text: Пришлите журнал\n")

    with pytest.raises(ReplyTemplateError, match="b.yaml: журнал: the name 'logs' is taken by 'logs' of a.yaml"):
        load_templates(tmp_path)
