"""A client we know is offered the data on file instead of being asked again."""

from __future__ import annotations

from core.events import TicketOpened
from tests.engine.intake_answers import VALID_ANSWERS, walk_to_summary
from tests.fakes import EngineChat

ON_FILE = {k: VALID_ANSWERS[k] for k in ("contact", "organization", "city", "contact_name", "product_name", "os")}
ON_FILE["contact"] = "+78465551234"


def test_same_identity_is_offered_its_data_and_not_asked_again() -> None:
    chat = EngineChat(consent=True, on_file=ON_FILE)
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("kind:license")
    chat.press("crit:question")
    assert chat.state.stage == "returning"
    assert "ООО «Охрана-Сервис»" in chat.text() and "Всё верно?" in chat.text()
    chat.say("да")
    asked = walk_to_summary(chat)
    assert not {"contact", "organization", "city", "contact_name", "product_name", "os"} & set(asked)
    chat.press("sum:send")
    ticket = next(e for e in chat.events if isinstance(e, TicketOpened))
    assert ticket.fields["organization"] == "ООО «Охрана-Сервис»"


def test_client_who_says_everything_changed_is_asked_everything() -> None:
    chat = EngineChat(consent=True, on_file=ON_FILE)
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("kind:consultation")
    chat.press("ret:change")
    chat.press("ret:all")
    asked = walk_to_summary(chat)
    assert "organization" in asked and "contact" in asked


def test_contact_known_from_another_channel_is_recognised_after_the_phone() -> None:
    chat = EngineChat(contact_match=ON_FILE)
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    chat.press("kind:consultation")
    chat.say("8 846 555 12 34")
    assert chat.state.stage == "returning"
    chat.press("ret:yes")
    asked = walk_to_summary(chat)
    assert "organization" not in asked and "city" not in asked
