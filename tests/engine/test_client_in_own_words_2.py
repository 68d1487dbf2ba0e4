"""Issue 14, round 2: whole dialogues played as clients unlike last round's would write them: a returning client who
says what changed, «номер как в телеграме», a polite letter, two answers in one message, a client fed up with the
questions, a question slipped in mid-intake, a voice message, Latin letters, an engineer asked for by name. Each
test is a whole transcript: what the bot says, and what reaches the ticket."""

from __future__ import annotations

import pytest

from core.events import QuestionUnanswered, VerificationRequested
from core.texts import t
from core.walker import NOT_GIVEN
from tests.engine.intake_answers import (
    VALID_ANSWERS,
    at_field,
    at_summary,
    reach_ticket,
    start_ticket,
    ticket_items,
    walk_to_summary,
)
from tests.engine.test_client_in_own_words import HOTLINE
from tests.fakes import EngineChat

ON_FILE = {key: VALID_ANSWERS[key] for key in ("contact", "organization", "city", "contact_name", "product_name")}
ON_FILE["contact"] = "+78465551234"
CONTACT_ITEMS = ("contact", "organization", "city", "contact_name")


def at_the_offer(**chat: object) -> EngineChat:
    """A returning client whose data on file was just offered back («Всё верно?»)."""
    client = EngineChat(consent=True, on_file=dict(ON_FILE), **chat)  # type: ignore[arg-type]
    start_ticket(client, "consultation")
    assert client.state.stage == "returning"
    return client


def sent(chat: EngineChat) -> dict[str, str]:
    """The ticket's items once the client walked on plainly from where the chat is and sent it."""
    walk_to_summary(chat)
    chat.press("sum:send")
    return ticket_items(chat)


# --- 1a. a returning client says what changed
@pytest.mark.parametrize(
    ("typed", "key", "value", "said"),
    [
        ("город поменялся, теперь Тольятти", "city", "Тольятти", "Город — Тольятти"),
        ("телефон сменился, новый 89271112234", "contact", "+79271112234", "Телефон или e-mail — +79271112234"),
        ("всё так, только организация теперь ООО Вектор", "organization", "ООО Вектор", "Организация — ООО Вектор"),
        ("почти, но город Сызрань", "city", "Сызрань", "Город — Сызрань"),
    ],
)
def test_a_change_in_words_at_the_offer_updates_that_item_alone(typed: str, key: str, value: str, said: str) -> None:
    chat = at_the_offer()
    chat.say(typed)
    assert t("returning.updated", changes=said) in chat.text()
    asked = walk_to_summary(chat)
    assert not set(CONTACT_ITEMS) & set(asked)  # nothing asked again
    chat.press("sum:send")
    items = ticket_items(chat)
    assert items[key] == value
    assert all(items[other] == ON_FILE[other] for other in CONTACT_ITEMS if other != key)


def test_an_item_named_as_changed_without_its_value_is_the_one_question() -> None:
    chat = at_the_offer()
    chat.say("телефон тот же, город поменялся")
    assert t("returning.rest_kept") in chat.text() and chat.state.field == "city"
    chat.say("Тольятти")
    assert chat.state.field != "organization"
    assert sent(chat)["city"] == "Тольятти"


def test_a_new_value_refused_says_why_and_asks_that_item() -> None:
    chat = at_the_offer()
    chat.say("телефон поменялся на 123")
    label = t("field.contact.label")
    assert t("returning.refused", label=label, reason=t("invalid.phone_or_email")) in chat.text()
    assert chat.state.field == "contact" and chat.state.answers["city"] == ON_FILE["city"]


def test_a_phone_added_at_the_offer_is_kept_beside_the_one_on_file() -> None:
    chat = at_the_offer()
    chat.say("всё верно, только телефон добавьте рабочий 8 846 200 10 20")
    assert sent(chat)["contact"] == "+78465551234, +78462001020"


def test_a_phone_changed_at_the_offer_is_no_claim_looked_up() -> None:
    chat = at_the_offer()
    assert not chat.state.at_contact_question  # the shell looks a typed contact up only at the contact question
    chat.say("ИЗМЕНИЛСЯ ТЕЛЕФОН 89271112234")
    assert chat.state.answers["contact"] == "+79271112234"
    assert not [event for event in chat.events if isinstance(event, VerificationRequested)]


def test_the_change_button_asks_which_item_and_only_that_one() -> None:
    chat = at_the_offer()
    chat.press("ret:change")
    assert chat.text() == t("returning.what_changed") and chat.state.stage == "returning"
    chat.press("ret:item:city")
    assert chat.state.field == "city"
    chat.say("Тольятти")
    items = sent(chat)
    assert items["city"] == "Тольятти" and items["organization"] == ON_FILE["organization"]


def test_the_change_named_after_the_button_is_taken_in_words() -> None:
    chat = at_the_offer()
    chat.press("ret:change")
    chat.say("город")
    assert chat.state.field == "city" and chat.state.answers["contact"] == ON_FILE["contact"]


def test_a_question_about_the_data_offered_is_answered_not_refused() -> None:
    chat = at_the_offer()
    chat.say("а откуда у вас мои данные?")
    assert chat.text().startswith(t("returning.where_from")) and chat.state.stage == "returning"
    assert t("choice.not_understood") not in chat.text()


# --- 1b. «номер как в телеграме» at the phone question
@pytest.mark.parametrize("typed", ["телефон тот же, что в профиле", "номер как в телеграме"])
def test_the_profiles_number_is_said_to_be_unseen_and_typing_it_is_asked(typed: str) -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    chat.say(typed)
    assert chat.text().startswith(t("contact.profile_unseen"))
    assert t("invalid.phone_or_email") not in chat.text() and chat.state.field == "contact"


def test_where_the_channel_shares_the_number_its_button_is_named() -> None:
    chat = EngineChat(channel="telegram", share_phone=t("telegram.share_contact"))
    start_ticket(chat, "consultation")
    chat.say("номер как в телеграме")
    assert chat.last is not None
    [reply] = chat.last.replies
    assert reply.text.startswith(t("contact.profile_unseen_button", button=t("telegram.share_contact")))
    assert reply.request_phone  # the button itself comes with the question


def test_the_number_the_messenger_vouches_for_is_taken_when_meant() -> None:
    chat = EngineChat(channel="whatsapp")
    start_ticket(chat, "consultation")
    chat.say("номер тот же, с которого пишу", verified_phone="+79271112299")
    assert t("contact.profile_taken", phone="+79271112299") in chat.text()
    assert chat.state.answers["contact"] == "+79271112299"


def test_another_messengers_number_is_not_taken_for_this_ones() -> None:
    chat = EngineChat(channel="whatsapp")
    start_ticket(chat, "consultation")
    chat.say("номер как в телеграме", verified_phone="+79271112299")
    assert "contact" not in chat.state.answers and chat.text().startswith(t("contact.profile_unseen"))


# --- a polite letter: thanks, «меня зовут», emoji around the answer
@pytest.mark.parametrize(
    ("key", "typed", "kept"),
    [
        ("contact_name", "Кузнецова Валентина Петровна, спасибо вам большое за помощь", "Кузнецова Валентина Петровна"),
        ("contact_name", "Меня зовут Иванова Мария Сергеевна", "Иванова Мария Сергеевна"),
        ("contact_name", "иванов иван 🙂", "иванов иван"),
        ("organization", "Организация у нас называется ООО «Ромашка», мы обслуживаем объект", "ООО «Ромашка»"),
        ("organization", "ООО Архив Сервис", "ООО Архив Сервис"),  # an unquoted name was cut to «ООО Архив»
        ("organization", "ООО Вектор-Безопасность г.Сызрань", "ООО Вектор-Безопасность"),
        ("organization", "АО Северные системы безопасности", "АО Северные системы безопасности"),
        ("city", "Самара!!!", "Самара"),
        ("city", "Добрый день! Мы из Тольятти, спасибо", "Тольятти"),
        ("product_version", "версия 3.1.14", "3.1.14"),
    ],
)
def test_a_short_answer_in_a_sentence_reaches_the_ticket_without_the_sentence(key: str, typed: str, kept: str) -> None:
    chat = at_field("consultation", key)
    chat.say(typed)
    assert t("invalid.name") not in chat.text()
    assert sent(chat)[key] == kept


def test_thanks_at_a_question_is_no_answer_to_it() -> None:
    chat = at_field("consultation", "organization")
    chat.say("спасибо")
    assert chat.text().startswith(t("intake.small_talk.thanks").split("\n")[0])
    assert "organization" not in chat.state.answers and chat.state.field == "organization"


# --- two answers in one message
def test_two_answers_in_one_message_answer_two_questions() -> None:
    chat = at_field("consultation", "city")
    chat.say("Самара, Иванов Иван")
    assert chat.state.answers["city"] == "Самара" and chat.state.answers["contact_name"] == "Иванов Иван"
    assert chat.state.field == "product_name"


@pytest.mark.parametrize(
    "typed", ["Бастион-3 версия 3.1.14, Windows 10 64 бит", "Бастион-3 3.1.14, ОС Windows 7 32 бит"]
)
def test_a_part_naming_the_system_is_no_version(typed: str) -> None:
    """The part after the comma was taken as the next question's answer: «Версия продукта: Windows 10 64 бит», the
    real version lost and the system asked again."""
    chat = at_field("problem", "product_name", "partial")
    chat.say(typed)
    assert chat.state.answers["product_name"] == "Бастион-3" and chat.state.answers["product_version"] == "3.1.14"
    assert chat.state.answers["os"].startswith("Windows") and chat.state.field != "os"


def test_an_answer_with_a_comma_of_its_own_stays_one_answer() -> None:
    chat = at_field("consultation", "city")
    chat.say("Самара, Кировский район")
    assert chat.state.answers["city"] == "Самара, Кировский район" and chat.state.field == "contact_name"


def test_a_fact_in_an_answer_refused_is_kept_for_its_own_question() -> None:
    chat = at_field("consultation", "contact_name")
    chat.say("У нас стоит Бастион-3, версию сейчас не скажу")
    assert t("facts.noted", facts="Бастион-3") in chat.text() and chat.state.field == "contact_name"
    assert "product_name" not in walk_to_summary(chat)


# --- a client fed up with the questions
@pytest.mark.parametrize("typed", ["ДА ВЫ ЗАДОЛБАЛИ С ВОПРОСАМИ, ПРОСТО ПОЧИНИТЕ", "какая разница", "отстаньте"])
def test_a_client_fed_up_hears_why_and_nothing_is_stored(typed: str) -> None:
    chat = at_field("problem", "organization", "partial")
    chat.say(typed)
    assert "organization" not in chat.state.answers and chat.state.field == "organization"
    assert HOTLINE in chat.text() and t("invalid.name") not in chat.text()


def test_a_phone_in_an_angry_message_is_still_the_answer() -> None:
    chat = at_field("problem", "contact", "partial")
    chat.say("ЗАДОЛБАЛИ ВЫ СО СВОИМИ ВОПРОСАМИ, ЗВОНИТЕ МНЕ 89271112233")
    assert chat.state.answers["contact"] == "+79271112233"


def test_a_client_fed_up_after_a_critical_ticket_opened_is_asked_no_more() -> None:
    chat = EngineChat()
    reach_ticket(chat, "Вся СКУД легла", criticality="stopped")
    chat.say("КАКАЯ РАЗНИЦА?! ПРОСТО ПОЧИНИТЕ")
    assert t("followup.stopped", number="2026-00001") in chat.text() and chat.state.stage == "ticket_open"
    assert ticket_items(chat)["contact_name"] == NOT_GIVEN


# --- an answer that is somewhere else: «я уже писал выше», a question slipped in
@pytest.mark.parametrize("typed", ["я уже писал выше", "см. выше", "Я же написал!"])
def test_an_answer_pointing_back_is_not_stored(typed: str) -> None:
    chat = at_field("consultation", "product_name")
    chat.say(typed)
    assert "product_name" not in chat.state.answers and t("intake.not_found_above").split("\n")[0] in chat.text()


def test_a_question_after_a_lead_in_word_is_answered_not_stored() -> None:
    chat = at_field("consultation", "city")
    chat.say("кстати, сколько стоит поддержка")
    assert "Техническая поддержка бесплатна." in chat.text()
    assert "city" not in chat.state.answers and chat.state.field == "city"


@pytest.mark.parametrize("stage", ["kind", "criticality"])
def test_a_question_at_a_choice_is_answered_then_the_choice_asked_again(stage: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("consent:yes")
    if stage == "criticality":
        chat.press("kind:problem")
    chat.say("а сколько стоит поддержка?")
    assert "Техническая поддержка бесплатна." in chat.text() and chat.state.stage == stage
    assert t("choice.not_understood") not in chat.text()


# --- the summary put right in words
def test_an_item_put_right_in_words_at_the_summary_is_changed() -> None:
    chat = at_summary("consultation")
    chat.say("исправьте город на Тольятти")
    assert t("facts.corrected", label="Город", value="Тольятти") in chat.text() and chat.state.stage == "summary"
    chat.press("sum:send")
    assert ticket_items(chat)["city"] == "Тольятти"


def test_an_item_named_at_the_summary_without_its_value_is_asked() -> None:
    chat = at_summary("consultation")
    chat.say("поменяйте город")
    assert chat.state.stage == "field" and chat.state.field == "city"


def test_yes_at_the_summary_in_words_still_sends() -> None:
    chat = at_summary("consultation")
    chat.say("всё правильно, отправляйте")
    assert chat.tickets()


# --- the contact: no phone, an e-mail with spaces, an extension
def test_no_phone_offers_an_e_mail_instead() -> None:
    chat = at_field("consultation", "contact")
    chat.say("не хочу давать свой телефон, пишите на почту")
    assert t("contact.email_instead").split("\n")[0] in chat.text() and t("invalid.phone_or_email") not in chat.text()
    chat.say("ivanov @ mail.ru")
    assert chat.state.answers["contact"] == "ivanov@mail.ru"


def test_a_critical_request_without_a_phone_is_asked_for_an_e_mail_and_told_of_the_line() -> None:
    """«нет телефона» in a critical request was a dead end: only a phone was taken, the e-mail refused."""
    chat = EngineChat()
    chat.say("Вся СКУД легла")
    chat.press("consent:yes")
    chat.say("нет телефона")
    assert t("contact.email_instead").split("\n")[0] in chat.text()
    chat.say("ivanov@mail.ru")
    assert chat.state.answers["contact"] == "ivanov@mail.ru" and t("contact.email_for_critical") in chat.text()
    assert chat.state.field != "contact"


def test_the_e_mail_of_the_first_message_is_taken_when_the_client_will_give_no_phone() -> None:
    chat = EngineChat()
    chat.say("всё стоит, ключ не найден. Леонид Петров, ЧОП Барс, Екб, leonid.petrov@bars-sec.ru")
    chat.press("consent:yes")
    assert chat.state.field == "contact"
    chat.say("телефона не дам, пишите на почту я же указал")
    assert chat.state.answers["contact"] == "leonid.petrov@bars-sec.ru"
    assert t("contact.email_taken", email="leonid.petrov@bars-sec.ru") in chat.text()


def test_a_phones_extension_reaches_the_ticket() -> None:
    chat = EngineChat()
    reach_ticket(chat, "Журнал не открывается, ошибка", contact="8 846 200-10-20 доб. 123")
    assert ticket_items(chat)["contact"] == "+78462001020 доб. 123"


# --- a voice message, a bare «да», an engineer by name, Latin letters
def test_a_voice_message_at_a_choice_is_said_to_be_unreadable() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.say(None, unsupported="voice")
    voice = t("unsupported.voice")
    assert t("intake.unsupported", what=voice, prompt="").strip() in chat.text()
    chat.press("consent:yes")
    chat.say(None, unsupported="voice")
    assert voice in chat.text() and t("choice.not_understood") not in chat.text()


def test_a_voice_message_at_the_menu_is_not_passed_over() -> None:
    chat = first_words("Здравствуйте")
    chat.say(None, unsupported="voice")
    assert t("unsupported.voice") in chat.text()


def first_words(*typed: str) -> EngineChat:
    """A new client's first messages, before anything is asked."""
    chat = EngineChat()
    for message in typed:
        chat.say(message)
    return chat


def faq_missed(chat: EngineChat) -> bool:
    """The FAQ was asked and had no answer: the message is counted as a question to add to it."""
    return any(isinstance(event, QuestionUnanswered) for event in chat.events)


@pytest.mark.parametrize("typed", ["да", "нет", "Да."])
def test_a_bare_yes_at_the_menu_is_no_faq_miss(typed: str) -> None:
    chat = first_words("Здравствуйте", typed)
    assert chat.text() == t("smalltalk.ack") and not faq_missed(chat)


@pytest.mark.parametrize("typed", ["Здравствуйте, можно Сергея Викторовича?", "соедините с Андреем пожалуйста"])
def test_an_engineer_asked_for_by_name_hears_who_answers(typed: str) -> None:
    chat = first_words(typed)
    assert t("person.named") in chat.text() and chat.state.stage == "consent" and not faq_missed(chat)


def test_a_greeting_in_latin_letters_is_a_greeting() -> None:
    chat = first_words("zdravstvuyte")
    assert chat.text().startswith(t("menu.greeting")) and not faq_missed(chat)


def test_a_report_in_latin_letters_starts_a_ticket_and_keeps_the_words_as_typed() -> None:
    chat = first_words("Здравствуйте", "ne rabotaet klyuch")
    assert t("report.taken") in chat.text()
    chat.press("consent:yes")
    chat.press("crit:partial")
    assert chat.state.answers["description"] == "ne rabotaet klyuch"


def test_english_and_product_names_are_not_read_as_latin_russian() -> None:
    chat = first_words("Здравствуйте", "HASP error 7 key not found")
    assert t("report.taken") not in chat.text()
