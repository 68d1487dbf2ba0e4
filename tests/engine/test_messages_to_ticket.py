"""Issue 14 targets, with a scripted client who takes the quickest way offered (buttons count as messages, the
first message too): a plain problem report reaches a ticket in ≤ 16 messages, one naming product, version and
OS in ≤ 13, a returning verified client in ≤ 8; and no Appendix 1 item is lost on the way."""

from __future__ import annotations

import pytest

from core import walker
from core.intake import REMEMBERED_KEYS
from tests.engine.intake_answers import VALID_ANSWERS, reach_ticket, ticket_items
from tests.fakes import EngineChat

PLAIN_REPORT = "Не открывается журнал событий"
NAMED_REPORT = "Не открывается журнал событий в Бастион-3 версии 2.1 на Windows 10 64-бит"
ON_FILE = {key: VALID_ANSWERS[key] for key in REMEMBERED_KEYS} | {"contact": "+78465551234"}


@pytest.mark.parametrize("channel", ["telegram", "viber", "whatsapp"])
def test_a_first_time_client_with_a_plain_report_needs_at_most_16_messages(channel: str) -> None:
    chat = EngineChat(profile_name="Анна Смирнова", channel=channel)
    assert reach_ticket(chat, PLAIN_REPORT) <= 16


def test_a_first_time_client_naming_product_version_and_os_needs_at_most_13_messages() -> None:
    chat = EngineChat(profile_name="Анна Смирнова")
    assert reach_ticket(chat, NAMED_REPORT) <= 13


def test_a_returning_verified_client_needs_at_most_8_messages() -> None:
    chat = EngineChat(consent=True, on_file=ON_FILE)
    assert reach_ticket(chat, PLAIN_REPORT) <= 8


def test_a_critical_request_is_a_ticket_in_5_messages() -> None:
    chat = EngineChat()
    assert reach_ticket(chat, "Вся СКУД легла, ничего не работает") <= 5


@pytest.mark.parametrize("kind", ["problem", "consultation", "license", "wish"])
@pytest.mark.parametrize("criticality", ["partial", "stopped"])
def test_no_appendix_1_item_is_lost(kind: str, criticality: str) -> None:
    """Every applicable item is answered or explicitly skipped, and the ticket has it."""
    chat = EngineChat(profile_name="Анна Смирнова")
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    chat.press(f"kind:{kind}")
    if chat.state.stage == "criticality":
        chat.press(f"crit:{criticality}")
    skipped: set[str] = set()
    while chat.state.stage in ("field", "form"):
        if chat.state.stage == "form":
            skipped |= set(chat.state.form_keys)
            chat.press("nav:skip")
        elif chat.state.field == "product_version" and kind == "wish":
            skipped.add("product_version")
            chat.press("nav:skip")
        else:
            chat.say(VALID_ANSWERS[chat.state.field or ""])
    if chat.state.stage == "summary":
        chat.press("sum:send")
    fields = ticket_items(chat)
    answers = {**dict.fromkeys(skipped, ""), "screenshots": ""}  # no files sent: the item says none
    expected = walker.applicable_fields(kind, {"device_involved": "no"})
    assert set(fields) == {f.key for f in expected}
    for key, value in fields.items():
        assert value or key in answers, f"{key} lost"
