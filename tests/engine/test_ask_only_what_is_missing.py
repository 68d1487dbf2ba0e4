"""Issue 14: the facts a client already wrote are confirmed in one line and not asked again; the profile's name
is one tap; the optional environment items come in one message, answered in one go or skipped with one tap."""

from __future__ import annotations

import pytest

from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS, reported_until, walk_to_summary
from tests.fakes import EngineChat

FIRST = "Не открывается журнал событий в Бастион-3 версии 2.1 на Windows 10 64-бит"
ENVIRONMENT = ["antivirus", "hardware", "network", "pcs", "subsystems", "connection"]


def reported(chat: EngineChat, text: str = FIRST) -> EngineChat:
    chat.say(text)
    if chat.state.stage == "consent":
        chat.press("consent:yes")
    chat.press("crit:partial")
    return chat


def test_facts_of_the_first_message_are_confirmed_in_one_line_and_not_asked() -> None:
    chat = reported(EngineChat())
    assert t("facts.noted", facts="Бастион-3, версия 2.1, Windows 10 64-бит") in chat.text()
    asked = walk_to_summary(chat)
    assert not {"product_name", "product_version", "os"} & set(asked)
    summary = chat.text()
    assert "Продукт: Бастион-3" in summary and "Версия продукта: 2.1" in summary
    assert "Операционная система: Windows 10 64-бит" in summary


def test_a_noted_fact_can_be_corrected_by_its_number_in_the_summary() -> None:
    chat = reported(EngineChat())
    walk_to_summary(chat)
    chat.say("6")
    assert chat.state.field == "product_version"
    chat.say("2.1.7")
    assert chat.state.stage == "summary" and "6. Версия продукта: 2.1.7" in chat.text()


def test_facts_in_a_later_answer_are_taken_too() -> None:
    chat = EngineChat(consent=True)
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("kind:consultation")
    for key in ("contact", "organization", "city", "contact_name"):
        chat.say(VALID_ANSWERS[key])
    assert chat.state.field == "product_name"
    chat.say("Бастион-3, версия 2.4")
    assert chat.state.answers["product_version"] == "2.4"
    assert t("facts.noted", facts="версия 2.4") in chat.text()
    assert chat.state.field != "product_version"


@pytest.mark.parametrize("profile", ["Анна Смирнова", "*Анна Смирнова* 🌸", "<b>Анна</b> Смирнова\u202e"])
def test_the_profile_name_is_offered_at_the_contact_name_question_in_one_tap(profile: str) -> None:
    """Markup, emoji and direction marks of a profile name were offered and kept as they were."""
    chat = reported(EngineChat(profile_name=profile))
    while chat.state.field != "contact_name":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    [question] = chat.last.replies if chat.last else []
    assert [(c.payload, c.title) for c in question.choices] == [("opt:contact_name:profile", "Анна Смирнова")]
    chat.press("opt:contact_name:profile")
    assert chat.state.answers["contact_name"] == "Анна Смирнова"


@pytest.mark.parametrize("profile", ["🐱", "root", "Admin"])  # «root»: the console's account offered as a name
def test_a_profile_name_that_is_not_a_name_is_not_offered(profile: str) -> None:
    chat = reported(EngineChat(profile_name=profile))
    while chat.state.field != "contact_name":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    assert chat.last is not None and chat.last.replies[-1].choices == ()


def at_environment(chat: EngineChat) -> EngineChat:
    reported(chat)
    while chat.state.stage == "field":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    assert chat.state.stage == "form"
    return chat


def test_the_environment_items_come_in_one_numbered_message_with_one_skip() -> None:
    chat = at_environment(EngineChat())
    [question] = chat.last.replies if chat.last else []
    assert chat.state.form_keys == ENVIRONMENT
    assert question.text.startswith(t("form.group_header"))
    assert "\n1. " + t("field.antivirus.prompt") in question.text and "\n6. " in question.text
    assert [c.payload for c in question.choices] == ["nav:skip"]


def test_one_tap_skips_every_environment_item_explicitly() -> None:
    chat = at_environment(EngineChat())
    chat.press("nav:skip")
    assert {k: chat.state.answers[k] for k in ENVIRONMENT} == dict.fromkeys(ENVIRONMENT, "")
    assert chat.state.field == "device_involved"


def test_the_environment_answered_in_one_go_some_items_left_out() -> None:
    chat = at_environment(EngineChat())
    chat.say("1. Kaspersky 12\n4. 3 ПК: сервер и 2 рабочих места\n5. скуд")
    answers = chat.state.answers
    assert answers["antivirus"] == "Kaspersky 12" and answers["pcs"] == "3 ПК: сервер и 2 рабочих места"
    assert answers["subsystems"] == "СКУД" and answers["hardware"] == "" and answers["connection"] == ""
    assert chat.state.field == "device_involved"


def test_an_unnumbered_reply_to_the_environment_is_asked_again_not_lost() -> None:
    """Free text that plainly answers its items is read into them (tests/engine/test_client_in_own_words_3.py)."""
    chat = at_environment(EngineChat())
    chat.say("всё стандартно, как у всех")
    assert t("form.unnumbered") in chat.text() and chat.state.stage == "form"
    assert not set(ENVIRONMENT) & set(chat.state.answers)


def test_a_wrong_environment_answer_is_asked_again_with_its_reason() -> None:
    chat = at_environment(EngineChat())
    chat.say("1. Dr.Web\n4. много")
    assert chat.state.form_keys == ["pcs"] and t("invalid.number") in chat.text()
    chat.say("4 ПК")
    assert chat.state.answers["pcs"] == "4 ПК" and chat.state.field == "device_involved"


def test_where_there_are_no_buttons_the_profile_name_is_chosen_by_its_number() -> None:
    chat = reported(EngineChat(profile_name="Анна Смирнова", channel="whatsapp"))
    while chat.state.field != "contact_name":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    chat.say("1")
    assert chat.state.answers["contact_name"] == "Анна Смирнова"


def test_facts_given_at_the_criticality_question_are_kept_and_the_question_asked_again() -> None:
    """«ООО "Вектор-Безопасность" г.Сызрань» at «Насколько это критично?» got «Не понял ответ», and both were
    asked again later."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    for payload in ("menu:ticket", "consent:yes", "kind:problem"):
        chat.press(payload)
    assert chat.state.stage == "criticality"
    chat.say('ООО "Вектор-Безопасность" г.Сызрань')
    assert chat.state.answers["organization"] == 'ООО "Вектор-Безопасность"' and chat.state.answers["city"] == "Сызрань"
    assert chat.state.stage == "criticality" and "Не понял" not in chat.text()
    assert chat.text().startswith(t("facts.noted", facts="")[:8])


def test_a_product_named_only_by_its_family_asks_which_one() -> None:
    """«в бастионе не работает журнал» kept «Продукт: Бастион», and the engineer did not know Бастион-2 from -3."""
    chat = reported_until("в бастионе не работает журнал", "product_name")
    [question] = chat.last.replies if chat.last else []
    assert question.text == t("field.product_name.prompt.which")
    assert [choice.title for choice in question.choices] == ["Бастион-3", "Бастион-2"]
    chat.say("2")
    assert chat.state.answers["product_name"] == "Бастион-2"


def test_a_generation_in_a_word_or_a_digit_chooses_the_bastion() -> None:
    """«второй», «тройка» were kept as the product; «3» was refused as no name."""
    for typed, product in (("второй", "Бастион-2"), ("тройка", "Бастион-3"), ("3", "Бастион-3"), ("2", "Бастион-2")):
        chat = reported_until("в бастионе не работает журнал", "product_name")
        chat.say(typed)
        assert chat.state.answers["product_name"] == product


@pytest.mark.parametrize(
    "typed",
    [("8412 55-66-77", "Соколова Ирина"), ("Соколова Ирина, 8412 55-66-77",)],  # the second: the phone lost
)
def test_a_phone_or_a_name_given_at_the_criticality_question_is_kept(typed: tuple[str, ...]) -> None:
    """«8412 55-66-77», «Соколова Ирина» at «Насколько это критично?» got «Не понял ответ» and were asked again."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    for payload in ("menu:ticket", "consent:yes", "kind:problem"):
        chat.press(payload)
    for message in typed:
        chat.say(message)
    assert chat.state.stage == "criticality" and "Не понял" not in chat.text()
    assert chat.state.answers == {"contact": "+78412556677", "contact_name": "Соколова Ирина"}
    chat.press("crit:partial")
    assert chat.state.field == "organization"
