"""A command the bot does not have («/foo») is said to be unknown; it is no question for the FAQ or its gaps."""

from __future__ import annotations

import pytest

from core.events import QuestionUnanswered
from core.texts import t
from tests.fakes import EngineChat


@pytest.mark.parametrize("typed", ["/foo", "/settings", "/settings@twinpro_bot"])
def test_an_unknown_command_is_said_so_and_no_gap_is_kept(typed: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    [reply] = chat.say(typed)
    assert reply.text == t("menu.unknown_command") and [c.payload for c in reply.choices] == ["menu:ticket"]
    assert not any(isinstance(event, QuestionUnanswered) for event in chat.events)


def test_a_known_command_addressed_to_the_bot_is_that_command() -> None:
    replies = []
    for typed in ("/start", "/start@twinpro_bot"):
        chat = EngineChat()
        chat.say("Здравствуйте")
        replies.append([reply.text for reply in chat.say(typed)])
    assert replies[0] == replies[1] and t("menu.unknown_command") not in replies[1]
