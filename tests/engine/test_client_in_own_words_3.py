"""Issue 14, round 3: whole dialogues of clients who answer in their own words where the bot expected a button, a
number or one item: «да, контроллер Сфинкс-2» at the device question, the environment items in free text, a new
surname alone, a phone typed at the organisation question, an urgent wish, terse reports. Each test is a whole
transcript: what the bot says, and what reaches the ticket."""

from __future__ import annotations

import pytest

from core.events import VerificationRequested
from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import (
    VALID_ANSWERS,
    answer_form,
    at_field,
    reach_ticket,
    start_ticket,
    ticket_items,
    walk_to_summary,
)
from tests.engine.test_client_in_own_words_2 import ON_FILE
from tests.fakes import EngineChat

NOT_AN_ORGANIZATION = t(
    "invalid.contact_for_name", contact=t("invalid.contact.phone"), expected=t("invalid.name_of.organization")
)
# the device's questions, which the plain answers of tests/engine/intake_answers.py never reach
DEVICE = {"device_firmware": "2.04", "device_modules": "модуль расширения на 8 входов", "device_date": "03.2021"}


def sent(chat: EngineChat) -> dict[str, str]:
    """The ticket's items once the client walked on plainly from where the chat is and sent it."""
    walk_to_summary(chat, **DEVICE)
    chat.press("sum:send")
    return ticket_items(chat)


# --- 1. «да» and the device in one answer
@pytest.mark.parametrize(
    ("typed", "device"),
    [
        ("да, контроллер Сфинкс-2", "контроллер Сфинкс-2"),
        ("да — считыватель на входе", "считыватель на входе"),
        ("Да. Прибор ЕС-Пром «Гамма»", "Прибор ЕС-Пром «Гамма»"),
    ],
)
def test_yes_and_the_device_answer_the_device_questions_at_once(typed: str, device: str) -> None:
    chat = at_field("consultation", "device_involved")
    chat.say(typed)
    assert t("facts.noted", facts=device) in chat.text()
    assert chat.state.answers["device_involved"] == "yes" and chat.state.field == "device_firmware"
    items = sent(chat)
    assert items["device_involved"] == t("field.device_involved.option.yes") and items["device_name"] == device


def test_yes_said_twice_leaves_the_device_to_its_question() -> None:
    chat = at_field("consultation", "device_involved")
    chat.say("да, касается конкретного прибора")
    assert chat.state.answers["device_involved"] == "yes" and chat.state.field == "device_name"
    assert "device_name" not in chat.state.answers


# --- 2. the optional environment items in free text
def at_environment() -> EngineChat:
    """A problem's intake at the one message of the optional environment items."""
    chat = at_field("problem", "os", "partial")
    chat.say(VALID_ANSWERS["os"])
    assert chat.state.stage == "form" and "antivirus" in chat.state.form_keys
    return chat


def test_environment_items_in_free_text_are_read_into_the_items_they_answer() -> None:
    chat = at_environment()
    chat.say("антивирус Касперский, 3 компьютера, сеть локальная")
    assert t("form.unnumbered") not in chat.text()
    taken = "; ".join(
        f"{t(f'field.{key}.label')} — {value}"
        for key, value in (
            ("antivirus", "антивирус Касперский"),
            ("network", "сеть локальная"),
            ("pcs", "3 компьютера"),
        )
    )
    assert t("form.read_in_words", items=taken) in chat.text()
    assert chat.state.stage == "field" and chat.state.field == "device_involved"
    items = sent(chat)
    assert items["antivirus"] == "антивирус Касперский" and items["pcs"] == "3 компьютера"
    assert items["network"] == "сеть локальная"
    assert items["hardware"] == items["subsystems"] == items["connection"] == ""  # skipped, as «Пропустить» does


def test_two_parts_of_one_item_stay_together_and_a_choice_is_read_as_its_option() -> None:
    chat = at_environment()
    chat.say("Core i5, 16 ГБ ОЗУ; подключение через USB")
    assert chat.state.answers["hardware"] == "Core i5, 16 ГБ ОЗУ"
    assert chat.state.answers["connection"] == "подключение через USB"
    assert chat.state.answers["antivirus"] == ""


@pytest.mark.parametrize("typed", ["всё как обычно", "Касперский, а остальное 5 штук"])
def test_free_text_not_plainly_the_items_is_asked_numbered(typed: str) -> None:
    chat = at_environment()
    chat.say(typed)
    assert chat.text().startswith(t("form.unnumbered")) and chat.state.stage == "form"


@pytest.mark.parametrize("typed", ["не знаю я не айтишник", "пропусти", "пропустим это"])
def test_the_environment_items_left_in_words_are_skipped(typed: str) -> None:
    """Each got «Не понял, к каким пунктам относятся ответы» and the six items again: only «Пропустить» went on."""
    chat = at_environment()
    chat.say(typed)
    assert chat.state.stage == "field" and all(chat.state.answers[key] == "" for key in ("antivirus", "pcs"))


def test_an_environment_item_beside_the_system_is_kept_and_not_asked() -> None:
    """«Windows 10 64 бит, антивирус касперский» was all kept as the system, and the antivirus asked again."""
    chat = at_field("problem", "os", "partial")
    chat.say("Windows 10 64 бит, антивирус касперский")
    assert chat.state.answers["os"] == "Windows 10 64 бит" and chat.state.answers["antivirus"] == "антивирус касперский"
    assert chat.state.stage == "form" and "antivirus" not in chat.state.form_keys


def test_the_system_beside_an_environment_item_keeps_its_edition_and_service_pack() -> None:
    """The question asks for «версия / сервис-пак»: «Windows 7 Professional 64 SP1, Kaspersky 10» kept only «Windows 7
    64-бит»."""
    chat = at_field("problem", "os", "partial")
    chat.say("Windows 7 Professional 64 SP1, Kaspersky 10")
    assert (
        chat.state.answers["os"] == "Windows 7 Professional 64 SP1"
        and chat.state.answers["antivirus"] == "Kaspersky 10"
    )


def test_numbers_in_words_answer_the_number_of_computers() -> None:
    """«компов три, сервер и два рабочих места, …» was refused whole: the number of PCs needed digits."""
    chat = at_environment()
    chat.say("компов три, сервер и два рабочих места, контроллеры через преобразователь usb-rs485")
    assert chat.state.answers["pcs"] == "компов три, сервер и два рабочих места"
    assert chat.state.answers["connection"] == "контроллеры через преобразователь usb-rs485"


def test_numbered_items_sent_one_a_message_answer_the_items_skipped() -> None:
    """«1. нет антивируса», then «2. i3 4гб»: the first moved on (the rest skipped), and the second was refused as the
    answer to the next question, so the hardware never reached the ticket."""
    chat = at_environment()
    chat.say("1. нет антивируса")
    question = chat.state.field
    chat.say("2. i3 4гб")
    assert chat.text().startswith(t("form.read_in_words", items=f"{t('field.hardware.label')} — i3 4гб"))
    assert chat.state.field == question and question not in chat.state.answers  # asked again, not answered
    chat.say("2. Core i5")  # an item answered already is not changed this way
    assert chat.state.answers["hardware"] == "i3 4гб"
    items = sent(chat)
    assert items["antivirus"] == "нет антивируса" and items["hardware"] == "i3 4гб"


@pytest.mark.parametrize(
    "typed",
    [
        "антивирус касперский, остальное не знаю",
        "Касперский, а остальное не знаю",
        "Касперский. По остальным пунктам не в курсе",
        "касперский, больше ничего",
        "касперский, остальное пропустим",
    ],
)
def test_the_rest_left_unknown_is_skipped_and_the_answer_kept(typed: str) -> None:
    chat = at_environment()
    chat.say(typed)
    assert t("form.unnumbered") not in chat.text() and t("form.rest_skipped") in chat.text()
    assert chat.state.stage == "field" and chat.state.field == "device_involved"
    items = sent(chat)
    assert "асперский" in items["antivirus"] and "остальн" not in items["antivirus"]
    assert items["hardware"] == items["network"] == items["pcs"] == ""
    assert "antivirus" not in chat.state.answers


@pytest.mark.parametrize("typed", ["не знаю", "Не знаю!", "понятия не имею", "хз"])
def test_not_knowing_the_environment_skips_it_as_the_skip_button_does(typed: str) -> None:
    """«не знаю» used to be met with «поставьте номер пункта»: a client who does not know answers no item."""
    chat = at_environment()
    chat.say(typed)
    assert t("form.unnumbered") not in chat.text()
    assert chat.state.stage == "field" and chat.state.field == "device_involved"
    items = sent(chat)
    assert items["antivirus"] == items["hardware"] == items["network"] == items["pcs"] == ""


# --- 3. a returning client's new surname
def at_the_offer_of(name: str) -> EngineChat:
    client = EngineChat(consent=True, on_file={**ON_FILE, "contact_name": name})
    start_ticket(client, "consultation")
    assert client.state.stage == "returning"
    return client


# what the client typed, the name on file, the name after it
NEW_SURNAMES = [
    ("поменялась только фамилия, теперь Соколова", "Смирнова Анна", "Соколова Анна"),
    ("фамилия теперь Соколова", "Анна Смирнова", "Анна Соколова"),
    ("фамилия поменялась на Соколова", "Смирнова Анна Петровна", "Соколова Анна Петровна"),
]


@pytest.mark.parametrize(("typed", "on_file", "now"), NEW_SURNAMES)
def test_a_new_surname_keeps_the_first_name_and_patronymic(typed: str, on_file: str, now: str) -> None:
    chat = at_the_offer_of(on_file)
    chat.say(typed)
    assert t("returning.updated", changes=f"{t('field.contact_name.label')} — {now}") in chat.text()
    assert sent(chat)["contact_name"] == now


def test_the_whole_name_named_is_the_whole_name_changed() -> None:
    chat = at_the_offer_of("Смирнова Анна")
    chat.say("фамилия и имя теперь Соколова Мария")
    assert sent(chat)["contact_name"] == "Соколова Мария"


# --- 4. a phone or an e-mail typed at a question of names
@pytest.mark.parametrize(
    ("typed", "added"),
    [
        ("+7 846 200-10-20", "+78462001020"),
        ("89171234567", "+79171234567"),
        ("тел. 8 (917) 123-45-67", "+79171234567"),
        ("наш адрес почты test@romashka.ru", "test@romashka.ru"),
        ("и ещё мобильный: 8 917 123-45-67", "+79171234567"),
    ],
)
def test_a_new_contact_at_the_organisation_question_joins_the_contact(typed: str, added: str) -> None:
    """«наш адрес почты test@romashka.ru» at «Как называется ваша организация?» used to be kept as the organisation."""
    chat = at_field("consultation", "organization")
    chat.say(typed)
    assert chat.text().startswith(t("contact.added", contact=added, prompt=""))
    assert t("intake.example", example=t("field.organization.example")) in chat.text()
    assert "organization" not in chat.state.answers and chat.state.field == "organization"
    chat.say("ООО «Вектор»")
    items = sent(chat)
    assert items["organization"] == "ООО «Вектор»" and items["contact"] == f"+78465551234, {added}"


@pytest.mark.parametrize("key", ["contact_name", "organization", "city"])
def test_the_contact_given_again_where_a_name_is_asked_is_no_name(key: str) -> None:
    chat = at_field("consultation", key)
    chat.say("+7 846 555-12-34")
    refused = t("invalid.contact_for_name", contact=t("invalid.contact.phone"), expected=t(f"invalid.name_of.{key}"))
    assert refused in chat.text()
    assert key not in chat.state.answers and chat.state.answers["contact"] == "+78465551234"


def test_a_name_with_a_phone_is_the_name_not_a_contact() -> None:
    chat = at_field("consultation", "contact_name")
    chat.say("Иванов Пётр 89171234567")
    assert t("contact.added", contact="+79171234567", prompt="").strip() not in chat.text()
    assert chat.state.answers["contact"] == "+78465551234"


@pytest.mark.parametrize("key", ["organization", "city", "contact_name"])
def test_more_of_the_trouble_at_a_question_of_names_joins_the_description(faq: FaqIndex, key: str) -> None:
    """«турникеты и контроллеры не отвечают…» at «Как называется ваша организация?» used to be kept as the
    organisation; and at the name question it was refused as «укажите фамилию и имя буквами» and lost."""
    chat = at_field("problem", key, faq=faq.search)
    more = "турникеты и контроллеры не отвечают, сервер оборудования не видит ничего"
    chat.say(more)
    assert chat.text().startswith(t("facts.noted", facts="Сервер оборудования"))
    assert t("intake.added_to_description", prompt="").strip() in chat.text()
    assert key not in chat.state.answers and chat.state.field == key
    chat.say(VALID_ANSWERS[key])
    items = sent(chat)
    assert items["description"] == more and items[key] == VALID_ANSWERS[key]  # and the description not asked again


def test_more_of_the_trouble_after_the_first_message_is_added_to_it(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say("вся скуд легла, никого не пускает! срочно")
    chat.press("consent:yes")
    chat.say("+7 927 700 11 22")
    assert chat.state.field == "organization"
    chat.say("турникеты и контроллеры не отвечают")
    assert (
        chat.state.answers["description"]
        == "вся скуд легла, никого не пускает! срочно\nтурникеты и контроллеры не отвечают"
    )
    assert "organization" not in chat.state.answers and chat.state.field == "organization"


def test_a_short_name_with_a_word_of_trouble_is_still_a_name(faq: FaqIndex) -> None:
    chat = at_field("problem", "organization", faq=faq.search)
    chat.say("ООО «Ошибка»")
    assert chat.state.answers["organization"] == "ООО «Ошибка»"


def test_a_product_named_at_the_version_question_is_the_product_and_the_version_is_asked_again() -> None:
    """«Бастион-3» at «Полная версия продукта?» used to be kept as the version (its «3» passed for one)."""
    chat = at_field("consultation", "product_version")
    chat.say("Бастион-2")
    assert chat.text().startswith(t("intake.product_noted", product="Бастион-2", prompt=""))
    assert chat.state.field == "product_version" and "product_version" not in chat.state.answers
    chat.say("2.1.5")
    items = sent(chat)
    assert items["product_name"] == "Бастион-2" and items["product_version"] == "2.1.5"


def test_the_same_product_at_the_version_question_is_no_version() -> None:
    chat = at_field("consultation", "product_version")  # the product given: «АПК «Бастион-3»»
    chat.say("бастион 3")
    assert t("invalid.product_for_version") in chat.text() and chat.state.field == "product_version"
    assert chat.state.answers["product_name"] == VALID_ANSWERS["product_name"]


def test_the_family_named_in_passing_at_the_version_question_keeps_the_product() -> None:
    """«…из бастиона» at the version question replaced «Бастион-3» with «Бастион»."""
    chat = at_field("consultation", "product_version")  # the product given: «АПК «Бастион-3»»
    chat.say("нам нужно удалить персональные данные уволенных сотрудников из бастиона")
    assert chat.state.answers["product_name"] == VALID_ANSWERS["product_name"]
    assert not chat.text().startswith(t("intake.product_noted", product="Бастион", prompt=""))


def test_a_phone_written_as_the_organisation_in_a_letter_is_the_missing_phone_and_no_claim() -> None:
    chat = EngineChat(by_letter=True)
    start_ticket(chat, "consultation")
    assert chat.state.stage == "form"
    chat.say(answer_form(chat, contact="", organization="8 917 123-45-67"))
    assert chat.state.answers["contact"] == "+79171234567" and "organization" not in chat.state.answers
    assert t("intake.phone_taken", phone="+79171234567") in chat.text()
    assert NOT_AN_ORGANIZATION in chat.text() and chat.state.form_keys == ["organization"]
    assert not [event for event in chat.events if isinstance(event, VerificationRequested)]
    chat.say("ООО «Вектор»")
    items = sent(chat)
    assert items["organization"] == "ООО «Вектор»" and items["contact"] == "+79171234567"


# --- 5. «срочно» in a wish, and an outage
@pytest.mark.parametrize(
    "typed", ["Срочно! Нужна выгрузка в Excel", "срочно нужна функция выгрузки отчётов", "Срочно нужна функция печати"]
)
def test_an_urgent_wish_is_a_wish_not_a_critical_request(faq: FaqIndex, typed: str) -> None:
    chat = EngineChat(faq=faq.search)
    reach_ticket(chat, typed)
    critical = next(entry for entry in faq.entries if entry.id == "critical-request")
    assert critical.answer not in chat.seen() and t("wish.taken") in chat.seen()
    [ticket] = chat.tickets()
    assert ticket.kind == "wish" and ticket.priority == "low" and ticket.fields["description"] == typed


@pytest.mark.parametrize(
    "typed",
    [
        "хотим чтобы в отчетах была колонка с табельным номером",
        "Хотелось бы, чтобы программа умела печатать пропуска",
        "нужно, чтобы в журнале отображалась фамилия охранника",
        "добрый день, хотелось бы чтобы в отчете по проходам была колонка с подразделением",  # four words before «была»
        "было бы круто если в отчетах появился фильтр по отделам",  # a wish in the conditional: no word of need
        "хорошо бы добавить фильтр по отделам в отчёты",
        "было бы удобно, если бы программа умела выгружать журнал в pdf",
        "напишите нам программу для учета рабочего времени",  # got «Каждая принятая заявка фиксируется…»
        "сделайте отчет по опозданиям",
        "хотелось бы отчёт по опозданиям в бастионе",
    ],
)
def test_what_the_product_should_show_or_do_is_a_wish(faq: FaqIndex, typed: str) -> None:
    """«хотим, чтобы … была колонка» names no function word, and used to get «не нашёл готового ответа»."""
    chat = EngineChat(faq=faq.search)
    chat.say(typed)
    assert t("wish.taken") in chat.seen() and chat.state.kind == "wish"


@pytest.mark.parametrize(
    "typed",
    [
        "нужно сделать выгрузку событий за месяц",
        "Срочно нужно настроить экспорт",
        "хочу чтобы камера снова показывала",
        "было бы хорошо, если бы камеры снова показывали",
        "было бы неплохо, если бы вы ответили быстрее",
        "как сделать, чтобы была колонка с табельным номером?",
        "сделайте скриншот ошибки",
        "хотим ключ на 10 мест",
    ],
)
def test_something_to_do_with_what_there_is_is_no_wish(faq: FaqIndex, typed: str) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say(typed)
    assert t("wish.taken") not in chat.seen() and chat.state.kind != "wish"


def test_the_faq_answers_an_urgent_wish_without_the_critical_request_entry(faq: FaqIndex) -> None:
    for typed in ("Срочно! Нужна выгрузка в Excel", "срочно нужна функция выгрузки отчётов"):
        answer = faq.search(typed)
        assert not (answer.answered and answer.results[0].id == "critical-request"), typed


def test_an_urgent_outage_stays_critical(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    reach_ticket(chat, "срочно, всё легло, СКУД не работает")
    assert t("report.taken") in chat.seen()
    [ticket] = chat.tickets()
    assert ticket.kind == "problem" and ticket.priority == "critical"


# --- terse reports start the intake
@pytest.mark.parametrize(
    "typed", ["бастион пишет ключ не найден", "АРМ висит на заставке", "Бастион пишет: ключ не найден"]
)
def test_a_terse_report_starts_the_intake(faq: FaqIndex, typed: str) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say(typed)
    assert t("report.taken") in chat.text() and chat.state.kind == "problem" and chat.state.stage == "consent"
    assert t("faq.not_found") not in chat.text()


@pytest.mark.parametrize(
    "typed",
    [
        "Бастион-3 версия 3.1.14, Windows Server 2019. Не открываются двери по картам.",
        "ООО Щит, Пермь. Бастион-3 3.1.14, Windows Server 2012 R2 Standard. Не запускается.",
    ],
)
def test_our_product_on_a_windows_server_is_ours_to_fix(faq: FaqIndex, typed: str) -> None:
    """The sentence «Windows Server 2019.» alone is someone else's product: the whole report got the refusal of
    third-party software, and «Согласен» after it got «не нашёл готового ответа»."""
    chat = EngineChat(faq=faq.search)
    chat.say(typed)
    third_party = next(entry for entry in faq.entries if entry.id == "no-third-party")
    assert t("report.taken") in chat.seen() and third_party.answer not in chat.seen()
    chat.say("Согласен")
    chat.press("crit:partial")
    assert chat.state.kind == "problem" and chat.state.answers["description"] == typed


# --- an earlier answer put right by its name
@pytest.mark.parametrize(
    ("key", "typed", "item", "value"),
    [
        ("city", "ой, телефон не тот, правильный 89990001122", "contact", "+79990001122"),
        ("os", "ой, не то, версия 3.1.14", "product_version", "3.1.14"),
        ("os", "ой, версия не та, 3.1.15", "product_version", "3.1.15"),
    ],
)
def test_an_earlier_answer_said_wrong_at_another_question_is_put_right(
    key: str, typed: str, item: str, value: str
) -> None:
    """«Город: ой, телефон не тот, правильный 89990001122», the phone left wrong; «ой, не то, версия 3.1.14» at the
    system question was refused as no system."""
    chat = at_field("problem", key, "partial")
    chat.say(typed)
    assert chat.state.answers[item] == value and key not in chat.state.answers and chat.state.field == key


def test_an_item_said_wrong_at_the_summary_keeps_only_its_new_value() -> None:
    """«ой, версия не та, 3.1.14» at the summary stored «Версия продукта: не та, 3.1.14»."""
    chat = at_field("problem", "product_version", "partial")
    walk_to_summary(chat)
    chat.say("ой, версия не та, 3.1.15")
    chat.press("sum:send")
    assert ticket_items(chat)["product_version"] == "3.1.15"


def test_a_story_saying_the_program_shows_the_wrong_thing_is_no_correction() -> None:
    chat = at_field("problem", "product_version", "partial")
    chat.say("программа показывает не то время в журнале")
    assert chat.state.answers["product_name"] == VALID_ANSWERS["product_name"]


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        (
            "У нас Бастион-2 версия 1.7.3, Windows 7 SP1 32 бит, ключ HASP (номер на ключе 0459-123). "
            "Не формируется отчёт по проходам.",
            "problem",
        ),
        ("у нас Бастион-3, ключ HASP. После обновления программа не видит ключ.", "license"),
        ("Перенесли Бастион-3 на новый сервер, ключ HASP переставили, теперь не подключаются контроллеры", "problem"),
        ("Бастион-3: ключ Guardant на месте, лицензии есть, но не пишется видео", "problem"),
        ("ключ HASP не определяется", "license"),
    ],
)
def test_a_key_named_among_the_facts_of_another_trouble_is_no_licence_request(
    faq: FaqIndex, typed: str, kind: str
) -> None:
    """A report that is not built, with the key among its facts, became a «Ключ защиты» request: its expected
    result, steps and network were never asked."""
    chat = EngineChat(faq=faq.search)
    chat.say(typed)
    chat.say("Согласен")
    assert chat.state.kind == kind


@pytest.mark.parametrize(
    ("first", "name"),
    [
        ("не запускается бастион-3, меня зовут Сергей Петров", "Сергей Петров"),
        ("Бастион-3 не открывает журнал. Контактное лицо: Иванов Иван", "Иванов Иван"),
        ("Я Иванова Мария Петровна, у нас бастион-3 зависает", "Иванова Мария Петровна"),
    ],
)
def test_the_name_given_in_the_first_message_is_kept_and_not_asked(faq: FaqIndex, first: str, name: str) -> None:
    """The name the client gave as theirs was asked again with only the profile's name offered."""
    chat = EngineChat(faq=faq.search, profile_name="petr")
    chat.say(first)
    chat.say("Согласен")
    chat.press("crit:partial")
    assert chat.state.answers["contact_name"] == name and name in chat.text()  # said back: «Записал: …»
    walk_to_summary(chat)
    assert chat.state.answers["contact_name"] == name


@pytest.mark.parametrize("key", ["product_version", "contact"])
def test_more_of_the_trouble_refused_at_a_question_joins_the_description(faq: FaqIndex, key: str) -> None:
    """«кстати программа вылетает, когда строю отчёт» at the version question got «в версии должны быть цифры», and
    the crash was lost."""
    chat = at_field("consultation", key, faq=faq.search)
    chat.say("кстати программа вылетает когда строю отчёт")
    assert chat.text().startswith(t("intake.added_to_description", prompt="").strip())
    assert "вылетает" in chat.state.answers["description"] and chat.state.field == key


def test_a_system_named_whose_bitness_is_not_known_is_kept() -> None:
    """«Windows 10», then «не знаю» at the bitness: the ticket said «Операционная система: не знает»."""
    chat = at_field("problem", "os", "partial")
    chat.say("Windows 10")
    chat.say("не знаю")
    assert chat.state.answers["os"].startswith("Windows 10")


def test_a_product_with_more_of_the_trouble_answers_the_product_question(faq: FaqIndex) -> None:
    """«Бастион-3, не открываются двери»: «Записал: Бастион-3», and the product was asked again."""
    chat = at_field("problem", "product_name", "partial", faq=faq.search)
    chat.say("Бастион-3, не открываются двери")
    assert chat.state.answers["product_name"] == "Бастион-3" and chat.state.field == "product_version"
    assert "не открываются двери" in chat.state.answers["description"]


def test_put_this_item_right_at_another_question() -> None:
    """«исправьте телефон на 89175554433» at the version question was kept as the version."""
    chat = at_field("problem", "product_version", "partial")
    chat.say("исправьте телефон на 89175554433")
    assert chat.state.answers["contact"] == "+79175554433" and "product_version" not in chat.state.answers


def test_added_to_the_description_at_the_summary_keeps_what_was_there() -> None:
    """«добавьте в описание: …» replaced the description."""
    chat = at_field("problem", "contact", "partial")
    walk_to_summary(chat)
    before = chat.state.answers["description"]
    chat.say("добавьте в описание: с утра после перезагрузки сервера")
    assert chat.state.answers["description"] == f"{before}\nс утра после перезагрузки сервера"
