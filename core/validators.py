"""Parsers for intake answers: each takes the client's text and returns the value to keep,
or raises :class:`InvalidAnswer` with the catalogue key of the reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from core.morphology import analyzer

SHORT_LIMIT = 500
LONG_LIMIT = 3000

_HAS_WORD = re.compile(r"[\w]", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_DIGIT = re.compile(r"\d")
_BITNESS = re.compile(r"(?<!\d)(32|64)(?!\d)|x86|x64|amd64|arm64|i386|i686", re.IGNORECASE)
# Windows Server since 2008 R2 exists in 64 bits only: naming it states the bitness
_SERVER_64_ONLY = re.compile(r"(?:server|сервер)\s?(?:2012|2016|2019|2022|2025|2008\s?r2)(?!\d)", re.IGNORECASE)
_VERSION_ONLY = re.compile(r"\s*v?\.?\s*\d{1,4}(?:[.,]\d{1,6}){1,3}\s*", re.IGNORECASE)
# an operating system named, its bitness aside: «Windows 10», «винда 7», «семёрка», «Astra Linux SE»; «нет» names none
_OS_NAME = re.compile(
    r"windows|win|винд|виндовс|виндоус|linux|линукс|astra|астра|ubuntu|убунту|debian|дебиан|centos|red\s?os|ред\s?ос"
    r"|alt|альт|server|сервер|(?<!\d)(?:xp|vista|7|8|8\.1|10|11)(?![\d.])"
    r"|сем[её]рк|восьм[её]рк|десятк|хрюш",  # Windows 7, 8, 10 and XP as clients call them
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_AT = re.compile(r"[ \t]?@[ \t]?")
_EXTENSION = re.compile(r"(?:доб(?:авочный)?|вн(?:утренний)?|ext)\.?\s?(?:номер\s)?(\d{1,6})(?!\d)", re.IGNORECASE)
# the words a phone may come with when it is the whole answer: «тел. 8 917 …», «мой номер …»
_PHONE_WORDS = re.compile(r"\b(?:мой|наш|номер|тел|телефон|моб|мобильный|сотовый)\b\.?", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s,;:<>()\[\]]+")  # between the contacts of one answer; an address has none
# what is left of a message of contacts once the addresses, the digits and the punctuation are taken out
_CONTACT_TEXT = re.compile(r"\S+@\S+|[\d\W_]+")
CONTACT_WORDS = frozenset(
    "наш наша мой моя адрес почта почты e mail email емейл имейл мейл эл электронная электронной тел телефон моб"
    " мобильный сотовый рабочий номер ещё еще также и вот доп дополнительный для связи запишите добавьте".split()
)


class InvalidAnswer(ValueError):
    """The answer cannot be accepted; ``reason`` is a text catalogue key, ``values`` fill it."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


def _clean(text: str, limit: int) -> str:
    value = " ".join(text.split()) if limit == SHORT_LIMIT else text.strip()
    if not value:
        raise InvalidAnswer("invalid.empty")
    if not _HAS_WORD.search(value):
        raise InvalidAnswer("invalid.no_letters")
    if len(value) > limit:
        raise InvalidAnswer("invalid.too_long", limit=limit)
    return value


def short_text(text: str) -> str:
    return _clean(text, SHORT_LIMIT)


def long_text(text: str) -> str:
    return _clean(text, LONG_LIMIT)


# a bare yes, «ок» or «отправить» meant for another question, not a story of what happens
_NOT_A_STORY = frozenset("да ага угу ок окей ok yes отправить отправляю отправь готово".split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
KEY_NUMBER_WORDS_AT_MOST = 5  # «на ключе написано 12-34567»; a longer answer is a story, not a number


def story(text: str) -> str:
    """The description, the steps or a result in the client's words: a bare «да» or «отправить» is none of them."""
    value = long_text(text)
    if set(_WORD.findall(value.casefold())) <= _NOT_A_STORY:
        raise InvalidAnswer("invalid.not_a_story")
    return value


# «маркировки нет», «на ключе ничего не написано», «номер стёрся»: a key without the maker's number, which decides
# how a faulty one is replaced (regulation 6.5): an answer to the question, not a refusal to give one
_NO_NUMBER_ON_KEY = re.compile(
    r"\b(?:маркировк|наклейк|номер|цифр)\w*\s(?:\w+\s)?(?:нет|не\s(?:написан|указан|видн|виден|читает)|стер|затерт)"
    r"|\b(?:нет|без)\s(?:\w+\s)?(?:маркировк|наклейк|номер)|\bничего\sне\s(?:написано|указано)"
    r"|\bнадпис\w*\s(?:\w+\s)?(?:стер|затерт|не\sвидн|не\sчитает)",  # «надпись стёрлась»
)


def key_number(text: str) -> str:
    """The number on a protection key («12-34567», «0x1A2B3C4D»): digits, in a few words; or that it has none
    («маркировки нет»); not the story of the trouble typed at its question («обновили вчера с 2.1 на 2.2, после
    этого пишет ключ не найден»)."""
    value = short_text(text)
    if _NO_NUMBER_ON_KEY.search(value.casefold().replace("ё", "е")) and len(value.split()) <= KEY_NUMBER_WORDS_AT_MOST:
        return value
    if not _DIGIT.search(value) or len(value.split()) > KEY_NUMBER_WORDS_AT_MOST:
        raise InvalidAnswer("invalid.key_number")
    return value


# «контакт Иванов Пётр», «ФИО: Иванов Пётр», «меня зовут Пётр Иванов»: the words before the name are no part of it
_NAME_LABEL = re.compile(
    r"^\s*(?:контактное\s+лицо|контакт|фио|ф\.и\.о\.?|меня\s+зовут|зовут|имя|я)\s*[:—–-]?\s+(?=\S)", re.IGNORECASE
)


def person_name(text: str) -> str:
    """A name as clients write it, in any order; not a sentence typed at the question («новая заявка»,
    «ещё отвалился второй считыватель»): no verb, and some word a name (pymorphy3's first names,
    surnames and patronymics) or a word its dictionary does not know (rare or foreign names, Latin)."""
    value = _NAME_LABEL.sub("", short_text(text))
    if _DIGIT.search(value) or len(_LETTERS.findall(value)) < 2:
        raise InvalidAnswer("invalid.name")
    parses = [analyzer().parse(word) for word in _NAME_WORD.findall(value.casefold())]
    if any(found[0].tag.POS in _VERBS for found in parses) or not any(map(_may_be_a_name, parses)):
        raise InvalidAnswer("invalid.name")
    return value


_NAME_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_VERBS = frozenset({"VERB", "INFN"})
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


def _may_be_a_name(parses: list) -> bool:
    return any(parse.tag.grammemes & _NAME_GRAMMEMES or not parse.is_known for parse in parses)


def version(text: str) -> str:
    value = short_text(text)
    if not _DIGIT.search(value):
        raise InvalidAnswer("invalid.version")
    return value


def operating_system(text: str) -> str:
    value = short_text(text)
    if _BITNESS.search(value):
        return value
    if _SERVER_64_ONLY.search(value):
        return f"{value} (64-бит)"
    raise InvalidAnswer("invalid.os_bitness" if _OS_NAME.search(value) else "invalid.os")


# «три компа», «один»: a number in words
_NUMBER_WORD = re.compile(
    r"(?<!\w)(?:один|одна|одно|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|пара|пару|несколько)(?!\w)",
    re.IGNORECASE,
)


def count_with_roles(text: str) -> str:
    """How many computers, in digits or words («3», «компов три, сервер и два рабочих места»), and their roles."""
    value = short_text(text)
    if not _DIGIT.search(value) and not _NUMBER_WORD.search(value):
        raise InvalidAnswer("invalid.number")
    return value


def production_date(text: str) -> str:
    value = short_text(text)
    if not _YEAR.search(value):
        raise InvalidAnswer("invalid.year")
    return value


def phone(text: str) -> str:
    """A phone number in E.164; Russian numbers may be written the Russian way (8 …)."""
    raw = text.strip()
    try:
        number = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException as error:
        raise InvalidAnswer("invalid.phone") from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidAnswer("invalid.phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def only_a_phone(text: str) -> str | None:
    """The phone (E.164) an answer is made of, with no other words than those naming it («+7 846 200-10-20»,
    «тел. 89171234567»); None when it says anything else."""
    bare = _PHONE_WORDS.sub(" ", text)
    if _LETTERS.search(bare):
        return None
    try:
        return phone(bare)
    except InvalidAnswer:
        return None


def unnamed(text: str) -> str | None:
    """Why an answer to a question of names (an organisation, a city, a product) names nothing: the catalogue key
    for a version number («3.1.14») or for digits without a letter («12345»); None otherwise (an empty answer or one
    of emoji is its parser's to refuse)."""
    if _VERSION_ONLY.fullmatch(text):
        return "invalid.version_for_name"
    return "invalid.letters_needed" if _HAS_WORD.search(text) and not _LETTERS.search(text) else None


def only_an_email(text: str) -> str | None:
    """The e-mail address an answer is made of alone («ivanov@romashka.ru»); None when it says anything else."""
    bare = text.strip().strip(".,;")
    if "@" not in bare or any(char.isspace() for char in bare):
        return None
    try:
        return email(bare)
    except InvalidAnswer:
        return None


_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def email_in(text: str) -> str | None:
    """The first valid e-mail address written anywhere in ``text`` («…, Екб, leonid@bars-sec.ru»), or None."""
    return next(filter(None, (_valid_email(found.rstrip(".")) for found in _ADDRESS.findall(text))), None)


def email(text: str) -> str:
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidAnswer("invalid.email") from error


@dataclass(frozen=True)
class Contacts:
    """The phones and the e-mail found in one answer («smirnov@mail.ru, +7 (846) 200-10-20»)."""

    phone: str | None = None
    email: str | None = None
    more_phones: tuple[str, ...] = ()  # «мобильный …, рабочий …»: the phones after the first
    extension: str | None = None  # «доб. 123» of the first phone: without it the call reaches the switchboard

    @property
    def kept(self) -> str:
        """What the ticket keeps: all of them, the phones first, as an engineer calls a critical request back."""
        first = f"{self.phone} доб. {self.extension}" if self.phone and self.extension else self.phone
        return ", ".join(contact for contact in (first, *self.more_phones, self.email) if contact)


SUPPORT_LINE = "+78002500846"  # the support line of the regulation (8-800-25-00-846)
TOLL_FREE = "+7800"


def contacts(text: str) -> Contacts:
    """Every kind of contact in one answer, the first valid of each; raises InvalidAnswer when there is none."""
    value = _AT.sub("@", short_text(text))  # «ivanov @ mail.ru»
    extension = _EXTENSION.search(value)
    if extension:
        value = value[: extension.start()] + value[extension.end() :]
    parts = _SEPARATORS.split(value)
    addresses = [part.rstrip(".") for part in parts if "@" in part]
    phones = _phones_in(" ".join(part for part in parts if "@" not in part))
    if SUPPORT_LINE in phones:  # our own 8-800 line typed back: no way to reach the client
        phones.remove(SUPPORT_LINE)
        if not phones and not addresses:
            raise InvalidAnswer("invalid.support_line")
    address = next(filter(None, map(_valid_email, addresses)), None)
    found = Contacts(phones[0] if phones else None, address, tuple(phones[1:]), extension[1] if extension else None)
    if found.phone or found.email:
        return found
    if "@" in value:
        raise InvalidAnswer("invalid.email")
    if len(_DIGIT.findall(value)) < 6:
        raise InvalidAnswer("invalid.phone_or_email")
    raise InvalidAnswer("invalid.phone")


def merged_contacts(old: str, new: str) -> str:
    """The contact after a change that names one kind of it: «звоните лучше на рабочий 8 846 222-33-44» replaces the
    phones and keeps the e-mail on file (it was dropped), a new e-mail keeps the phones."""
    try:
        before, after = contacts(old), contacts(new)
    except InvalidAnswer:
        return new
    phones = after if after.phone else before
    merged = Contacts(phones.phone, after.email or before.email, phones.more_phones, phones.extension)
    return merged.kept


def phone_in(text: str) -> str | None:
    """The first valid phone written anywhere in ``text`` (E.164) that can be the writer's, or None: a toll-free
    8-800 line is a company's («звонил вам на 8-800-25-00-846, никто не берёт» had our own line offered back)."""
    return next((found for found in _phones_in(text) if not found.startswith(TOLL_FREE)), None)


def only_contacts(text: str) -> bool:
    """The text is phones or e-mail addresses and the words that name them («наш адрес почты test@romashka.ru», «и
    ещё мобильный 8 917 123-45-67»), nothing else."""
    words = _CONTACT_TEXT.sub(" ", _AT.sub("@", text.casefold())).split()
    return all(word in CONTACT_WORDS for word in words)


def _phones_in(text: str) -> list[str]:
    """The valid phones: the whole text as one number, else every number found inside it, each once."""
    try:
        return [phone(text)]
    except InvalidAnswer:
        found = phonenumbers.PhoneNumberMatcher(text, "RU")
        numbers = (phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164) for match in found)
        return list(dict.fromkeys(numbers))


def _valid_email(address: str) -> str | None:
    try:
        return email(address)
    except InvalidAnswer:
        return None


def phone_or_email(text: str) -> str:
    """The contact to keep from a «phone or e-mail» answer, which may hold both (see :class:`Contacts`)."""
    return contacts(text).kept
