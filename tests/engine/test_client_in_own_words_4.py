"""Answers in clients' own words met in the sixth round of console probes (2026-12-05): a fact stored in another
question's field, and the ticket asked for in fewer words."""

from __future__ import annotations

import pytest

from core.facts import extract
from core.texts import t
from tests.engine.intake_answers import at_field
from tests.fakes import EngineChat


def test_the_bitness_after_a_comma_is_the_system_s_not_the_key_s_number() -> None:
    """«Windows Server 2022 Standard, 64» got «Записал: ключ № 64», and the ticket «Номер ключа: 64»."""
    chat = at_field("license", "os")
    chat.say("Windows Server 2022 Standard, 64")
    assert "64" in chat.state.answers["os"] and "key_number" not in chat.state.answers


def test_a_product_and_version_at_the_organisation_question_are_noted_and_the_organisation_asked_again() -> None:
    """«бастион 3 3.1.14» was kept as «Организация: бастион 3 3.1.14» (and noted as the product as well)."""
    chat = at_field("problem", "organization", "partial")
    chat.say("бастион 3 3.1.14")
    answers = chat.state.answers
    assert "organization" not in answers and chat.state.field == "organization"
    assert answers["product_name"] == "Бастион-3" and answers["product_version"] == "3.1.14"
    chat.say("бастион 3")  # known already: said so, not kept as the organisation either
    assert "organization" not in answers and t("invalid.technical_not_this") in chat.text()


def test_an_organisation_named_like_a_product_is_the_organisation() -> None:
    chat = at_field("problem", "organization", "partial")
    chat.say("ООО «Бастион»")
    assert chat.state.answers["organization"] == "ООО «Бастион»"


def test_a_management_company_is_an_organisation() -> None:
    """«…, УК Дом, Воронеж» beside the contact lost the organisation, and the next answer was taken for it."""
    assert extract("Зайцев Олег, zaytsev@uk-dom.ru, УК Дом, Воронеж")["organization"] == "УК Дом"


@pytest.mark.parametrize(
    ("told", "priority"),
    [
        ("никого не пускает, турникеты закрыты", "critical"),
        ("люди не могут пройти на завод", "critical"),
        ("а что значит критично? у нас не пускает людей в здание", "critical"),  # the question answered 4 times
        ("одна камера не работает, остальные норм", "high"),
        ("средне", "high"),
    ],
)
def test_how_critical_in_own_words(told: str, priority: str) -> None:
    """Each was «Не понял ответ. Выберите один из вариантов»."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    chat.press("kind:problem")
    assert chat.state.stage == "criticality"
    chat.say(told)
    assert chat.state.priority == priority
