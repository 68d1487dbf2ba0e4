"""The optional environment items (core/intake.py ``ENVIRONMENT``) answered in free text instead of by number:
«антивирус Касперский, 3 компьютера, сеть локальная».

The text is cut into parts at commas, semicolons, sentence ends and new lines; each part answers the one item whose
words it has: the antivirus by «антивирус», «брандмауэр» or a vendor's name, the hardware by «процессор», «ГБ» or a
processor's name, the network by «сеть», «коммутатор», the number of PCs by a number of computers or workplaces, the
subsystems by «СКУД», «ОПС», «видеонаблюдение», the connection by «подключено», «USB», «COM-порт», a converter. Parts
of one item stay together in the order written («Core i5, 16 ГБ»). The text is read only when every part plainly
answers exactly one item: a part that names none, or two («3 ПК в одном коммутаторе»), leaves the whole text unread
(the client is asked for the numbers instead). A part that leaves the rest unknown or skipped («остальное не знаю»,
«по другим пунктам пропустим», «больше ничего») answers none and is no reason to leave the text unread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.choice_words import says_unknown
from core.facts import folded

NUMBER_WORDS = r"один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|пара|пару|несколько"
# the words of each item, over folded text (lower case, «ё» as «е»)
ITEM_WORDS: dict[str, str] = {
    "antivirus": r"антивирус\w*|брандмауэр\w*|файрвол\w*|firewall|касперск\w*|kaspersky|dr\.?\s?web|доктор\s?веб"
    r"|eset|nod\s?32|avast|аваст|defender|защитник\w*|symantec|norton|avira|mcafee|secret\s?net|секрет\s?нет",
    "hardware": r"процессор\w*|памят\w*|озу|оперативк\w*|\d+\s?(?:гб|gb|тб|tb)|ssd|hdd|жестк\w*|диск\w*"
    r"|core\s?i\d|xeon|ryzen|pentium|celeron|intel|железо|конфигураци\w*",
    "network": r"сет(?:ь|и|ью|ей|ях)|локалк\w*|коммутатор\w*|свитч\w*|switch|vlan|роутер\w*|маршрутизатор\w*"
    r"|wi-?fi|вай-?фай",
    "pcs": rf"(?:\d+|{NUMBER_WORDS})\s?(?:пк|компьютер\w*|комп\w*|рабоч\w*\s+мест\w*|арм\w*|машин\w*)"
    rf"|(?:пк|компьютер\w*|комп\w*)\s+(?:\d+|{NUMBER_WORDS})",  # «компов три», «два рабочих места»
    "subsystems": r"скуд|опс|ствн|видеонаблюдени\w*|сигнализаци\w*|контрол\w*\s+доступ\w*",
    "connection": r"подключ\w*|usb|юсб|com[-\s]?порт\w*|ком[-\s]?порт\w*|rs-?485|rs-?232|преобразовател\w*|ethernet"
    r"|tcp/?ip|с2000-пи",
}
_ITEMS = {key: re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])") for key, pattern in ITEM_WORDS.items()}
_PARTS = re.compile(r"[,;\n]|\.(?:\s|$)")
_THE_REST = re.compile(r"(?:(?:а|и|по|про|на|насчет)\s+)?(?:все\s+)?(?:остальн\w*|проч\w*|друг(?:ое|ие|им|их)|больше)"
                       r"(?:\s+(?:пункт\w*|вопрос\w*))?")  # fmt: skip
_LEFT = re.compile(r"пропуст\w*|пропуск\w*|нет|ничего|не надо|не нужно|потом|позже|уточню позже")


def items_in_words(text: str, keys: Sequence[str]) -> dict[str, str]:
    """The answers ``text`` plainly gives to the items ``keys``, by key, each as written; empty when some part of it
    answers no item of ``keys`` or more than one."""
    found: dict[str, list[str]] = {}
    for part in (part.strip() for part in _PARTS.split(text)):
        if not part or _leaves_the_rest(part):
            continue
        named = [key for key in keys if key in _ITEMS and _ITEMS[key].search(folded(part))]
        if len(named) != 1:
            return {}
        found.setdefault(named[0], []).append(part)
    return {key: ", ".join(parts) for key, parts in found.items()}


def names_an_item(text: str) -> bool:
    """The text has a word of one of the items («не знаю, касперский вроде» names the antivirus)."""
    return any(pattern.search(folded(text)) for pattern in _ITEMS.values())


def _leaves_the_rest(part: str) -> bool:
    """«остальное не знаю», «по другим пунктам пропустим», «больше ничего», or a bare «не знаю» after the answers."""
    text = folded(part)
    rest = _THE_REST.match(text)
    left = text[rest.end() :].strip(" -—:") if rest else text
    return says_unknown(left) or (rest is not None and _LEFT.fullmatch(left) is not None)
