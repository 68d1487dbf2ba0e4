"""Issue 14: each kind of request has its own wording, examples and steps: a wish is not asked what happened,
not shown an error as an example, and not asked for screenshots of an error."""

from __future__ import annotations

import pytest

from core.texts import TEXTS, t
from tests.engine.intake_answers import start_ticket, walk_to_summary
from tests.fakes import EngineChat


def whole_intake(kind: str) -> EngineChat:
    chat = EngineChat()
    start_ticket(chat, kind, "question")
    walk_to_summary(chat)
    return chat


def test_the_kind_question_does_not_assume_something_happened() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    assert chat.text() == t("kind.ask") and "случилось" not in chat.text()


def test_a_wish_is_worded_as_a_wish_from_start_to_summary() -> None:
    seen = whole_intake("wish").seen()
    assert t("field.description.prompt.wish") in seen and t("field.product_name.prompt.wish") in seen
    assert t("field.description.example.wish") in seen and t("field.screenshots.prompt.wish") in seen
    for problem_words in (
        t("field.description.prompt"),
        TEXTS["field.description.example"],
        TEXTS["field.expected.example"],
        t("field.screenshots.prompt"),
        "ошибк",
    ):
        assert problem_words not in seen


def test_a_wish_has_no_reproduction_steps() -> None:
    chat = EngineChat()
    start_ticket(chat, "wish")
    asked = walk_to_summary(chat)
    assert not {"steps", "actual", "os", "antivirus"} & set(asked)


@pytest.mark.parametrize("kind", ["consultation", "license"])
def test_a_consultation_and_a_licence_have_their_own_description_and_files_wording(kind: str) -> None:
    seen = whole_intake(kind).seen()
    assert t(f"field.description.prompt.{kind}") in seen and t(f"field.description.example.{kind}") in seen
    assert t(f"field.screenshots.prompt.{kind}") in seen
    assert t("field.screenshots.prompt") not in seen


def test_a_problem_is_asked_for_screenshots_of_the_error_at_the_summary() -> None:
    chat = whole_intake("problem")
    assert t("field.screenshots.prompt") in chat.text() and chat.state.stage == "summary"
