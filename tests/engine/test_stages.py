"""The ``Stage`` enum: every stage has a handler, the stored strings stay the same (rows saved before the
enum load unchanged), and the questions the shell asks of the state instead of reading the stage.
"""

from __future__ import annotations

import json

import pytest

from core.engine import STAGES
from core.state import ConversationState, Stage
from tests.fakes import EngineChat

# what rows in the store hold: never rename these values
STORED = (
    "new idle faq consent kind criticality returning verify field summary ticket_open rating rating_comment".split()
    + ["form"]  # added with the e-mail channel
    + ["same_request"]  # added with one request across channels (issue 15)
    + ["link"]  # added when joining a chat to an earlier one moved out of the intake
)


def test_every_stage_has_a_handler() -> None:
    assert set(STAGES) == set(Stage)


def test_the_stored_values_are_the_strings_saved_before_the_enum() -> None:
    assert sorted(stage.value for stage in Stage) == sorted(STORED)


@pytest.mark.parametrize("saved", STORED)
def test_a_saved_row_loads_and_saves_back_the_same(saved: str) -> None:
    row = {"stage": saved, "kind": "problem", "field": "contact", "ticket": "TP-00001", "rating_ticket": None}
    state = ConversationState.from_dict(row)
    assert state.stage is Stage(saved) and state.stage == saved
    stored = json.loads(json.dumps(state.to_dict()))
    assert stored["stage"] == saved and type(state.to_dict()["stage"]) is str
    assert ConversationState.from_dict(stored) == state


def test_a_stage_no_longer_known_is_the_menu() -> None:
    assert ConversationState.from_dict({"stage": "gone"}).stage is Stage.IDLE
    assert ConversationState.from_dict({}).stage is Stage.NEW


def test_a_state_built_with_a_string_holds_the_enum() -> None:
    assert ConversationState(stage="summary").stage is Stage.SUMMARY  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ConversationState(stage="sumary")  # type: ignore[arg-type]


def test_what_the_shell_asks_instead_of_the_stage() -> None:
    at_ticket = ConversationState(stage=Stage.TICKET_OPEN, ticket="TP-00001")
    rating_beside_it = ConversationState(stage=Stage.RATING, ticket="TP-00001", rating_ticket="TP-00002")
    assert at_ticket.open_ticket_number == "TP-00001" and rating_beside_it.open_ticket_number is None

    contact = ConversationState(stage=Stage.FIELD, kind="problem", field="contact")
    product = ConversationState(stage=Stage.FIELD, kind="problem", field="product_name")
    assert contact.at_contact_question and contact.answering_personal_field
    assert not product.at_contact_question and not product.answering_personal_field
    assert not ConversationState(stage=Stage.SUMMARY, field="contact").at_contact_question

    assert ConversationState(stage=Stage.VERIFY).awaiting_code
    assert not ConversationState(stage=Stage.FIELD).awaiting_code


def test_new_ticket_pressed_on_an_old_message_of_a_forgotten_chat_starts_the_ticket() -> None:
    """A chat the store has no state for (a new bot, an erased one) got only the greeting, and had to press again."""
    chat = EngineChat()
    chat.press("menu:ticket")
    assert chat.state.stage == "consent"
