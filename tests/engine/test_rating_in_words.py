"""A closed ticket's rating typed as text: a lone number from 1 to 5 is the score, a number inside a product's
name or a version is not («Бастион-3», «3.1»), so a client who writes about a problem is not taken to rate."""

from __future__ import annotations

import pytest

from core.events import TicketRated
from core.stages.rating import ask_rating
from tests.fakes import EngineChat

NUMBER = "2026-00007"


def asked_to_rate() -> EngineChat:
    chat = EngineChat(consent=True)
    chat.say("Здравствуйте")
    chat.state.ticket = NUMBER  # the chat talks to the ticket an engineer now closes
    chat.state = ask_rating(chat.state, NUMBER, "console", "client-1").state
    assert chat.state.stage == "rating"
    return chat


def scores(chat: EngineChat) -> list[int | None]:
    return [event.score for event in chat.events if isinstance(event, TicketRated)]


@pytest.mark.parametrize(
    ("typed", "score"), [("5", 5), ("ставлю 4", 4), ("5 звёзд", 5), ("оценка: 3!", 3), ("4/5", 4), ("4 из 5", 4)]
)
def test_a_lone_number_is_the_score(typed: str, score: int) -> None:
    chat = asked_to_rate()
    chat.say(typed)
    assert scores(chat) == [score] and chat.state.stage == "rating_comment"


@pytest.mark.parametrize("typed", ["Бастион-3 опять не запускается после обновления", "версия 3.1", "2 или 3"])
def test_a_number_inside_a_name_or_a_version_is_no_score(typed: str) -> None:
    chat = asked_to_rate()
    chat.say(typed)
    assert scores(chat) == []
