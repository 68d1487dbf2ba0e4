"""A closed ticket's rating typed as text: a lone number from 1 to 5 is the score, a number inside a product's
name or a version is not («Бастион-3», «3.1»), so a client who writes about a problem is not taken to rate."""

from __future__ import annotations

import pytest

from core.events import ClientWroteOnTicket, TicketRated
from core.stages.rating import ask_rating
from core.texts import t
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


def wrote_on_ticket(chat: EngineChat) -> list[tuple[str, str | None]]:
    return [(event.ticket, event.text) for event in chat.events if isinstance(event, ClientWroteOnTicket)]


def test_a_comment_that_the_problem_is_not_solved_reaches_the_ticket_s_engineers() -> None:
    """It was only thanked for and kept as the rating's comment: nobody learnt that the pult was still down."""
    chat = asked_to_rate()
    chat.press("rate:2")
    chat.say("проблема не решена, пульт так и не на связи")
    assert scores(chat) == [2, None]
    assert wrote_on_ticket(chat) == [(NUMBER, "проблема не решена, пульт так и не на связи")]
    assert chat.text() == t("rating.not_solved", number=NUMBER) and chat.state.stage == "idle"


def test_not_solved_instead_of_a_score_reaches_the_engineers_too() -> None:
    chat = asked_to_rate()
    chat.say("не заработало, турникет до сих пор не пускает")
    assert scores(chat) == [] and wrote_on_ticket(chat) == [(NUMBER, "не заработало, турникет до сих пор не пускает")]
    assert t("rating.not_solved", number=NUMBER) in chat.text()


def test_a_happy_comment_is_thanked_for() -> None:
    chat = asked_to_rate()
    chat.press("rate:5")
    chat.say("всё отлично, быстро помогли")
    assert wrote_on_ticket(chat) == [] and chat.text() == t("rating.thanks")
