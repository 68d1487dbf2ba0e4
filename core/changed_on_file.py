"""What a returning client says has changed in the data offered back to them («город поменялся, теперь Тольятти»,
«телефон сменился, новый 8 927 111-22-34», «всё так, только организация теперь ООО Вектор»).

The offer is the chat's own client on file (the messenger vouches for who writes), so a change typed here is the
client updating their own data; nothing here looks up anyone by what was typed. Each item is found by the word
that names it («город», «телефон», «организация» …); its new value is what follows, up to the next item named,
without the words of change («теперь», «новый», «поменялся на»). An item named as unchanged («телефон тот же»)
keeps its value; an item named without a new value (or with one its question would refuse) is asked again.
Without any such word a phone, an e-mail, an organisation or a known city typed alone is the change of that item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from core import walker
from core.facts import city_named, extract, folded
from core.intake import FIELDS_BY_KEY
from core.person_names import name_among, with_part_replaced
from core.validators import InvalidAnswer, contacts

# the words naming an item, over folded text (lower case, «ё» as «е»); the first alternative that matches wins
LABELS: dict[str, str] = {
    # the items of a licence request and of the description, named at the summary («номер ключа 654321»)
    "key_number": r"номер\w*\s+ключ\w*",
    "key_type": r"тип\w*\s+ключ\w*",
    "description": r"описани\w*",
    "steps": r"шаг\w*(?:\s+воспроизведени\w*)?",
    "actual": r"(?:полученн\w*|фактическ\w*)\s+результат\w*",
    "pcs": r"компьютер\w*|компов|пк",
    "contact_name": r"контактн\w*\s+лиц\w*|фио|фамили\w*\s+(?:и\s+)?им(?:я|ени)(?:\s+(?:и\s+)?отчеств\w*)?|фамили\w*"
    r"|им(?:я|ени)|отчеств\w*",
    "contact": r"телефон\w*|тел\.|мобильн\w*|сотов\w*|номер(?!\w*\s+(?:ключ|верс|сборк|заявк|прошивк))\w*"
    r"|почт(?:а|у|ы|ой|е)|e-?mail|имейл\w*|емейл\w*|мейл\w*|контакт\w*",
    "organization": r"организаци\w*|компани\w*|фирм\w*|предприяти\w*",
    "city": r"город\w*|переехал\w*",
    "device_firmware": r"(?:верси\w*\s+)?прошивк\w*",  # before the product's version: «версия прошивки»
    "device_name": r"прибор\w*|устройств\w*",
    "product_version": r"верси\w*",
    "product_name": r"продукт\w*|программ\w*",
    "os": r"операционн\w*(?:\s+систем\w*)?|ос|os",
    "antivirus": r"антивирус\w*",
    "hardware": r"железо|конфигураци\w*|процессор\w*",
}
_LABEL = re.compile(
    "|".join(rf"(?<![\w-])(?P<{key}>{pattern})(?![\w-])" for key, pattern in LABELS.items()), re.IGNORECASE
)
# the words of change before a new value («теперь», «новый», «поменялся на», «переехали в») and after it
_CHANGE = re.compile(
    r"поменял\w*|помен\w*|сменил\w*|изменил\w*|обновил\w*|теперь|нов\w*|стал\w*|друг(?:ой|ая|ое|ие)|сейчас|уже"
    r"|наш\w*|у|нас|мы|я|это|на|в|во|только|а|и|же|вот|так|пишите|записывайте|запишите|указывайте|исправ\w*"
    r"|замени\w*|поставьте|укажите|самом|деле|точнее|вернее|добав\w*|допиш\w*|что|там"  # «версия на самом деле 3.1.15»
    r"|поправ\w*|тоже|также|записан\w*|указан\w*|написан\w*"  # «ос тоже поправьте: …», «…неправильно записана, …»
    r"|\W*"
)
# «организация не Вектор, а Вектор-Плюс»: the right value after the wrong one
_NOT_BUT = re.compile(r"не\s+\S.*?,?\s+а\s+(?P<right>\S.*)", re.IGNORECASE | re.DOTALL)
_TAIL = re.compile(r"а|и|но|только|ещё|еще|тоже|остальное|остальные|всё|все|верно|так|правильно|\W*")
_SEPARATORS = " ,:;.!?—–-"
_PUNCTUATION = _SEPARATORS + "«»\"'"
# «телефон не тот, правильный 8 999 …», «версия не та, 3.1.14»: the item was given wrong, the new value follows
_WRONG = re.compile(
    r"(?<![\w-])(?:не\s+(?:тот|та|то|те)|неправильн\w*|неверн\w*|ошибл\w*|ошибся|ошибочн\w*)(?![\w-])", re.IGNORECASE
)
# «версия на самом деле 3.1.15»: the value given wrong, put right with its digits (a version, a phone)
_ACTUALLY = r"на\s+самом\s+деле(?=\W+\S*\d)"
_WRONG = re.compile(rf"{_WRONG.pattern}|(?<![\w-]){_ACTUALLY}", re.IGNORECASE)
_WRONG_WORDS = re.compile(  # and the words of the right value before it: «правильный», «надо», «ой»
    rf"{_WRONG.pattern}|(?<![\w-])(?:правильн\w*|верн\w*|надо|нужно|ой)(?![\w-])", re.IGNORECASE
)
# an item named as it was: «телефон тот же», «город прежний», «организация не поменялась»
_SAME = re.compile(
    r"(?<![\w-])(?:тот\s+же|та\s+же|то\s+же|прежн\w*|так\s+же|такой\s+же|как\s+(?:было|раньше)|остал(?:ся|ась|ось|ись)"
    r"|верн\w*|правильн\w*|не\s+(?:поменял|менял|изменил|сменил)\w*)(?![\w-])",
    re.IGNORECASE,
)

# «фамилия теперь Соколова»: one part of the contact's name named alone (the whole name: «фамилия и имя», «ФИО»)
_NAME_PART = {
    "surname": re.compile(r"фамили\w*"),
    "first": re.compile(r"им(?:я|ени)"),
    "patronymic": re.compile(r"отчеств\w*"),
}

# «добавьте рабочий телефон»: a second contact beside the one on file
_ADD = re.compile(r"(?<![\w-])(?:добав\w*|ещ[её]\s+один|дополнительн\w*)")
# «добавьте в описание: …», «дополню описание: …»: more of the story, after what is there
_ADD_TO = re.compile(r"(?<![\w-])(?:добав\w*|дополн\w*|допиш\w*)")


@dataclass(frozen=True)
class Change:
    """One item the client spoke of: its new value, or (None) to be asked again, and why when it was refused."""

    key: str
    value: str | None
    refused: InvalidAnswer | None = None


_ANY_LABEL = "|".join(LABELS.values())
# the item named and said wrong: «телефон не тот, …», «ой, версия не та …»; «ой, не то, версия 3.1.14»
_NAMED_WRONG = re.compile(
    rf"(?<![\w-])(?:{_ANY_LABEL})(?![\w-])\W+{_WRONG.pattern}|^\W*(?:ой\W+)?(?:не\s+то|ошибл\w*|ошибся)\W+(?:{_ANY_LABEL})(?![\w-])"
    rf"|^\W*(?:исправ|поменя|замени|измени)\w*\s+(?:мо[йюяе]\s+|наш\w*\s+)?(?:{_ANY_LABEL})(?![\w-])",
    re.IGNORECASE,
)


def says_wrong(text: str) -> bool:
    """The message names an item and says it was given wrong («телефон не тот, …», «ой, не то, версия 3.1.14») or to
    be put right («исправьте телефон на …»); not «программа показывает не то время»."""
    return _NAMED_WRONG.search(folded(text)) is not None


def changes_in(text: str, offer: Mapping[str, str]) -> dict[str, Change]:
    """The items of ``offer`` the client's ``text`` speaks of, by key; the value kept where they said it is the same."""
    found = _labelled(text, offer) or _unlabelled(text)
    return {key: change for key, change in found.items() if key in offer}


def _labelled(text: str, offer: Mapping[str, str]) -> dict[str, Change]:
    """The items of the offer named by their word, each with the text up to the next item named as its value."""
    labels = [(m.lastgroup or "", m.start(), m.end()) for m in _LABEL.finditer(folded(text))]
    found: dict[str, Change] = {}
    for index, (key, start, end) in enumerate(labels):
        if key not in offer:
            continue  # «версия …» ends the city's value even where the version was not offered
        stop = labels[index + 1][1] if index + 1 < len(labels) else len(text)
        value = _value_of(text[end:stop])
        if (not_but := _NOT_BUT.fullmatch(value)) is not None:
            value = _value_of(not_but["right"])
        if _WRONG.match(value):  # «не тот, правильный 8 999 …»: the words after it, not «правильный» read as «верный»
            corrected = _parsed(key, _value_of(_WRONG_WORDS.sub(" ", value)))
            found[key] = _name_part(folded(text[start:end]), offer[key], corrected)
        elif _SAME.search(value):
            found[key] = Change(key, offer[key])
        elif _TROUBLE.match(value):  # «программа не запускается после перезагрузки»: the trouble, no new value
            continue
        else:
            found[key] = _name_part(folded(text[start:end]), offer[key], _parsed(key, value))
    return _added(text, found, offer)


def _name_part(label: str, on_file: str, change: Change) -> Change:
    """«Фамилия теперь Соколова»: one word for one part of the name (``label``) replaces that part of the name on
    file, the rest kept; where that part cannot be told among its words, the name is asked again."""
    if change.key != "contact_name" or change.value is None or len(change.value.split()) != 1:
        return change
    part = next((part for part, pattern in _NAME_PART.items() if pattern.fullmatch(label)), None)
    if part is None:
        return change
    return Change(change.key, with_part_replaced(on_file, part, change.value))


def _added(text: str, found: dict[str, Change], offer: Mapping[str, str]) -> dict[str, Change]:
    """«Добавьте рабочий телефон …»: a contact added to the one on file, not put in its place; «добавьте в описание:
    …» is added to the description (it replaced it)."""
    story = found.get("description")
    if story is not None and story.value and _ADD_TO.search(folded(text)):
        found = {**found, "description": Change("description", f"{offer['description']}\n{story.value}")}
    contact = found.get("contact")
    if contact is None or not contact.value or contact.value == offer["contact"] or not _ADD.search(folded(text)):
        return found
    return {**found, "contact": Change("contact", f"{offer['contact']}, {contact.value}")}


# what the item does, not what it is: «программа не запускается», «прибор перестал отвечать», «прибор пишет ошибку»
_TROUBLE = re.compile(
    r"(?:не|перестал\w*|завис\w*|вылета\w*|пада\w*|глюч\w*|тормоз\w*|пишет|выда[её]т|показыва\w*|сбо\w*"
    r"|работает|отвечает|ошибк\w*)(?![\w-])",
    re.IGNORECASE,
)
# «15 пункт», «пункт 15»: the item's number in the summary, said beside its word
_ITEM_NUMBER = re.compile(r"(?<![\w-])(?:\d{1,2}\s*-?\s*(?:й\s+)?пункт\w*|пункт\w*\s*№?\s*\d{1,2})(?![\w-])", re.I)


def _value_of(part: str) -> str:
    """The new value in the text after an item's word: the words of change at its edges taken off."""
    words = _ITEM_NUMBER.sub(" ", part).split()
    while words and _CHANGE.fullmatch(folded(words[0]).strip(_PUNCTUATION)):
        words.pop(0)
    while words and _TAIL.fullmatch(folded(words[-1]).strip(_PUNCTUATION)):
        words.pop()
    return " ".join(words).strip(_SEPARATORS)


def _parsed(key: str, value: str) -> Change:
    """The new value as the item's question would keep it; refused or missing: to be asked again."""
    if not value:
        return Change(key, None)
    if key == "contact_name":  # «Сидоров Алексей, наш новый инженер»: the name, not the words about him
        value = name_among(value) or value
    field = FIELDS_BY_KEY[key]
    try:
        kept = walker.typed_value(field, value)
    except InvalidAnswer as error:
        return Change(key, None, error)
    return Change(key, city_named(kept) if key == "city" else kept)  # «в Самару» → «Самара»


def _unlabelled(text: str) -> dict[str, Change]:
    """A phone or an e-mail, an organisation with its legal form or a known city, typed with no word naming it."""
    found: dict[str, Change] = {}
    try:
        if contacts(text).kept:
            found["contact"] = _parsed("contact", text)
    except InvalidAnswer:
        pass
    facts = extract(text)
    found |= {key: Change(key, facts[key]) for key in ("organization", "city") if key in facts}
    return found
