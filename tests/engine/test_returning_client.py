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


def test_a_new_phone_keeps_the_e_mail_on_file() -> None:
    """«звоните лучше на рабочий 8 846 222-33-44» said «Обновил: Телефон или e-mail — +78462223344», the e-mail lost."""
    chat = EngineChat(consent=True, on_file={**ON_FILE, "contact": "+78465551234, sokolova@vtg.ru"})
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("kind:consultation")
    assert chat.state.stage == "returning"
    chat.say("телефон другой: 8 846 222-33-44")
    assert chat.state.answers["contact"] == "+78462223344, sokolova@vtg.ru"


def test_the_version_on_file_is_not_offered_for_another_product() -> None:
    """A Бастион-2 version on file was offered, and kept, for a question about Бастион-3."""
    chat = EngineChat(consent=True, on_file={**ON_FILE, "product_name": "Бастион-2", "product_version": "2.1.5"})
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.say("как выдать гостевой пропуск в Бастион-3?")  # at the kind question: a consultation, told
    assert chat.state.stage == "returning" and chat.state.answers["product_name"] == "Бастион-3"
    assert "product_version" not in chat.state.offer and "2.1.5" not in chat.text()
