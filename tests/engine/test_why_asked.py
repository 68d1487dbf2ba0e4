"""Issue 14: «зачем вам мой телефон?» at a question is answered with why it is asked (Appendix 1, and for the
contacts the consent they are kept under), then the question again; it used to get the FAQ's entry on how to call
the support line."""

from __future__ import annotations

import pytest

from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import at_field


@pytest.mark.parametrize(
    ("key", "asked", "why"),
    [
        ("contact", "зачем вам мой телефон?", "intake.why.contacts"),
        ("contact_name", "а для чего это?", "intake.why.contacts"),
        ("city", "почему вы спрашиваете город?", "intake.why.contacts"),
        ("product_version", "зачем вам версия?", "intake.why.other"),
        ("organization", "а это обязательно?", "intake.why.contacts"),  # it joined the description as a question
        ("product_version", "это обязательно указывать?", "intake.why.other"),
    ],
)
def test_why_a_question_is_asked_is_answered_and_the_question_stays(
    faq: FaqIndex, key: str, asked: str, why: str
) -> None:
    chat = at_field("consultation", key, faq=faq.search)
    chat.say(asked)
    assert chat.text().startswith(t(why, prompt="").strip())
    assert chat.state.field == key and key not in chat.state.answers


def test_a_long_message_starting_with_why_is_an_answer() -> None:
    chat = at_field("consultation", "description")
    story = "Зачем-то после обновления перестал открываться журнал событий, пишет ошибку базы данных"
    chat.say(story)
    assert chat.state.answers["description"] == story
