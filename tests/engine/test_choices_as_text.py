"""Channels without buttons get numbered options; the number or the words come back as the payload."""

from __future__ import annotations

from core.messages import Choice
from core.render import choices_as_text, resolve_choice

CHOICES = (Choice("consent:yes", "Согласен"), Choice("consent:no", "Не согласен"))


def test_options_are_listed_with_numbers() -> None:
    assert "1. Согласен\n2. Не согласен" in choices_as_text("Согласие?", CHOICES)


def test_number_title_and_phrase_resolve_to_the_payload() -> None:
    assert resolve_choice("2", CHOICES) == "consent:no"
    assert resolve_choice("согласен", CHOICES) == "consent:yes"
    assert resolve_choice("нет, я не согласен!", CHOICES) == "consent:no"
    assert resolve_choice("3", CHOICES) is None
    assert resolve_choice("может быть", CHOICES) is None
