"""Issue 14, found by playing whole dialogues as a client would write them: an earlier answer put right in passing,
«стоп» and «хватит», a person asked for, an emoji, a button label mistyped, a Windows Server named without its
bitness. Each is a whole transcript: what the bot says, and what reaches the ticket."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.events import ClientWroteOnTicket, QuestionUnanswered
from core.messages import Attachment
from core.texts import t
from tests.engine.intake_answers import (
    VALID_ANSWERS,
    at_field,
    reach_ticket,
    start_ticket,
    ticket_items,
    walk_to_summary,
)
from tests.engine.test_choices_as_text import kind_chat
from tests.fakes import EngineChat

HOTLINE = "8-800-25-00-846"


# --- an earlier answer put right at a later question
def at_contact_name_after(city: str) -> EngineChat:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    for answer in (VALID_ANSWERS["contact"], VALID_ANSWERS["organization"], city):
        chat.say(answer)
    assert chat.state.field == "contact_name"
    return chat


@pytest.mark.parametrize(
    "typed",
    [
        "ой, не Самара, а Тольятти",
        "Тольятти, а не Самара",
        "Извините, не самара а Тольятти!",
        "ой город не самара а Тольятти",  # two words before: it became the answer to the question asked
        "ой, не Самара а Тольятти, объект там",  # a clause after it: refused as a name, and the city kept
    ],
)
def test_an_earlier_answer_put_right_in_passing_reaches_the_ticket(typed: str) -> None:
    chat = at_contact_name_after("Самара")
    chat.say(typed)
    assert t("facts.corrected", label="Город", value="Тольятти") in chat.text()
    assert chat.state.field == "contact_name"  # the question asked is still open, not refused as a name
    assert t("invalid.name") not in chat.text()
    walk_to_summary(chat)
    chat.press("sum:send")
    assert ticket_items(chat)["city"] == "Тольятти"


def test_an_organisation_put_right_without_its_legal_form_is_put_right() -> None:
    """«ой, организация не Ромашка, а Лютик» at the city question was kept as the city, and the name refused next."""
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say(VALID_ANSWERS["contact"])
    chat.say("ООО Ромашка")
    chat.say("ой, организация не Ромашка, а Лютик")
    assert chat.state.answers["organization"] == "ООО Лютик" and "city" not in chat.state.answers
    assert chat.state.field == "city"


@pytest.mark.parametrize("typed", ["Иванов Пётр Сергеевич, +7 916 123-45-67", "Иванов Пётр +79161234567"])
def test_a_name_beside_the_phone_is_the_contact_s_name(typed: str) -> None:
    """The phone was kept and the name dropped, then asked for again."""
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say(typed)
    assert chat.state.answers["contact"] == "+79161234567"
    assert chat.state.answers["contact_name"] == typed.split(",")[0].removesuffix(" +79161234567")
    assert t("facts.noted", facts=chat.state.answers["contact_name"]) in chat.text()
    walk_to_summary(chat)
    assert chat.state.stage == "summary"


@pytest.mark.parametrize(
    ("key", "typed", "kept"),
    [
        ("city", "ладно, Пермь", "Пермь"),
        ("contact_name", "я Смирнова", "Смирнова"),
        ("organization", "ну, ООО Ромашка", "ООО Ромашка"),
    ],
)
def test_the_word_an_answer_is_given_with_is_no_part_of_it(key: str, typed: str, kept: str) -> None:
    """They were kept whole: «Город: ладно, Пермь», «Контактное лицо: я Смирнова»."""
    chat = at_field("problem", key, "partial")
    chat.say(typed)
    assert chat.state.answers[key] == kept


@pytest.mark.parametrize("key", ["organization", "steps"])
def test_skip_typed_at_a_question_that_cannot_be_skipped_is_no_answer(key: str) -> None:
    """«пропусти» was kept as the organisation, and as the steps."""
    chat = at_field("problem", key, "partial")
    chat.say("пропусти")
    assert key not in chat.state.answers and chat.state.field == key
    assert chat.text().startswith(t("intake.not_optional").split("{")[0])


def test_the_product_put_right_at_a_later_question_is_put_right() -> None:
    """«ой, у нас бастион-2, а не 3» at the organisation question was kept as the organisation."""
    chat = at_field("problem", "organization", "partial")
    chat.state.answers["product_name"] = "Бастион-3"
    chat.say("ой, у нас бастион-2, а не 3")
    assert chat.state.answers["product_name"] == "Бастион-2" and "organization" not in chat.state.answers
    assert chat.state.field == "organization"


def test_a_name_given_in_full_later_completes_the_name_kept() -> None:
    """«Иванов», then «Иванов Сергей» at the product question: the product was «Иванов Сергей»."""
    chat = at_field("problem", "product_name", "partial")
    chat.state.answers["contact_name"] = "Иванов"
    chat.say("Иванов Сергей")
    assert chat.state.answers["contact_name"] == "Иванов Сергей" and "product_name" not in chat.state.answers


@pytest.mark.parametrize(
    ("key", "typed"), [("contact_name", "Петров Иван, +7 927 000-00-01"), ("city", "Королёв, ул. Гагарина 5")]
)
def test_digits_after_an_answer_are_no_version_of_the_next_question(key: str, typed: str) -> None:
    """«Записал: версия +7 927 000-00-01», «…версия ул. Гагарина 5»: any part with a digit passed for the version asked
    later, and the version question was skipped."""
    chat = at_field("problem", key, "partial")
    chat.state.answers.update(
        {"product_name": "Бастион-3"} | ({} if key == "contact_name" else {"contact_name": "Петров Иван"})
    )
    chat.say(typed)
    assert "product_version" not in chat.state.answers


def test_a_version_put_right_at_a_later_question_is_put_right() -> None:
    """«версия на самом деле 3.1.15.100» at the system's question was refused as no system; «программа на самом деле
    вылетает» names no new product."""
    chat = at_field("problem", "os", "partial")
    chat.say("версия на самом деле 3.1.15.100")
    assert chat.state.answers["product_version"] == "3.1.15.100" and chat.state.field == "os"
    chat = at_field("problem", "contact_name", "partial")
    chat.state.answers["product_name"] = "Бастион-3"
    chat.say("программа на самом деле вылетает при открытии журнала")
    assert chat.state.answers["product_name"] == "Бастион-3"


def test_a_bare_version_given_early_is_kept_once_the_product_is_known() -> None:
    """«3.1.14, стоит на Windows 10 64 бит» at the name question kept the system and lost the version."""
    chat = at_field("problem", "contact_name", "partial")
    chat.state.answers["product_name"] = "Бастион-3"
    chat.say("3.1.14, стоит на Windows 10 64 бит")
    assert chat.state.answers["product_version"] == "3.1.14" and chat.state.answers["os"] == "Windows 10 64-бит"
    assert chat.state.field == "contact_name"


def test_a_phone_put_right_is_read_as_a_phone() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say("8 927 111-22-33")
    chat.say("не 89271112233, а 8 927 111-22-34")
    assert chat.state.answers["contact"] == "+79271112234" and chat.state.field == "organization"
    assert "organization" not in chat.state.answers


def test_words_naming_no_earlier_answer_are_the_answer_to_the_question() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    for _ in range(10):
        if chat.state.field == "description":
            break
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    chat.say("не отчёт, а журнал событий не открывается")
    assert chat.state.answers["description"] == "не отчёт, а журнал событий не открывается"


def test_a_correction_after_a_critical_ticket_opened_is_added_to_it() -> None:
    chat = EngineChat()
    reach_ticket(chat, "Вся СКУД легла", criticality="stopped", city="Самара")
    chat.say("не Самара, а Тольятти")
    assert ticket_items(chat)["city"] == "Тольятти"


# --- the client wants out, or wants a person
@pytest.mark.parametrize("typed", ["стоп", "Хватит!", "передумал"])
def test_stop_words_ask_before_the_draft_is_dropped_and_are_no_answer(typed: str) -> None:
    chat = EngineChat()
    start_ticket(chat, "problem")
    chat.say(VALID_ANSWERS["contact"])
    chat.say(typed)
    assert chat.text() == t("draft.confirm_cancel")
    assert "organization" not in chat.state.answers
    chat.say("да")
    assert chat.state.stage == "idle" and not chat.state.answers


def test_stop_words_at_an_open_ticket_reach_its_engineers() -> None:
    chat = EngineChat()
    reach_ticket(chat, "Журнал не открывается, ошибка")
    chat.say("Хватит!")
    assert chat.last is not None and ClientWroteOnTicket("2026-00001", "Хватит!") in chat.last.events


def test_stop_words_in_the_questions_after_a_critical_ticket_end_them() -> None:
    chat = EngineChat()
    reach_ticket(chat, "Вся СКУД легла", criticality="stopped")
    chat.say("стоп")
    assert chat.state.stage == "ticket_open" and t("followup.stopped", number="2026-00001") in chat.text()


@pytest.mark.parametrize(
    "typed", ["позовите оператора", "Можно с живым человеком поговорить?", "соедините со специалистом"]
)
def test_a_person_asked_for_in_the_intake_hears_who_answers_and_the_phone(typed: str) -> None:
    chat = EngineChat()
    start_ticket(chat, "problem")
    chat.say(typed)
    assert chat.last is not None
    first, then = chat.last.replies
    assert first.text == t("person.asked") and HOTLINE in first.text
    assert then.text.startswith(t("field.contact.prompt")) and chat.state.field == "contact"


def test_a_person_asked_for_at_the_menu_is_no_faq_miss_and_leads_to_a_ticket() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("позовите человека")
    assert t("person.asked") in chat.text() and chat.state.stage == "consent"
    assert not [e for e in chat.events if isinstance(e, QuestionUnanswered)]


def test_a_long_message_mentioning_an_operator_is_no_call_for_one() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("после обновления у оператора не работает журнал событий, можно как-то починить без переустановки")
    assert t("person.asked") not in chat.text()


# --- an emoji, a mistyped button label
@pytest.mark.parametrize("typed", ["👍", "🙏🙏", "?!"])
def test_an_emoji_at_the_menu_is_no_faq_miss(typed: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(typed)
    assert chat.text() == t("smalltalk.emoji")
    assert not [e for e in chat.events if isinstance(e, QuestionUnanswered)]


def test_button_labels_typed_with_a_typo_choose_them() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("офорить заявку")
    assert chat.state.stage == "consent"
    chat.press("consent:yes")
    chat.say("проблемма в работе")
    assert chat.state.kind == "problem"
    chat.say("работает частчно")
    assert chat.state.priority == "high" and chat.state.field == "contact"


# --- an operating system whose bitness goes without saying
@pytest.mark.parametrize("typed", ["windows server 2019", "Win Server 2012 R2 Standard", "виндовс сервер 2022"])
def test_a_windows_server_made_in_64_bits_only_needs_no_bitness(typed: str) -> None:
    chat = EngineChat()
    reach_ticket(chat, "Журнал не открывается, ошибка", os=typed)
    assert ticket_items(chat)["os"] == f"{typed} (64-бит)"


def test_an_older_windows_still_needs_its_bitness() -> None:
    chat = EngineChat()
    start_ticket(chat, "problem")
    walked = 0
    while chat.state.field != "os" and walked < 20:
        chat.say(VALID_ANSWERS[chat.state.field or ""])
        walked += 1
    chat.say("Windows Server 2008")
    assert t("invalid.os_bitness") in chat.text()


# --- several contacts in one answer, a kind in the client's word order, a question without «?»
def test_every_phone_of_one_answer_reaches_the_ticket() -> None:
    chat = EngineChat()
    reach_ticket(
        chat, "Журнал не открывается, ошибка", contact="мобильный 8 927 111-22-33 или рабочий 8 (846) 200-10-20"
    )
    assert ticket_items(chat)["contact"] == "+79271112233, +78462001020"


def test_a_phone_and_an_e_mail_and_a_second_phone_are_all_kept() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say("8 927 111 22 33 или 8 (846) 200-10-20, почта Petrov@Mail.ru.")
    assert chat.state.answers["contact"] == "+79271112233, +78462001020, Petrov@mail.ru"


@pytest.mark.parametrize("typed", ["с ключом проблема", "лицензия, ошибка", "по ключу вопрос"])
def test_a_key_named_with_a_general_word_is_a_key_request(typed: str) -> None:
    chat = kind_chat()
    chat.say(typed)
    assert chat.state.kind == "license"


def test_a_question_without_a_question_mark_in_the_intake_is_answered_not_stored() -> None:
    chat = EngineChat()
    start_ticket(chat, "problem")
    chat.say(VALID_ANSWERS["contact"])
    chat.say("а сколько стоит поддержка")
    assert "Техническая поддержка бесплатна." in chat.text()
    assert "organization" not in chat.state.answers and chat.state.field == "organization"


# --- a critical request at night, a file with a caption, the story told at the kind question
def test_a_critical_request_at_night_promises_no_call_before_the_engineers_are_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("tests.fakes.WORKING_MOMENT", datetime(2026, 11, 28, 20, 0, tzinfo=UTC))  # Saturday, 23:00
    chat = critical_request("Добрый вечер, вся СКУД легла")
    back = "в понедельник, 30.11.2026, с 8:00 МСК"
    assert t("ticket.critical_note_off_hours", back=back) in chat.text()
    assert t("ticket.critical_note") not in chat.text()
    answer_until_the_ticket(chat)
    assert t("followup.intro_off_hours") in chat.seen() and t("followup.intro") not in chat.seen()


def critical_request(report: str) -> EngineChat:
    """A new client's critical report, the consent given: at the first question."""
    chat = EngineChat()
    chat.say(report)
    chat.press("consent:yes")
    return chat


def answer_until_the_ticket(chat: EngineChat) -> None:
    while not chat.tickets():
        chat.say(VALID_ANSWERS[chat.state.field or ""])


def test_a_critical_request_in_working_hours_offers_the_line_at_once() -> None:
    chat = EngineChat()
    chat.say("вся СКУД легла")
    chat.press("consent:yes")
    assert t("ticket.critical_note") in chat.text()


def test_a_file_with_a_caption_is_kept_and_the_caption_is_no_wrong_answer() -> None:
    chat = EngineChat()
    start_ticket(chat, "problem")
    chat.say("вот ещё скрин", attachments=(Attachment("image", "f1", "image/png", 1000, "error.png"),))
    assert t("invalid.phone_or_email") not in chat.text() and chat.state.field == "contact"
    assert [a["file_name"] for a in chat.state.attachments] == ["error.png"]
    walk_to_summary(chat)
    chat.press("sum:send")
    assert ticket_items(chat)["screenshots"] == "error.png"


def test_the_story_told_at_the_kind_question_is_the_description_and_its_facts_are_not_asked() -> None:
    chat = kind_chat()
    chat.say("у нас после обновления бастион 3 не видит контроллеры")
    assert chat.state.kind == "problem"
    chat.press("crit:partial")
    asked = walk_to_summary(chat)
    assert "description" not in asked and "product_name" not in asked
    assert chat.state.answers["product_name"] == "Бастион-3"
    assert chat.state.answers["description"] == "у нас после обновления бастион 3 не видит контроллеры"


def test_a_kind_chosen_in_a_few_words_tells_no_story() -> None:
    chat = kind_chat()
    chat.say("есть вопрос по настройке")
    assert chat.state.kind == "consultation"
    assert "description" in walk_to_summary(chat)


def test_a_critical_ticket_opened_a_minute_before_closing_promises_no_call_tonight(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 16:59 «Пока инженер связывается с вами» had the client wait for a call that evening."""
    monkeypatch.setattr("tests.fakes.WORKING_MOMENT", datetime(2027, 1, 15, 13, 59, tzinfo=UTC))  # Friday, 16:59
    chat = critical_request("вся СКУД легла")
    answer_until_the_ticket(chat)
    back = "в понедельник, 18.01.2027, с 8:00 МСК"
    assert t("followup.intro_closing", minutes=1, back=back) in chat.seen()
    assert t("followup.intro") not in chat.seen()
