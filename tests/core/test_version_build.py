"""Issue 14: «2.3.7 сборка 1204» is one full version (Appendix 1, 2): the build number is not dropped from it."""

from __future__ import annotations

import pytest

from core.facts import extract
from tests.engine.intake_answers import reach_ticket, ticket_items
from tests.fakes import EngineChat


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("у нас Бастион 3 версия 2.3.7 сборка 1204, не открывается журнал", "2.3.7 (сборка 1204)"),
        ("Бастион-3 3.1.14 (build 2789) зависает", "3.1.14 (сборка 2789)"),
        ("Бастион-2 2.1, сборка №512", "2.1 (сборка 512)"),
        ("Бастион-3 версия 3.1.14.2789", "3.1.14.2789"),
    ],
)
def test_the_build_stays_with_its_version(text: str, version: str) -> None:
    assert extract(text)["product_version"] == version


def test_a_date_is_still_no_version() -> None:
    assert "product_version" not in extract("Бастион-3, версия 01.02.2024 сборка 5")


def test_the_build_named_in_the_first_message_reaches_the_ticket() -> None:
    chat = EngineChat()
    reach_ticket(chat, "Бастион-3 версия 2.3.7 сборка 1204: журнал не открывается, ошибка")
    assert ticket_items(chat)["product_version"] == "2.3.7 (сборка 1204)"


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("бастион 3, версия вроде 2023.2 но не уверена", "2023.2"),
        ("Бастион-3, версия, кажется, 2.1", "2.1"),
        ("бастион 3 наверное 3.1.14", "3.1.14"),
    ],
)
def test_a_version_given_as_a_guess_is_still_the_version(text: str, version: str) -> None:
    """«версия вроде 2023.2» kept the product alone, and the version was asked again."""
    assert extract(text) == {"product_name": "Бастион-3", "product_version": version}
