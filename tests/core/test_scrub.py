"""One person's values cut out of free text: their names, phones and e-mails, and nothing that names no one."""

from __future__ import annotations

from core.scrub import REDACTED, Scrubber, without_person


def test_the_legal_form_of_the_persons_organisation_is_not_cut_everywhere() -> None:
    """«ООО» of «ООО «Зенит»» was a name token: the consent text the client saw lost «ООО» of «ООО «ТвинПро»»."""
    scrub = Scrubber(phones=["+78465551234"], emails=[], names=["ООО «Зенит-Безопасность»", "Смирнова Анна"])
    text = "вы даёте ООО «ТвинПро» согласие; Смирнова из ООО «Зенит-Безопасность» звонить на 8 846 555-12-34"
    assert scrub.text(text) == f"вы даёте ООО «ТвинПро» согласие; {REDACTED} из {REDACTED} звонить на {REDACTED}"


def test_an_organisation_is_cut_whole_and_its_everyday_words_stay_in_the_technical_text() -> None:
    """«ООО Архив Сервис» was cut word by word: the description «не пишется архив» lost «архив» after a withdrawal."""
    scrub = Scrubber(phones=[], emails=[], names=[], organizations=["ООО Архив Сервис"])
    assert scrub.text("Не пишется архив в Бастион-3, архив пустой") == "Не пишется архив в Бастион-3, архив пустой"
    assert scrub.text("ООО Архив Сервис просит, «Архив Сервис» ждёт") == f"{REDACTED} просит, «{REDACTED}» ждёт"


def test_a_stand_in_for_an_answer_is_no_one_s_name() -> None:
    """«уточняется у клиента» in the organisation of a critical ticket cut every field that said it."""
    pending = "уточняется у клиента"
    scrub = Scrubber(phones=[], emails=[], names=[pending], organizations=[pending], not_names=[pending])
    assert scrub.text(f"версия: {pending}") == f"версия: {pending}"


def test_a_name_is_cut_in_any_case_and_no_longer_word_that_begins_like_it() -> None:
    scrub = Scrubber(phones=[], emails=[], names=["Смирнова Ольга", "Анна Петрова", "Кузнецов Дмитрий"])
    text = "звонила Смирновой Ольге, Анне Петровой и Дмитрию Кузнецову; аннулируйте заявку"
    assert (
        scrub.text(text)
        == f"звонила {REDACTED} {REDACTED}, {REDACTED} {REDACTED} и {REDACTED} {REDACTED}; аннулируйте заявку"
    )


def test_other_forms_of_the_person_s_name_and_one_word_organisation_are_cut() -> None:
    """After a withdrawal «Спросите Петра Иванова» kept «Петра» (typed with «е» for «Пётр»), and «из Ромашки» kept the
    organisation «ООО Ромашка» in another case; the everyday word «ромашки» in lower case is no one's."""
    scrub = Scrubber(phones=[], emails=[], names=["Иванов Пётр"], organizations=["ООО Ромашка"])
    text = "Это снова Иванов Пётр из Ромашки. Спросите Петра Иванова; на проходной ромашки"
    assert (
        scrub.text(text) == f"Это снова {REDACTED} из {REDACTED}. Спросите {REDACTED} {REDACTED}; на проходной ромашки"
    )


def test_an_address_or_handle_with_the_surname_in_it_goes_whole_and_the_name_in_latin_letters_too() -> None:
    """After a withdrawal «grigory.[удалено]@yandex.ru», «@grisha_[удалено]» and «Grigory [удалено]» were left."""
    scrub = Scrubber(phones=[], emails=[], names=["Лапин Григорий"])
    text = "пишите grigory.lapin@yandex.ru, в телеге я @grisha_lapin; Grigory Lapin указан в лицензии"
    assert scrub.text(text) == f"пишите [email], в телеге я {REDACTED}; {REDACTED} {REDACTED} указан в лицензии"


def test_names_and_organisations_typed_but_never_on_file_are_cut_and_products_stay() -> None:
    scrub = Scrubber(phones=[], emails=[], names=[])
    text = "Я Зайцев Олег, ИП Сомова просила; не работает Орион, антивирус Касперского, ООО «ТвинПро» в курсе"
    expected = (
        f"Я [name] [name], ИП {REDACTED} просила; не работает Орион, антивирус Касперского, ООО «ТвинПро» в курсе"
    )
    assert scrub.text(text) == expected


def test_a_whole_value_is_cut_as_a_word_and_a_profile_link_goes_whole() -> None:
    """A profile named «sql» took «SQL» out of «SQLEXPRESS» (a whole value was cut inside words), and a link to the
    client's profile («t.me/petrov_p») stayed after a withdrawal."""
    assert Scrubber(phones=[], emails=[], names=["sql"]).text("экземпляр SQLEXPRESS") == "экземпляр SQLEXPRESS"
    assert without_person("мой телеграм t.me/petrov_p или vk.com/petrov") == f"мой телеграм {REDACTED} или {REDACTED}"
