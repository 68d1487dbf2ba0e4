"""Removing one person's data from free text and JSON: their phones in any format, e-mails and names.

Used when consent is withdrawn: technical texts (a ticket's description, the transcript) stay, but
every trace of the person in them goes. Anything else shaped like a phone or an e-mail goes as well,
since the client may have typed a number we never stored as theirs, and so does any name, organisation
named with its legal form and messenger handle typed (``without_person``): the first message often
introduces the writer («Зайцев Олег Петрович, ООО Альфа-Безопасность»), who is then never asked the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from core.facts import LEGAL_FORMS, organization_names
from core.person_names import mask_names
from core.pii import mask_personal

REDACTED = "[удалено]"
_SEPARATORS = r"[\s().-]{0,3}"
_NAME_TOKEN = re.compile(r"[^\W\d_]{3,}")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z]\w{3,31}")  # «в телеге я @grisha_lapin»
# a profile's address on a social network or a messenger: «t.me/petrov_p», «vk.com/id123»
_PROFILE_LINK = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|vk\.com|ok\.ru|instagram\.com|facebook\.com|wa\.me)"
    r"/[\w.+-]+",
    re.IGNORECASE,
)
_NATIONAL_DIGITS = 10  # a Russian number without +7/8; shorter foreign numbers keep all their digits
# keys that address or reference something (a chat, a stored file, a button): kept, or delivery breaks
KEPT_KEYS = frozenset({"channel", "chat", "ref", "kind", "mime_type", "payload", "type", "ticket"})


def without_person(text: str) -> str:
    """What a client whose consent is withdrawn writes on a ticket, kept without anything that names a person (any
    phone, e-mail, name, organisation or handle): the ticket goes on without them, and a number typed again is not
    collected."""
    return _typed_identity_masked(mask_personal(text))


def _typed_identity_masked(text: str) -> str:
    """``text`` without the names, organisations (after their legal form: «ИП [удалено]») and @handles typed in it."""
    for start, end in reversed(organization_names(text)):
        text = text[:start] + REDACTED + text[end:]
    return mask_names(_HANDLE.sub(REDACTED, _PROFILE_LINK.sub(REDACTED, text)))


def _phone_pattern(phone: str) -> str | None:
    """A number's digits with any separators between them, with or without its country prefix."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 7:
        return None
    national = digits[-_NATIONAL_DIGITS:]
    return r"(?:\+?\d{1,3}" + _SEPARATORS + r")?" + _SEPARATORS.join(national)


_ENDING = re.compile(r"[аяоеыиуюйь]$", re.IGNORECASE)
_CASE_ENDINGS = "ами|ями|ому|ему|ой|ей|ою|ею|ом|ем|ым|им|ых|их|ая|яя|ую|юю|ое|ее|ах|ях|ам|ям|ов|ев|[аяоеыиуюйь]"


def _name_pattern(token: str, *, capitalised: bool = False) -> str:
    """A word of a name in any of its cases: «Смирнова» → «Смирновой», «Ольга» → «Ольге», «Пётр» → «Петра»; never
    a longer word that only begins like it («Анна» is no part of «аннулировать»). ``capitalised``: only as written
    with its capital («из Ромашки», not the everyday word «ромашки»)."""
    stem = _ENDING.sub("", token) if len(token) > 3 else token
    letters = _either_e(re.escape(stem[1:]))
    first = f"(?-i:{re.escape(stem[0].upper())})" if capitalised else _either_e(re.escape(stem[0]))
    return rf"(?<!\w){first}{letters}(?:{_CASE_ENDINGS})?(?!\w)"


_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ("a b v g d e e|yo zh z i y|i|j k l m n o p r s t u f kh|h ts|c ch sh sch|shch  y  e yu|iu ya|ia").split(" "),
        strict=True,
    )
)
_LATIN_STEM_AT_LEAST = 4


def _latin_pattern(token: str) -> str | None:
    """A name's word as it is written in Latin letters («Лапин» → «Lapin», «Григорий» → «Grigory»): its stem
    transliterated, any short ending; None for a stem too short to tell."""
    stem = re.sub(r"[аяоеёыиуюйь]+$", "", token.casefold())
    if len(stem) < _LATIN_STEM_AT_LEAST or not all(letter in _LATIN for letter in stem):
        return None
    letters = "".join(f"(?:{_LATIN[letter]})" if _LATIN[letter] else "" for letter in stem)
    return rf"(?<![\w@.]){letters}[a-z]{{0,3}}(?![\w@])"


def _either(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(patterns), re.IGNORECASE) if patterns else None


def _either_e(pattern: str) -> str:
    """«ё» and «е» alike: «Пётр» is typed «Петр» as often."""
    return re.sub("[ёеЁЕ]", "[ёеЁЕ]", pattern)


def _without_legal_form(organization: str) -> str | None:
    """«ООО «Архив Сервис»» → «Архив Сервис»: the name as it is also written; None when nothing is left or changed,
    or one word is left."""
    words = [w for w in organization.split() if w.casefold().strip("«»\"'") not in LEGAL_FORMS]
    bare = " ".join(words).strip(" «»\"'")
    return bare if " " in bare and bare != organization else None  # «ООО Архив»: «архив» alone is anyone's word


def _words_of_name(organization: str) -> tuple[str, ...]:
    """The words of an organisation's name without its legal form and quotes: «ООО «Ромашка»» → («Ромашка»,)."""
    words = (w.strip("«»\"'") for w in organization.split())
    return tuple(w for w in words if w and w.casefold() not in LEGAL_FORMS)


class Scrubber:
    """Replaces the given person's values in texts and in JSON-like data with «[удалено]»."""

    def __init__(
        self,
        *,
        phones: Iterable[str],
        emails: Iterable[str],
        names: Iterable[str],
        organizations: Iterable[str] = (),
        not_names: Iterable[str] = (),
    ) -> None:
        """``names``: people's, cut as a whole and word by word in any ending («Смирновой»); ``organizations``: cut
        as a whole only, with or without their legal form and quotes: their words are everyday ones («Архив
        Сервис»), and cutting them took «архив» out of «не пишется архив» in the description. ``not_names``: values
        that stand in for an answer («уточняется у клиента»), never cut."""
        contacts = [p for p in map(_phone_pattern, set(phones)) if p] + [re.escape(e) for e in set(emails) if e]
        self._contacts = _either(contacts)
        skipped = {value.strip().casefold() for value in not_names}
        names = {n.strip() for n in names if n and n.strip() and n.strip().casefold() not in skipped}
        organizations = {o.strip() for o in organizations if o and o.strip() and o.strip().casefold() not in skipped}
        wholes = names | organizations | {bare for o in organizations if (bare := _without_legal_form(o))}
        # whole values first, as whole words: a profile named «sql» took «SQL» out of «SQLEXPRESS»
        patterns = [rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(wholes, key=len, reverse=True)]
        # «ООО» of «ООО «Зенит»» names no one: cut everywhere, it took «ООО» out of every text, the consent's too
        tokens = {token for name in names for token in _NAME_TOKEN.findall(name) if token.casefold() not in LEGAL_FORMS}
        patterns += [_name_pattern(token) for token in sorted(tokens, key=len, reverse=True)]
        patterns += [latin for token in tokens if (latin := _latin_pattern(token))]  # «Grigory Lapin»
        # «ООО Ромашка» written «из Ромашки»: a one-word name in its cases, only with its capital (not «архив»)
        single = {bare for o in organizations if len(bare := _words_of_name(o)) == 1}
        patterns += [_name_pattern(word, capitalised=True) for (word,) in single if len(word) > 3]
        self._names = _either(patterns)

    def text(self, value: str) -> str:
        """The person's phones and e-mails, and anything shaped like one, first («grigory.lapin@yandex.ru» lost
        only its surname); then their names and organisations in any case, then whatever else names someone."""
        if self._contacts is not None:
            value = self._contacts.sub(REDACTED, value)
        value = mask_personal(value)
        if self._names is not None:
            value = self._names.sub(REDACTED, value)
        return _typed_identity_masked(value)

    def data(self, value: Any) -> Any:
        """The same structure with every string scrubbed, except addresses and references (``KEPT_KEYS``)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: item if key in KEPT_KEYS else self.data(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        return value
