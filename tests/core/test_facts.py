"""extract: the Appendix 1 facts in a client's first message, exactly, and nothing that is only hinted at."""

from __future__ import annotations

import time

import pytest

from core.facts import extract
from core.intake import FIELDS_BY_KEY

CASES = [
    pytest.param(
        "Бастион-3 версия 2.1.5 на Windows 10 x64, ключ guardant перестал определяться, мы ООО «Ромашка» из Самары",
        {
            "product_name": "Бастион-3",
            "product_version": "2.1.5",
            "os": "Windows 10 64-бит",
            "key_type": "guardant",
            "city": "Самара",
            "organization": "ООО «Ромашка»",
        },
        id="the issue's example",
    ),
    pytest.param("бастион 3 не стартует после перезагрузки", {"product_name": "Бастион-3"}, id="spaced name"),
    pytest.param("бастион3 не видит контроллеры", {"product_name": "Бастион-3"}, id="joined name"),
    pytest.param(
        "Bastion-3 v1.3 crashes on start", {"product_name": "Бастион-3", "product_version": "1.3"}, id="latin"
    ),
    pytest.param("В Бaстионе-2 пропали камеры", {"product_name": "Бастион-2"}, id="latin a inside cyrillic"),
    pytest.param(
        "у нас Бастион-2 (2.1.15), ключ HASP, номер ключа 1234567890",
        {"product_name": "Бастион-2", "product_version": "2.1.15", "key_type": "hasp", "key_number": "1234567890"},
        id="version in brackets, key number",
    ),
    pytest.param(
        "АПК Бастион 3.1.14.2789 не открывает журнал",
        {"product_name": "Бастион", "product_version": "3.1.14.2789"},
        id="a number with dots is a version, not the generation",
    ),
    pytest.param("Здравствуйте! Версия 2021.2, бастион-3", {"product_name": "Бастион-3", "product_version": "2021.2"}),
    pytest.param("бастион-3, стоит 2.4.1 версия", {"product_name": "Бастион-3", "product_version": "2.4.1"}),
    pytest.param("Бастион-3, версия не помню, вроде последняя", {"product_name": "Бастион-3"}, id="version forgotten"),
    pytest.param("версия 2.1.5, а какой продукт не знаю", {"product_version": "2.1.5"}, id="a version alone"),
    pytest.param(
        "Версия ПО 2.0.3.7 Сервер Windows 10 Pro x64",
        {"product_version": "2.0.3.7", "os": "Windows 10 64-бит"},
        id="the software's version, the system's edition skipped",
    ),
    pytest.param("Бастион-3, в Chrome версии 120.0.6099 не открывается веб-клиент", {"product_name": "Бастион-3"}),
    pytest.param("Перестал работать ключ, номер на ключе: 3-4521987", {"key_number": "3-4521987"}),
    pytest.param(
        "Обновили Бастион-3 с версии 2.1.5 до версии 2.1.7 и всё сломалось",
        {"product_name": "Бастион-3"},
        id="two versions are ambiguous",
    ),
    pytest.param(
        "перешли с Бастион-2 на Бастион-3 версии 2.1.7, не переносится база", {}, id="two generations are ambiguous"
    ),
    pytest.param(
        "АРМ оператора Бастион-3 зависает", {"product_name": "АРМ оператора, Бастион-3"}, id="component and system"
    ),
    pytest.param("не запускается сервер оборудования бастиона 2", {"product_name": "Сервер оборудования, Бастион-2"}),
    pytest.param(
        "драйвер Elsys не видит контроллер Elsys-MB-Pro4",
        {"product_name": "драйвер «Elsys», Elsys-MB-Pro4"},
        id="driver and device",
    ),
    pytest.param("модуль «Фотоидентификация» не грузится", {"product_name": "модуль «Фотоидентификация»"}),
    pytest.param("модуль не отвечает, драйвер HASP переустановили", {"key_type": "hasp"}, id="unnamed module"),
    pytest.param(
        "Прибор производства ООО «ЕС-Пром» не выходит на связь",
        {"product_name": "прибор ЕС-Пром"},
        id="our vendor is a product, not the client's organisation",
    ),
    pytest.param("OOO «EC-Пром», ООО «ОКБ «Авгит»» и ООО «ТвинПро» разрабатывают продукты", {}, id="vendors only"),
    pytest.param(
        "сервер Бастион-3 на Windows Server 2019 x64, адрес 192.168.1.10",
        {"product_name": "Бастион-3", "os": "Windows Server 2019 64-бит"},
        id="an ip address is no version",
    ),
    pytest.param(
        "Бастион-3 12.03.2024 перестал запускаться",
        {"product_name": "Бастион-3"},
        id="a date is no version",
    ),
    pytest.param(
        "Astra Linux SE 1.7 x64, Бастион-3",
        {"product_name": "Бастион-3", "os": "Astra Linux SE 1.7 64-бит"},
        id="astra's own version stays with the system",
    ),
    pytest.param(
        "Стоит Астра Линукс версии 1.7, 64 бит, бастион 3",
        {"product_name": "Бастион-3", "os": "Astra Linux 1.7 64-бит"},
    ),
    pytest.param("Прибор Астра-812 не ставится на охрану", {}, id="another vendor's Astra is no Linux"),
    pytest.param("windows 7 64 и бастион 2", {"product_name": "Бастион-2", "os": "Windows 7 64-бит"}, id="bare 64"),
    pytest.param(  # the edition between them, and the comma after the bitness: no system was read
        "Бастион-3 версия 3.1.14 на Windows 10 Pro 64, после обновления не видит ключ HASP",
        {"product_name": "Бастион-3", "product_version": "3.1.14", "os": "Windows 10 64-бит", "key_type": "hasp"},
        id="edition and bare 64",
    ),
    pytest.param("windows 10 профессиональная 64", {"os": "Windows 10 64-бит"}, id="edition in Russian"),
    pytest.param("город уфа, телефон 83472001122", {"city": "Уфа"}, id="a labelled city in lower case"),
    pytest.param("ГОРОД НИЖНИЙ НОВГОРОД", {"city": "Нижний Новгород"}, id="a labelled city in capitals"),
    pytest.param("город горит, всё легло", {}, id="no city of the list after the label"),
    pytest.param("переустановили на windows 11 pro", {"os": "Windows 11 64-бит"}, id="Windows 11 is 64-bit only"),
    pytest.param("Win10x64, Bastion 2", {"product_name": "Бастион-2", "os": "Windows 10 64-бит"}),
    pytest.param("64-битная винда 10", {"os": "Windows 10 64-бит"}, id="bitness first"),
    pytest.param("ОС windows 11, разрядность 64", {"os": "Windows 11 64-бит"}),
    pytest.param("Windows XP 32-bit на посту охраны", {"os": "Windows XP 32-бит"}),
    pytest.param(
        "Сервер на Windows Server 2012 R2, рабочие места Windows 10 x64",
        {"os": "Windows Server 2012 R2 64-бит, Windows 10 64-бит"},
    ),
    pytest.param("Windows 10, Бастион-3", {"product_name": "Бастион-3"}, id="no bitness, no os answer"),
    pytest.param("перешли на windows вчера?", {}, id="a vague question"),
    pytest.param(
        "Можно ли перейти на Windows 11 x64 с Бастион-3?", {"product_name": "Бастион-3"}, id="a hypothetical system"
    ),
    pytest.param(
        "рабочие места на 32-битной Windows 7, сервер Windows Server 2016 x64",
        {"os": "Windows 7 32-бит, Windows Server 2016 64-бит"},
        id="each system its own bitness",
    ),
    pytest.param("Windows Vista x86", {"os": "Windows Vista 32-бит"}),
    pytest.param("Ubuntu 22.04 x64", {"os": "Ubuntu 22.04 64-бит"}),
    pytest.param("ключ гвардант не определяется", {"key_type": "guardant"}, id="guardant misspelt"),
    pytest.param("ХАСП моргает, лицензии пропали", {"key_type": "hasp"}),
    pytest.param("у нас хасп или гардант, не помню", {}, id="both kinds of key"),
    pytest.param(
        "Ключ защиты Guardant № 0x1A2B3C4D сгорел",
        {"key_type": "guardant", "key_number": "0x1A2B3C4D"},
        id="hex key number",
    ),
    pytest.param("HASP ID 987654321 не виден", {"key_type": "hasp", "key_number": "987654321"}),
    pytest.param(
        "ключ гардант, номер на нём 12-34567",
        {"key_type": "guardant", "key_number": "12-34567"},
        id="the number written on the key",
    ),
    pytest.param(
        "ключ hasp, мой номер 89171234567, перезвоните",
        {"key_type": "hasp"},
        id="a phone number is no key number",
    ),
    pytest.param("номер ключа 8 917 123-45-67", {}, id="a phone where the key number should be"),
    pytest.param("номер ключа 89171234567", {}, id="a phone written as the key number"),
    pytest.param("ключ от 12.03.2024 перестал работать", {}, id="a date near the key"),
    pytest.param("подключение № 12345 не проходит", {}, id="«ключ» inside another word"),
    pytest.param("Windows 10, ключ № 0x64AB12CD", {"key_number": "0x64AB12CD"}, id="a hex key number is no bitness"),
    pytest.param(
        "ИП Смирнов И. Г., г. Самара",
        {"organization": "ИП Смирнов И. Г.", "city": "Самара"},
        id="sole proprietor",
    ),
    pytest.param("Пишем из Нижнего Новгорода", {"city": "Нижний Новгород"}, id="two-word city"),
    pytest.param("мы из Набережных Челнов", {"city": "Набережные Челны"}, id="plural city"),
    pytest.param("Объект в городе Тольятти", {"city": "Тольятти"}),
    pytest.param(
        "бастион 2, г Екатеринбург", {"product_name": "Бастион-2", "city": "Екатеринбург"}, id="г without dot"
    ),
    pytest.param('АО "Завод", г.Ростов-на-Дону', {"organization": 'АО "Завод"', "city": "Ростов-на-Дону"}),
    pytest.param("Организация ЗАО Альфа, находимся в г. Самаре", {"organization": "ЗАО Альфа", "city": "Самара"}),
    pytest.param(
        "данные выгрузили из Excel, из Бастиона и из базы", {"product_name": "Бастион"}, id="«из» before no city"
    ),
    pytest.param("ставили в 2021 г. Бастион-3", {"product_name": "Бастион-3"}, id="year, not a town"),
    pytest.param(
        "я из Москвы, а объект из Самары",
        {},
        id="two cities are ambiguous",
    ),
    pytest.param(
        "Не запускается Бастион-3, Самара",
        {"product_name": "Бастион-3", "city": "Самара"},
        id="a city after a comma at the end",
    ),
    pytest.param(
        "ООО «Ромашка», Нижний Новгород.\n+7 (831) 200-10-20",
        {"organization": "ООО «Ромашка»", "city": "Нижний Новгород"},
        id="a two-word city ending a line",
    ),
    pytest.param("АРМ висит, Химки!", {"city": "Химки"}, id="a plural city ending the message"),
    pytest.param("Спасибо, Иван", {}, id="a name after a comma is no city"),
    pytest.param("ключ не работает, Владимир", {}, id="a name that is also a city is not taken"),
    pytest.param("всё сломалось, Победа", {}, id="a capitalised word after a comma is no city"),
    pytest.param("Пишу из Самары, Москва", {}, id="a city at the end and another before are ambiguous"),
    pytest.param("ипотека тут ни при чём, Ипотека тоже", {}, id="a word starting with ип"),
    pytest.param(
        "Меня зовут Иван Петров, телефон +7 (846) 123-45-67, почта ivan@samara.ru",
        {},
        id="contacts and names are not read",
    ),
    pytest.param(
        "после обновления до 3.1.16 бастион 3 не запускается",
        {"product_name": "Бастион-3", "product_version": "3.1.16"},
        id="the version updated to, before the product (it was asked again)",
    ),
    pytest.param(
        "после обновления винды до 10.0.19045 бастион 3 не запускается",
        {"product_name": "Бастион-3"},
        id="the system's build updated to is no version of the product",
    ),
    pytest.param(
        "обновили бастион 3 до 3.1.16, теперь не стартует",
        {"product_name": "Бастион-3", "product_version": "3.1.16"},
        id="the version updated to, after the product (it was not read)",
    ),
    pytest.param(
        "обновили винду до 10.0.19045 и бастион 3 перестал запускаться",
        {"product_name": "Бастион-3"},
        id="the system updated, named between: no version of the product",
    ),
    pytest.param("обновили прошивку контроллера до 2.4", {}, id="firmware updated to is no version of the product"),
    pytest.param(
        "у нас в Казани не работает бастион 3", {"product_name": "Бастион-3", "city": "Казань"}, id="в Казани"
    ),
    pytest.param("в Бастионе не работает отчёт", {"product_name": "Бастион"}, id="«в» before no city"),
    pytest.param("Добрый день! Подскажите, как продлить лицензию?", {}, id="no facts"),
    pytest.param("", {}, id="empty"),
]


@pytest.mark.parametrize(("text", "facts"), CASES)
def test_the_stated_facts_are_read_exactly(text: str, facts: dict[str, str]) -> None:
    assert extract(text) == facts


@pytest.mark.parametrize(("text", "facts"), CASES)
def test_every_value_is_what_the_intake_would_store(text: str, facts: dict[str, str]) -> None:
    for key, value in extract(text).items():
        assert FIELDS_BY_KEY[key].parse(value) == value
        assert not FIELDS_BY_KEY[key].strict_options or value in FIELDS_BY_KEY[key].options


def _seconds(text: str) -> float:
    """The best of five runs, so that a busy machine does not fail the test."""
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        extract(text)
        runs.append(time.perf_counter() - started)
    return min(runs)


def test_a_long_message_of_digits_and_dots_takes_linear_time() -> None:
    extract("из Самары")  # the first city loads the dictionaries
    chunk = "версия 1.2.3.4.5.6.7.8.9.0 Бастион-3 2.1. номер ключа 12.34.56.78 из Самары 1.1.1.1.1.1.1.1.1.1.1.1 "
    text = (chunk * 60)[:5_000]

    assert _seconds(text) < 0.05
    assert _seconds(text * 10) < 30 * _seconds(text) + 0.01


@pytest.mark.parametrize(
    ("text", "os"),
    [
        ("Windows Server 2019", "Windows Server 2019 64-бит"),
        ("на win server 2008 r2", "Windows Server 2008 R2 64-бит"),
        ("Windows Server 2016 x86", "Windows Server 2016 32-бит"),  # as stated, even if unlikely
    ],
)
def test_a_server_windows_made_only_in_64_bits_needs_no_bitness(text: str, os: str) -> None:
    assert extract(text)["os"] == os


def test_an_older_server_windows_without_bitness_is_left_to_ask() -> None:
    assert "os" not in extract("Windows Server 2008")
