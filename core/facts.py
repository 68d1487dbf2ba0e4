"""The Appendix 1 facts a client states unasked, so that the intake does not ask for them again.

:func:`extract` reads product, version, operating system, protection key, city and organisation
from free text and returns them keyed and shaped like the answers ``core/intake.py`` stores: each
value has passed its field's own parser. It keeps only what is stated plainly; anything ambiguous
(two products, two versions, «хасп или гвардант?», «перейти на Windows 11 x64?») is left for the
intake to ask. Contacts and people's names are never read here.

Values: ``product_name`` the catalogue names below in order of mention («Бастион-3», «АРМ оператора,
Бастион-3»); ``product_version`` the number only («2.1.5»; a build written after it kept: «2.1.5 (сборка 1204)»);
``os`` «Windows 10 64-бит», «Astra Linux SE 1.7 64-бит», only with its bitness, as ``validators.operating_system``
demands; ``key_type`` the option id «hasp» or «guardant»; ``key_number``, ``organization`` as written
(«ООО «Ромашка»»); ``city`` in the nominative («из Самары» → «Самара»), only when pymorphy3 knows or guesses it
for a place.

The text is first *folded*: lower case, «ё» as «е», and Latin look-alikes inside a word that also
has Cyrillic letters turned Cyrillic («Бaстион» with a Latin «a»). Folding keeps every character in
place, so a match in the folded text slices the same span of the original. Every pattern is linear:
no quantifier is nested in another over the same characters.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

from core.intake import FIELDS_BY_KEY
from core.morphology import analyzer
from core.validators import InvalidAnswer, phone


@dataclass(frozen=True)
class Product:
    """One of our products: the name stored as ``product_name`` and a pattern over folded text."""

    name: str
    pattern: str
    generic: bool = False  # dropped when a more precise name of the same product is also stated


_BASTION = r"(?:бастион|бостион|бастеон|bastion)(?:а|е|у|ом)?"
_NUMBER_END = r"(?![.,]?\d)"  # «Бастион 3.1.14» is a version of «Бастион», not «Бастион-3»
_DEVICE = r"(?:прибор|контроллер|устройств|блок)[а-я]*\s(?:производства\s)?(?:ооо\s)?[«\"]?"

PRODUCTS: tuple[Product, ...] = (
    Product("Бастион-3", rf"{_BASTION}\s?[-–—]?\s?(?:3|iii){_NUMBER_END}"),
    Product("Бастион-2", rf"{_BASTION}\s?[-–—]?\s?(?:2|ii){_NUMBER_END}"),
    Product("Бастион", _BASTION, generic=True),
    Product("АРМ оператора", r"арм[-\s]оператор(?:а|ов)?|рабоч[а-я]*\sмест[а-я]*\sоператор[а-я]*"),
    Product("Сервер оборудования", r"сервер(?:а|у|е|ом)?\sоборудования"),
    Product("Elsys", r"(?:elsys|элсис)(?![-\s]?(?:mb|sw|ip|cu))", generic=True),
    Product("Elsys-{model}", r"(?:elsys|элсис)[-\s]?(?P<model>(?:mb|sw|ip|cu)(?:-[a-z0-9]{1,6}){0,3})"),
    Product("прибор ТвинПро", rf"{_DEVICE}(?:твин\s?про|twin\s?pro)"),
    Product("прибор ЕС-Пром", rf"{_DEVICE}(?:ес|ec|es)[-\s]?(?:пром|prom)"),
    Product("прибор ОКБ «Авгит»", rf"{_DEVICE}(?:окб\s[«\"]?)?(?:авгит|avgit)"),
    # a named driver or module of the software: «драйвер Elsys», «модуль «Фотоидентификация»»
    Product(
        "{kind} «{title}»", r"(?P<kind>драйвер|модул)[а-я]*\s(?P<title>«[^«»\n]{1,60}»|\"[^\"\n]{1,60}\"|\w[\w-]{1,30})"
    ),
)
_PRODUCTS = tuple((product, re.compile(rf"(?<![\w-])(?:{product.pattern})(?![а-яa-z])")) for product in PRODUCTS)

# a driver of the protection key or of the system is not ours: «драйвер HASP», «драйвер Windows»
_KEY_BRANDS_OR_OS = re.compile(r"hasp|guardant|sentinel|хасп|гардант|гвардант|windows|ключ")

_VERSION = r"(?<![\d.])(\d{1,4}(?:\.\d{1,6}){1,3})(?!\.?\d)"
# «версия вроде 2023.2», «версия, кажется, 2.1»: a guess is still the version the client has
_HEDGE = r"(?:,?\s?(?:вроде|кажется|примерно|наверное|где-?то|скорее всего)\s?,?\s?)?"
_AFTER_PRODUCT = re.compile(rf"\s?[(,:]?\s?(?:v\.?\s?|вер\.\s?|верси[яи]\s)?{_HEDGE}{_VERSION}")
# what is updated «до» a version and is not ours: «обновили винду до 10.0.19045»
_NOT_OURS = r"винд|windows|win\b|ос\b|систем|драйвер|прошивк|биос|bios|sql|постгр|postgres|антивирус|касперск"
_VERSION_WORD = re.compile(
    rf"(?<![\w])(?:верси[яиюей]|верс\.|вер\.|version|ver\.?|v\.?"
    rf"|(?:обновлени[еяю]|обновил\w*)(?:\s(?!{_NOT_OURS})(?:[^\W\d][\w-]*|\d)){{0,3}}\sдо)"  # «…бастион 3 до 3.1.16»
    rf"(?:\s(?:продукта|по|программы|системы))?\s?[:№]?\s?{_HEDGE}{_VERSION}"
    rf"|{_VERSION}\s(?:верси[яи])(?!\sпрошивк)"
)
_BUILD = re.compile(r"\s?[,(]?\s?(?:сборка|сборки|build|билд|сб\.)\s?(?:№\s?)?(\d{1,6})(?!\d)")
# a version number that belongs to something else when one of these stands before it in its clause
_NOT_PRODUCT = re.compile(
    r"windows|win|винд|linux|линукс|astra|астра|ubuntu|debian|прошивк|firmware|контроллер|прибор"
    r"|chrome|firefox|браузер|sql|postgres|firebird|framework|directx|антивирус|касперск|kaspersky|dr\.?web"
)
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d")
_IP = re.compile(r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}")

_OS = re.compile(
    r"(?<![a-zа-я])(?:"
    r"(?:windows|win|виндовс|виндоус|винд[аеуы]|виндой|вин)\s?(?:"
    r"(?:server|сервер)\s?(?P<server>2003|2008|2012|2016|2019|2022|2025)(?P<r2>\s?r2)?"
    r"|(?P<desktop>xp|vista|7|8\.1|8|10|11)(?!\d))"
    r"|(?:astra|астра)(?:[\s-]?(?:linux|линукс))?\s?(?P<edition>se|ce|орел|смоленск|воронеж)(?![a-zа-я])"
    r"(?:\s?(?:верси[яи]\s?)?(?P<astra_version>\d\.\d{1,2}(?:\.\d{1,2})?))?"
    r"|(?:astra|астра)[\s-]?(?:linux|линукс)(?:\s?(?:верси[яи]\s?)?(?P<astra_bare_version>\d\.\d{1,2}(?:\.\d{1,2})?))?"
    r"|(?P<distribution>ubuntu|убунту|debian|дебиан|centos|red\s?os|ред\s?ос|alt\s?linux|альт\s?линукс)"
    r"(?:\s?(?P<distribution_version>\d{1,2}(?:\.\d{1,2})?)(?![.\d]))?"
    r"|(?P<linux>linux|линукс))"
)
_DESKTOPS = {"xp": "XP", "vista": "Vista"}
_EDITIONS = {"se": "SE", "ce": "CE", "орел": "«Орёл»", "смоленск": "«Смоленск»", "воронеж": "«Воронеж»"}
_DISTRIBUTIONS = {"ubuntu": "Ubuntu", "убунту": "Ubuntu", "debian": "Debian", "дебиан": "Debian", "centos": "CentOS"}
_DISTRIBUTIONS |= {"redos": "РЕД ОС", "редос": "РЕД ОС", "altlinux": "Alt Linux", "альтлинукс": "Alt Linux"}
_BITNESS = re.compile(
    r"(?<![a-zа-я])(?:amd64|[xх]86[-_]64|[xх]\s?(64|86|32))(?![\da-f])"
    r"|(?<!\d)(64|32)\s?-?\s?(?:bit|бит(?:н[а-я]*)?|разрядн[а-я]*|х(?![а-я]))"
    r"|разрядн[а-я]*\s?[:-]?\s?(64|32)(?!\d)"
)
_BARE_BITNESS = re.compile(r"\s?(64|32)(?![\d\w]|[.,]\d)(?!\s?[а-яa-z]{3})")  # «Windows 7 64», not «… 64 камеры»
_NEAR = re.compile(r"[\s,(]{0,3}")
# «Windows 10 Pro 64»: the edition between the system and its bitness
_EDITION = re.compile(
    r"\s?(?:pro|professional|профессиональн[а-я]*|про|home|домашн[а-я]*|enterprise|корпоративн[а-я]*|ltsc|ltsb"
    r"|ultimate|максимальн[а-я]*|sp\s?\d|embedded|iot)(?![a-zа-я])"
)
# a question about an operating system the client is thinking of, not the one in use
_HYPOTHETICAL = re.compile(r"можно|стоит ли|если|перей|переход|будет ли|подойд|поддерж|совмест")

_HASP = re.compile(r"(?<![a-zа-я])(?:hasp|хасп|sentinel|сентинел)")
_GUARDANT = re.compile(r"(?<![a-zа-я])(?:guardant|гардант|гвардант|гуардант)")
_KEY_VALUE = r"((?:0x)?[0-9a-f]{1,20}(?:-[0-9a-f]{1,10}){0,4})(?![\w.,-]?\w)"
_KEY_BRANDS = r"(?:\s(?:hasp|guardant|хасп|гардант|гвардант|sentinel)[а-я]*)?"
_ON_IT = r"(?:\sна\s(?:н[её]м|ключе|корпусе|наклейке))?"  # «ключ гардант, номер на нём 12-34567»
_KEY_NUMBER = re.compile(
    rf"(?<![а-я])ключ[а-я]*(?:\sзащиты)?{_KEY_BRANDS}\s?[:,]?\s?(?:№|#|n|no\.?|номер|id|s/n|sn|серийный\sномер){_ON_IT}\s?[:.-]?\s?{_KEY_VALUE}"
    rf"|(?:номер|№|id|серийный\sномер)\s(?:на\s)?ключ[ае](?:\sзащиты)?{_KEY_BRANDS}\s?[:–—-]?\s?{_KEY_VALUE}"
    rf"|(?<![a-zа-я])(?:hasp|guardant|хасп|гардант|гвардант)\s?(?:id|№|#|номер)\s?[:.]?\s?{_KEY_VALUE}"
)

LEGAL_FORMS = ("ооо", "ooo", "оао", "зао", "пао", "нао", "ао", "ao", "ип", "фгуп", "фгбу", "фгку", "мбу", "муп", "гуп")
LEGAL_FORMS += ("ано", "чоо", "чоп", "ук", "тсж", "гбу", "гбоу", "мбоу", "мку", "гку")  # «УК Дом»: a management company
_LEGAL_FORMS = "|".join(LEGAL_FORMS)
_ORGANIZATION = re.compile(
    rf"(?<![\w«\"-])(?P<form>{_LEGAL_FORMS})(?:\s|(?=[«\"“„]))(?P<name>«[^«»\n]{{1,80}}(?:«[^«»\n]{{1,80}}»[^«»\n]{{0,80}})?»"
    r"|\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|„[^“”\n]{1,80}[“”]"
    r"|[^\W\d_][\w-]{1,40}(?:\s[а-я]\.\s?[а-я]\.)?)"
)
_VENDORS = re.compile(r"твин\s?про|twin\s?pro|(?:ес|ec|es)[-\s]?(?:пром|prom)|авгит|avgit")

_CITY = re.compile(
    r"(?<![\w-])(?<!\d\s)(?P<marker>[Ии]з|[Гг]\.?|[Гг]ор\.|[Гг]ород[аеу]?|[Вв]\sгороде)\s?"
    r"(?P<first>[А-ЯЁ][а-яё]+(?:-[А-Яа-яЁё]+){0,3})(?:\s(?P<second>[А-ЯЁ][а-яё]+(?:-[А-Яа-яЁё]+){0,3}))?"
)
_CITY_CASES = {"из": frozenset({"gent"}), "в городе": frozenset({"loct", "nomn"})}
_CITY_IN = re.compile(r"(?<![\w-])[Вв]\s(?P<name>[А-ЯЁ][а-яё]+(?:-[А-Яа-яЁё]+){0,3})")
_IN_CASES = frozenset({"loct"})
_CITY_LABELLED = re.compile(r"(?<![\w-])(?:г\.|гор\.|город)\s?(?P<name>[а-яё]+(?:[\s-][а-яё]+){0,2})", re.IGNORECASE)
# A city named alone, as one comma- or sentence-separated part of the message («Вся СКУД легла, Самара», «Не
# работает АРМ. Самара», a signature's «ООО «Ромашка», Нижний Новгород»), is read only from this closed list: the
# Russian cities of over 100 000 people, the regional centres and the towns of the Samara region. Without a marker
# («из», «г.») nothing but the list tells a city from a capitalised word: pymorphy3's Geox also covers countries,
# regions and rivers («Россия», «Урал», «Кубань»), and every sentence starts with a capital. Left out, though
# cities: words that are first of all a name, a surname or a common word («Владимир», «Королёв», «Находка»).
_CITIES = (
    *("Москва", "Санкт-Петербург", "Зеленоград", "Балашиха", "Химки", "Подольск", "Мытищи", "Люберцы"),
    *("Красногорск", "Электросталь", "Коломна", "Одинцово", "Домодедово", "Серпухов", "Щёлково", "Раменское"),
    *("Орехово-Зуево", "Долгопрудный", "Реутов", "Пушкино", "Сергиев Посад", "Ногинск", "Лобня", "Ивантеевка"),
    *("Дмитров", "Видное", "Воскресенск", "Наро-Фоминск", "Егорьевск", "Дубна", "Фрязино"),
    *("Самара", "Тольятти", "Сызрань", "Новокуйбышевск", "Чапаевск", "Жигулёвск", "Кинель", "Похвистнево"),
    *("Калуга", "Обнинск", "Тула", "Новомосковск", "Рязань", "Липецк", "Елец", "Тамбов", "Воронеж", "Белгород"),
    *("Старый Оскол", "Курск", "Брянск", "Смоленск", "Тверь", "Ярославль", "Рыбинск", "Кострома", "Иваново"),
    *("Муром", "Нижний Новгород", "Дзержинск", "Арзамас", "Чебоксары", "Новочебоксарск", "Йошкар-Ола", "Казань"),
    *("Набережные Челны", "Нижнекамск", "Альметьевск", "Ульяновск", "Димитровград", "Саратов", "Балаково"),
    *("Пенза", "Саранск", "Оренбург", "Орск", "Уфа", "Стерлитамак", "Нефтекамск", "Ижевск", "Сарапул", "Пермь"),
    *("Березники", "Екатеринбург", "Нижний Тагил", "Каменск-Уральский", "Первоуральск", "Челябинск"),
    *("Магнитогорск", "Златоуст", "Миасс", "Копейск", "Тюмень", "Тобольск", "Сургут", "Нижневартовск"),
    *("Нефтеюганск", "Ханты-Мансийск", "Новый Уренгой", "Ноябрьск", "Салехард", "Омск", "Томск", "Северск"),
    *("Новосибирск", "Бердск", "Барнаул", "Бийск", "Рубцовск", "Кемерово", "Новокузнецк", "Прокопьевск"),
    *("Горно-Алтайск", "Абакан", "Кызыл", "Красноярск", "Норильск", "Ачинск", "Иркутск", "Братск", "Ангарск"),
    *("Улан-Удэ", "Чита", "Якутск", "Благовещенск", "Хабаровск", "Комсомольск-на-Амуре", "Владивосток"),
    *("Уссурийск", "Биробиджан", "Южно-Сахалинск", "Петропавловск-Камчатский", "Магадан", "Анадырь"),
    *("Калининград", "Мурманск", "Архангельск", "Северодвинск", "Вологда", "Череповец", "Петрозаводск"),
    *("Сыктывкар", "Ухта", "Великий Новгород", "Псков", "Великие Луки", "Нарьян-Мар", "Ростов-на-Дону"),
    *("Таганрог", "Новочеркасск", "Волгодонск", "Батайск", "Новошахтинск", "Каменск-Шахтинский", "Волгоград"),
    *("Камышин", "Астрахань", "Элиста", "Краснодар", "Сочи", "Новороссийск", "Армавир", "Анапа", "Геленджик"),
    *("Майкоп", "Ставрополь", "Пятигорск", "Кисловодск", "Невинномысск", "Ессентуки", "Черкесск", "Нальчик"),
    *("Владикавказ", "Грозный", "Махачкала", "Хасавюрт", "Дербент", "Каспийск", "Назрань", "Магас"),
)
_CITY_NICKNAMES = {"питер": "Санкт-Петербург", "спб": "Санкт-Петербург", "мск": "Москва", "екб": "Екатеринбург"}
_CITY_PART = re.compile(r"[^,.;:!?()—–\n]+")  # the parts of a message between commas, sentence ends, brackets, dashes
_CITY_NAME_WORDS = re.compile(r"[^\W\d_]+")
_LONGEST_CITY = 30  # characters: a longer part is no city named alone
_ANY_CASE = frozenset({"nomn", "gent", "datv", "loct"})

_CAPITALS = string.ascii_uppercase + "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_LOWER = str.maketrans(_CAPITALS + "Ёё", _CAPITALS.lower() + "ее")  # one character for one, unlike str.lower
_CYRILLIC_TWINS = str.maketrans("aceopxyk", "асеорхук")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HAS_CYRILLIC = re.compile(r"[а-я]")
_HAS_LATIN = re.compile(r"[a-z]")
_SPACES = re.compile(r"[^\S\n]+")
_CLAUSE_END = re.compile(r"[,.;!?()\n]")
_SENTENCE_END = re.compile(r"[!?\n]|\.(?!\d)")


FAMILIES = frozenset(product.name for product in PRODUCTS if product.generic)  # «Бастион»: which one, asked


def extract(text: str) -> dict[str, str]:
    """The Appendix 1 facts a client's message states, keyed like core/intake.py's fields."""
    original = _SPACES.sub(" ", text)
    lowered = folded(original)
    products, product_ends = _products(original, lowered)
    found = {
        "product_name": products,
        "product_version": None if product_ends is None else _version(lowered, product_ends),
        "os": _operating_system(lowered),
        "key_type": _key_type(lowered),
        "key_number": _key_number(lowered, original),
        "city": _city(original),
        "organization": _organization(original, lowered),
    }
    facts: dict[str, str] = {}
    for key, value in found.items():
        if value:
            try:
                facts[key] = FIELDS_BY_KEY[key].parse(value)
            except InvalidAnswer:
                continue
    return facts


_BARE_VERSION = re.compile(rf"\s*(?:v\.?\s?|верси[яи]\s)?{_VERSION}\s*", re.IGNORECASE)


def bare_version(text: str) -> str | None:
    """A version number written alone as one part of a message («3.1.14, стоит на Windows 10 64 бит»), where the
    product is known from elsewhere; None when no part is only that (a date or an address is none)."""
    for part in re.split(r"[,;\n]", text):
        found = _BARE_VERSION.fullmatch(part)
        if found and not _date_or_address(found.group(1)):
            return found.group(1)
    return None


def system_named(text: str) -> str | None:
    """The operating systems ``text`` names, with their bitness where it is said («Astra Linux 1.7», «Windows 10
    64-бит»); ``extract`` keeps a system only with its bitness, as its question does."""
    return _operating_system(folded(_SPACES.sub(" ", text)))


def folded(text: str) -> str:
    """``text`` as the patterns here read it: lower case, «ё» as «е», mixed-script words made Cyrillic; every
    character in its place (same length as ``text``)."""

    def cyrillic_if_mixed(match: re.Match[str]) -> str:
        word = match.group()
        return word.translate(_CYRILLIC_TWINS) if _HAS_CYRILLIC.search(word) and _HAS_LATIN.search(word) else word

    return _WORD.sub(cyrillic_if_mixed, text.translate(_LOWER))


def _products(original: str, folded: str) -> tuple[str | None, list[int] | None]:
    """The product names in order of mention and where each ends; (None, None) when two Бастион generations clash."""
    mentions = sorted(
        (
            (match.start(), -match.end(), product, _product_name(product, match, original))
            for product, pattern in _PRODUCTS
            for match in pattern.finditer(folded)
        ),
        key=lambda mention: mention[:2],  # by start, the longest first
    )
    kept: list[tuple[int, Product, str]] = []
    for start, negative_end, product, name in mentions:
        if name and not (kept and start < kept[-1][0]):  # «Elsys» inside «драйвер Elsys» is the same mention
            kept.append((-negative_end, product, name))
    # «Бастион» is dropped when «Бастион-3» is named too, «Elsys» when «Elsys-MB» is
    precise = {name.split("-")[0] for _, product, name in kept if not product.generic}
    names = [name for _, product, name in kept if not (product.generic and name in precise)]
    if {"Бастион-2", "Бастион-3"} <= set(names):
        return None, None
    return ", ".join(dict.fromkeys(names)) or None, [end for end, _, _ in kept]


def _product_name(product: Product, match: re.Match[str], original: str) -> str:
    """The name to store for one mention; empty for a driver or module too vaguely named to be ours."""
    groups = match.groupdict()
    if "model" in groups:
        model = "-".join(part.upper() if len(part) <= 2 else part.capitalize() for part in groups["model"].split("-"))
        return product.name.format(model=model)
    if "kind" in groups:
        start, end = match.span("title")
        title = original[start:end].strip('«»"')
        quoted = match.group("title")[0] in '«"'
        if _KEY_BRANDS_OR_OS.search(match.group("title")) or not (quoted or title[0].isupper() or title.isascii()):
            return ""
        kind = "драйвер" if groups["kind"] == "драйвер" else "модуль"
        return product.name.format(kind=kind, title=title)
    return product.name


def _version(folded: str, product_ends: list[int]) -> str | None:
    """The one version number stated right after a product or beside the word «версия»."""
    versions = set()
    for end in product_ends:
        match = _AFTER_PRODUCT.match(folded, end)
        if match:
            versions.add(_with_build(folded, match, 1))
    for match in _VERSION_WORD.finditer(folded):
        clause = _CLAUSE_END.split(folded[max(0, match.start() - 60) : match.start()])[-1]
        if not _NOT_PRODUCT.search(clause):
            versions.add(_with_build(folded, match, 1 if match.group(1) else 2))
    versions = {version for version in versions if not _date_or_address(version.split(" ")[0])}  # the build aside
    return versions.pop() if len(versions) == 1 else None


def _date_or_address(number: str) -> bool:
    return bool(_DATE.fullmatch(number) or _IP.fullmatch(number))


def _with_build(folded: str, match: re.Match[str], group: int) -> str:
    """The version of ``match``, with the build number written after it («2.3.7 сборка 1204»), which is part of
    the full version Appendix 1 asks for."""
    build = _BUILD.match(folded, match.end(group))
    return f"{match.group(group)} (сборка {build.group(1)})" if build else match.group(group)


def _operating_system(folded: str) -> str | None:
    """Each named system with its bitness, e.g. «Windows 10 64-бит»; a system in a «can we…?» question is skipped."""
    bitness_at = {match.end(): _bitness(match) for match in _BITNESS.finditer(folded)}
    systems: list[tuple[str, str | None]] = []
    for match in _OS.finditer(folded):
        sentence = _sentence(folded, match.start())
        if sentence.endswith("?") and _HYPOTHETICAL.search(sentence):
            continue
        edition = _EDITION.match(folded, match.end())
        named_end = edition.end() if edition else match.end()
        after = _NEAR.match(folded, named_end).end()
        tail = _BITNESS.match(folded, after) or _BARE_BITNESS.match(folded, named_end)
        near_before = range(match.start(), match.start() - 4, -1)  # «64-битная Windows 10»
        before = next((bitness_at[end] for end in near_before if end in bitness_at), None)
        name = _os_name(match)
        systems.append((name, _bitness(tail) if tail else before or _only_bitness(name)))
    stated = set(bitness_at.values())
    if len(systems) == 1 and systems[0][1] is None and len(stated) == 1:
        systems = [(systems[0][0], stated.pop())]
    names = dict.fromkeys(f"{name} {bitness}" if bitness else name for name, bitness in systems)
    return ", ".join(names) or None


def _sentence(text: str, position: int) -> str:
    """The sentence around ``position``, with its closing mark, looked for at most 300 characters either side."""
    window = max(0, position - 300)
    start = max(text.rfind(mark, window, position) for mark in ".!?\n") + 1
    end = _SENTENCE_END.search(text, position, position + 300)
    return text[max(start, window) : end.end() if end else position + 300].strip()


def _os_name(match: re.Match[str]) -> str:
    group = match.groupdict()
    if group["server"]:
        return f"Windows Server {group['server']}" + (" R2" if group["r2"] else "")
    if group["desktop"]:
        return f"Windows {_DESKTOPS.get(group['desktop'], group['desktop'])}"
    if group["edition"]:
        version = group["astra_version"]
        return f"Astra Linux {_EDITIONS[group['edition']]}" + (f" {version}" if version else "")
    if match.group().startswith(("astra", "астра")):
        version = group["astra_bare_version"]
        return "Astra Linux" + (f" {version}" if version else "")
    if group["distribution"]:
        version = group["distribution_version"]
        return _DISTRIBUTIONS[group["distribution"].replace(" ", "")] + (f" {version}" if version else "")
    return "Linux"


def _only_bitness(name: str) -> str | None:
    """Windows Server since 2008 R2 and Windows 11 exist in 64 bits only: their bitness goes without saying."""
    server = re.fullmatch(r"Windows Server (\d{4})( R2)?", name)
    if (server and (int(server.group(1)) > 2008 or server.group(2))) or name == "Windows 11":
        return "64-бит"
    return None


def _bitness(match: re.Match[str]) -> str:
    digits = next((group for group in match.groups() if group), "64")
    return "64-бит" if digits == "64" else "32-бит"


# a protection key by its words, not a door's («ключи Touch Memory», «электронный ключ» of access control)
_PROTECTION_KEY = re.compile(r"(?<![a-zа-я])(?:usb[\s-]?ключ|ключ\w*\s(?:защиты|лицензии)|лицензионн\w*\sключ)")
# «ключ перестал видеться», «не определяется ключ»: a key the computer does not detect is a USB protection key; a door
# key is read by a reader («считыватель не видит ключ»), which the message then names
_KEY_UNSEEN = re.compile(
    r"(?<![a-zа-я])ключ\w*\s(?:\w+\s)?(?:не\s)?(?:виде|видит|видн|определя|опознае|распозна)"
    r"|(?:видит|видят|видится|видеться|виден|видно|определя\w*|опозна\w*|распозна\w*)\s(?:\w+\s)?ключ"
)
# «лицензия слетела», «пропали лицензии»: the licences live in the protection key (section 6.1 of the regulation)
_LICENCE_LOST = re.compile(
    r"лицензи\w*\s(?:\w+\s)?(?:слетел|пропал|исчез|сбросил|отвалил|не\sвид|не\sнайден|не\sопределя)"
    r"|(?:слетел|пропал|исчез|сбросил|отвалил)\w*\s(?:\w+\s)?лицензи"
)
_DOOR_KEY = re.compile(r"считывател|touch|тач|таблетк|домофон|двер|замок|замк|проходн|турникет")


def names_a_protection_key(text: str) -> bool:
    """The message is about a licence protection key: «ключ Guardant не определяется», «ключ защиты пропал», «после
    обновления винды перестал видеться ключ» (a key the computer does not detect, no reader named), «лицензия слетела»
    (the licences live in the key)."""
    folded = text.casefold().replace("ё", "е")
    if any(pattern.search(folded) for pattern in (_HASP, _GUARDANT, _PROTECTION_KEY, _LICENCE_LOST)):
        return True
    return _KEY_UNSEEN.search(folded) is not None and _DOOR_KEY.search(folded) is None


def _key_type(folded: str) -> str | None:
    """The option id, "hasp" or "guardant", when exactly one of the two kinds of key is named."""
    hasp, guardant = bool(_HASP.search(folded)), bool(_GUARDANT.search(folded))
    if hasp == guardant:
        return None
    return "hasp" if hasp else "guardant"


def _key_number(folded: str, original: str) -> str | None:
    """The number written as the key's («номер ключа 12345678», «HASP ID 0x1A2B»), never a phone number."""
    numbers = set()
    for match in _KEY_NUMBER.finditer(folded):
        group = next(index for index in range(1, 4) if match.group(index))
        number = original[match.start(group) : match.end(group)]
        if sum(char.isdigit() for char in number) >= 4 and not _is_phone(number):
            numbers.add(number)
    return numbers.pop() if len(numbers) == 1 else None


def _is_phone(number: str) -> bool:
    if not (len(number) == 11 and number.isdigit() and number[0] in "78"):
        return False
    try:
        phone(number)
    except InvalidAnswer:
        return False
    return True


def _organization(original: str, folded: str) -> str | None:
    """The client's one organisation («ООО «Ромашка»», «ИП Смирнов И. Г.»); our own companies are skipped."""
    found = set()
    for match in _organizations(original, folded):
        form = match.group("form").translate(_CYRILLIC_TWINS).upper()
        found.add(f"{form} {original[match.start('name') : match.end('name')]}")
    return found.pop() if len(found) == 1 else None


def organization_names(text: str) -> list[tuple[int, int]]:
    """Where the text names an organisation after its legal form (the name's span, «Ромашка» of «ООО Ромашка»)."""
    return [match.span("name") for match in _organizations(text, folded(text))]


def _organizations(original: str, folded: str) -> Iterator[re.Match[str]]:
    """The organisations named with their legal form, but our own companies («ООО ТвинПро») and lowercase words."""
    for match in _ORGANIZATION.finditer(folded):
        name = original[match.start("name") : match.end("name")]
        if not _VENDORS.search(match.group("name")) and (name[0] in '«"“„' or name[0].isupper()):
            yield match


# «город Самара, ой точнее Тольятти»: the city put right in the same message
_CITY_PUT_RIGHT = re.compile(
    r"\b(?:точнее|вернее|в смысле|то есть)[,\s]+(?:в\s|из\s|г\.\s?|город\s)?"
    r"(?P<name>[^\W\d_][\w-]*(?:\s[^\W\d_][\w-]*)?)",
    re.IGNORECASE,
)


def _city(original: str) -> str | None:
    """The one city named as «из Самары», «г. Самара», «в городе Самаре» (in the nominative), or alone as a part of
    the message, «…, Самара», «…. Самара» (from the closed list ``_CITIES``); the last one put right («…, ой точнее
    Тольятти») wins."""
    put_right = city_put_right(original)
    if put_right is not None:
        return put_right
    cities = set()
    for match in _CITY.finditer(original):
        cases = _CITY_CASES.get(match.group("marker").lower(), _ANY_CASE)
        city = _nominative(match.group("first"), match.group("second"), cases)
        if city:
            cities.add(city)
    for match in _CITY_IN.finditer(original):  # «объект в Казани»: only a city of the list («в Бастионе» is none)
        city = _nominative(match.group("name"), None, _IN_CASES)
        if city and _city_key(city) in _KNOWN_CITIES:
            cities.add(_KNOWN_CITIES[_city_key(city)])
    for match in _CITY_LABELLED.finditer(original):  # «город уфа», «ГОРОД УФА»: any case, a city of the list
        words = match.group("name").split()
        city = next((_KNOWN_CITIES.get(_city_key(" ".join(words[:n]))) for n in (3, 2, 1) if len(words) >= n), None)
        if city:
            cities.add(city)
    for part in _CITY_PART.finditer(original):
        name = part.group().strip(" \t–—-")
        if len(name) <= _LONGEST_CITY and name[:1].isupper():
            city = _KNOWN_CITIES.get(_city_key(name))
            if city:
                cities.add(city)
    return cities.pop() if len(cities) == 1 else None


def city_put_right(original: str) -> str | None:
    """The known city named last after «точнее», «вернее» (two words, «Нижний Новгород», or one); None for none."""
    found = None
    for match in _CITY_PUT_RIGHT.finditer(original):
        words = match["name"].split()
        for name in dict.fromkeys((" ".join(words), words[0])):
            city = _KNOWN_CITIES.get(_city_key(city_named(name)))
            if city:
                found = city
                break
    return found


def city_named(name: str) -> str:
    """A city named on its own («Тольятти», «Самару», «Нижнего Новгорода»), in the nominative where it is a known
    city or pymorphy3 takes it for a place; otherwise as written."""
    words = name.split()
    forms = [_city_key(name)] + ([p.normal_form for p in analyzer().parse(name.lower())] if len(words) == 1 else [])
    known = next((_KNOWN_CITIES[form] for form in forms if form in _KNOWN_CITIES), None)
    if known or not 1 <= len(words) <= 2 or not words[0][:1].isupper():
        return known or name
    return _nominative(words[0], words[1] if len(words) == 2 else None, _ANY_CASE | {"accs"}) or name


def _city_key(name: str) -> str:
    """«Ростов-на-Дону», «ростов на дону» → «ростов на дону»: how a city named alone is looked up."""
    return " ".join(_CITY_NAME_WORDS.findall(name.translate(_LOWER)))


_KNOWN_CITIES = {_city_key(city): city for city in _CITIES} | _CITY_NICKNAMES


@lru_cache(maxsize=4096)
def _nominative(first: str, second: str | None, cases: frozenset[str]) -> str | None:
    """«Самары» → «Самара», «Нижнего Новгорода» → «Нижний Новгород»; None unless pymorphy3 takes it for a place."""
    if second:
        adjective = next((p for p in analyzer().parse(first.lower()) if "ADJF" in p.tag), None)
        town = _place(second, cases)
        if adjective and town:
            number = "plur" if "plur" in town.tag else "sing"
            agreed = adjective.inflect({"nomn", number} | ({town.tag.gender} if number == "sing" else set()))
            if agreed:
                return f"{_like(first, agreed.word)} {_like(second, town.normal_form)}"
    town = _place(first, cases)
    return _like(first, town.normal_form) if town else None


def _place(word: str, cases: frozenset[str]) -> pymorphy3.analyzer.Parse | None:
    places = [p for p in analyzer().parse(word.lower()) if "Geox" in p.tag and "NOUN" in p.tag]
    places = [p for p in places if "sing" in p.tag or "Pltm" in p.tag]
    return next((p for p in places if p.tag.case in cases), None)


def _like(written: str, word: str) -> str:
    """``word`` with the capital letters of each hyphenated part as the client wrote them."""
    parts, shapes = word.split("-"), written.split("-")
    if len(parts) != len(shapes):
        return word.capitalize()
    return "-".join(
        part.capitalize() if shape[:1].isupper() else part for part, shape in zip(parts, shapes, strict=True)
    )
