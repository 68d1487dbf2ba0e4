"""Every bad input gets a clear answer, and the dialogue stays at the same step."""

from __future__ import annotations

import pytest

from core.messages import Attachment
from core.texts import t
from tests.engine.intake_answers import (
    answer_until,
    at_summary,
    start_ticket,
    walk_to_summary,
)
from tests.fakes import EngineChat


def at_field(key: str) -> EngineChat:
    chat = EngineChat()
    start_ticket(chat, "problem")
    return answer_until(chat, key)


@pytest.mark.parametrize(
    ("field", "bad", "reason"),
    [
        ("contact", "12-34", t("invalid.phone_or_email")),
        ("contact", "+7 999 000", t("invalid.phone")),
        ("contact", "+7 (000) 000-00-00", t("invalid.phone")),
        ("contact", "ivanov@", t("invalid.email")),
        ("contact_name", "12345", t("invalid.letters_needed", expected=t("invalid.name_of.contact_name"))),
        ("contact_name", "Ещё отвалился второй считыватель", t("invalid.name")),
        ("organization", "   ", t("invalid.empty")),
        ("organization", "😀😀😀", t("invalid.no_letters")),
        ("description", "х" * 5000, t("invalid.too_long", limit=3000)),
        ("os", "Windows 10", t("invalid.os_bitness")),
        ("os", "семерка", t("invalid.os_bitness")),  # Windows 7 as clients call it: «не похоже на ОС» before
        ("os", "нет", t("invalid.os")),
        ("os", "ничего не происходит", t("invalid.os")),
        ("product_version", "последняя", t("invalid.version")),
        ("product_name", "3.1.14", t("invalid.version_for_name", expected=t("invalid.name_of.product_name"))),
        ("organization", "12345", t("invalid.letters_needed", expected=t("invalid.name_of.organization"))),
        ("description", "да", t("invalid.not_a_story")),  # the summary said «Полученный результат: да»
        ("expected", "отправить", t("invalid.not_a_story")),
        ("actual", "да", t("invalid.not_a_story")),
    ],
)
def test_wrong_answer_is_asked_again_with_an_example(field: str, bad: str, reason: str) -> None:
    chat = at_field(field)
    chat.say(bad)
    assert chat.state.field == field
    assert reason in chat.text()
    assert "Например" in chat.text()
    assert field not in chat.state.answers


def test_empty_message_repeats_the_question() -> None:
    chat = at_field("city")
    replies = chat.say("")
    assert chat.state.field == "city"
    assert t("field.city.prompt") in replies[-1].text


@pytest.mark.parametrize(
    ("attachment", "refusal"),
    [
        (Attachment("image", "f1", "image/bmp", 1000, "screen.bmp"), "JPG, GIF или PNG"),
        (Attachment("document", "f2", "application/x-msdownload", 1000, "screen.exe"), "не принимаю"),
        (Attachment("document", "f3", "image/tiff", 1000, "scan.tiff"), "JPG, GIF или PNG"),
    ],
)
def test_wrong_screenshot_format_is_refused_with_the_allowed_formats(attachment: Attachment, refusal: str) -> None:
    chat = at_summary()  # where screenshots are asked for
    chat.say(None, attachments=(attachment,))
    assert refusal in chat.text()
    assert chat.state.attachments == []
    assert chat.state.stage == "summary"


def test_screenshots_and_logs_are_kept() -> None:
    chat = at_summary()
    chat.say(None, attachments=(Attachment("image", "photo-1", "image/jpeg", 50_000),))
    chat.say(None, attachments=(Attachment("document", "doc-1", "text/plain", 2048, "bastion.log"),))
    assert len(chat.state.attachments) == 2
    assert t("intake.files_received", count=2) in chat.text()


def test_photo_where_text_is_expected_is_kept_and_the_question_repeated() -> None:
    chat = at_field("city")
    chat.say(None, attachments=(Attachment("image", "photo-1", "image/jpeg", 50_000),))
    assert chat.state.field == "city"
    assert t("field.city.prompt") in chat.text()
    assert len(chat.state.attachments) == 1


def test_unknown_button_payload_is_answered_and_the_step_kept() -> None:
    chat = at_field("city")
    chat.press("totally:unknown")
    assert chat.state.field == "city"
    assert t("field.city.prompt") in chat.text()


def test_stale_button_from_an_earlier_step_does_not_change_the_answer() -> None:
    chat = at_field("organization")
    chat.press("kind:wish")
    assert chat.state.kind == "problem"
    assert chat.state.field == "organization"
    assert "другому шагу" in chat.text()


def test_sticker_gets_a_clear_answer() -> None:
    chat = at_field("city")
    chat.say(None, unsupported="sticker")
    assert "стикер" in chat.text()
    assert chat.state.field == "city"


def test_required_field_cannot_be_skipped() -> None:
    chat = at_field("city")
    chat.say("пропустить")
    assert t("intake.not_optional", prompt="").strip() in chat.text()
    assert chat.state.field == "city"


def test_a_phone_and_an_e_mail_in_one_answer_are_accepted() -> None:
    chat = at_field("contact")
    chat.say("smirnov@mail.ru, +7 (846) 200-10-20")
    assert chat.state.answers["contact"] == "+78462001020, smirnov@mail.ru"
    assert chat.state.field != "contact"


def test_words_that_answer_no_option_at_the_summary_name_the_options() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    walk_to_summary(chat)
    chat.say("что-то непонятное")
    assert chat.state.stage == "summary"
    assert chat.text() == t("choice.not_understood_inline", options=f"«{t('choice.send')}», «{t('choice.cancel')}»")


def test_a_wrong_button_is_still_called_stale() -> None:
    chat = EngineChat()
    start_ticket(chat, "problem", criticality=None)
    chat.press("kind:wish")  # pressed again from an earlier message
    assert chat.state.stage == "criticality" and "другому шагу" in chat.text()


def test_a_story_at_the_key_number_question_is_no_key_number() -> None:
    """«Номер ключа: обновили вчера с 2.1 на 2.2, после этого пишет…» was the ticket's key number."""
    chat = EngineChat()
    start_ticket(chat, "license")
    answer_until(chat, "key_number")
    chat.say("обновили вчера с 2.1 на 2.2, после этого пишет ключ не найден, в диспетчере устройств ключ есть")
    assert t("invalid.key_number") in chat.text() and "key_number" not in chat.state.answers
    chat.say("на ключе написано 12-34567")
    assert chat.state.answers["key_number"] == "на ключе написано 12-34567"


@pytest.mark.parametrize("typed", ["маркировки нет", "на ключе ничего не написано", "номер стёрся", "без наклейки"])
def test_a_key_without_a_number_is_an_answer_to_the_key_number_question(typed: str) -> None:
    """A key without the maker's number matters (regulation 6.5: how a faulty one is replaced), and it was refused
    as no number, the client pushed to «не знаю»."""
    chat = EngineChat()
    start_ticket(chat, "license")
    answer_until(chat, "key_number")
    chat.say(typed)
    assert chat.state.answers["key_number"] == typed and t("invalid.key_number") not in chat.text()


@pytest.mark.parametrize(("typed", "kept"), [("Windows 10 64", "Windows 10 64-бит"), ("Astra Linux 1.7", None)])
def test_the_operating_system_at_the_version_question_is_no_version(typed: str, kept: str | None) -> None:
    """«Windows 10 64» at the version question was the ticket's «Версия продукта: Windows 10 64», and «Astra Linux
    1.7» too (its «1.7» passed for the version). A system with its bitness is kept for its own question."""
    chat = EngineChat()
    start_ticket(chat, "problem")
    answer_until(chat, "product_version")
    chat.say(typed)
    assert chat.state.field == "product_version" and "product_version" not in chat.state.answers
    assert t("invalid.os_for_version") in chat.text() and chat.state.answers.get("os") == kept


@pytest.mark.parametrize(("named", "bitness"), [("семерка", "64"), ("Windows 7", "64"), ("win7", "x64")])
def test_the_bitness_asked_after_the_system_completes_it(named: str, bitness: str) -> None:
    """«семерка», asked its bitness, then «64»: the ticket said «Операционная система: 64»."""
    chat = at_field("os")
    chat.say(named)
    assert t("invalid.os_bitness") in chat.text()
    chat.say(bitness)
    assert chat.state.answers["os"] == f"{named} {bitness}"
