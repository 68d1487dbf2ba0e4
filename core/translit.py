"""A Russian message typed in Latin letters («ne rabotaet klyuch», «zdravstvuyte»), read back in Cyrillic.

The one spelling table of the project: the FAQ reads Latin words of a query with it too (faq.normalize).
``cyrillic_reading`` is used where the bot reads what a message means (a greeting, a report, the FAQ's question),
never for what it keeps: the client's own words reach the ticket as they were typed. A message is read back only
when it has no Cyrillic, no address, no English word, and most of its words turn into words the Russian dictionary
(pymorphy3) knows, so «Windows Server 2019» or «Elsys-MB» stay as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.morphology import analyzer

# the longest spellings first: «shch» before «sh» and «ch»; a «y» after a vowel is «й» («zdravstvuyte»)
_SPELLINGS = (
    *(("shch", "щ"), ("sch", "щ"), ("tsya", "тся"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч")),
    *(("sh", "ш"), ("yu", "ю"), ("ju", "ю"), ("ya", "я"), ("ja", "я"), ("yo", "ё"), ("'", "ь")),
)
_BEFORE_CONSONANT = (("ay", "ай"), ("oy", "ой"), ("uy", "уй"), ("ey", "ей"), ("iy", "ий"), ("yy", "ый"))
_LETTERS = dict(zip("abcdefghijklmnopqrstuvwyz", "абкдефгхийклмнопкрстуввыз", strict=True)) | {"x": "кс"}
_SPELLING = re.compile(
    "|".join(latin for latin, _ in _SPELLINGS)
    + "|"
    + "|".join(f"{latin}(?![aeiouy])" for latin, _ in _BEFORE_CONSONANT)
    + "|[a-z]"
)
_CYRILLIC_FOR = dict(_SPELLINGS) | dict(_BEFORE_CONSONANT) | _LETTERS
_WORD = re.compile(r"[a-z']+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_ADDRESS = re.compile(r"@|https?:|www\.")
_ENGLISH = frozenset(
    "the is are not found error key a an to of and in on for with please hello hi help windows server bit linux"
    " no yes ok okay".split()
)
_KNOWN_SHARE = 0.6  # of the words of two letters or more: read back only a message mostly Russian


def cyrillic_reading(text: str) -> str:
    """``text`` in Cyrillic when it is Russian typed in Latin letters; otherwise ``text`` as it is."""
    lowered = text.lower()
    words = [word for word in _WORD.findall(lowered) if len(word) > 1]
    if not words or _CYRILLIC.search(text) or _ADDRESS.search(lowered) or _ENGLISH.intersection(words):
        return text
    known = sum(1 for word in words if _known(spelled_in_cyrillic(word)))
    if known < _KNOWN_SHARE * len(words):
        return text
    return _WORD.sub(lambda match: spelled_in_cyrillic(match.group()), lowered)


def spelled_in_cyrillic(word: str) -> str:
    """One lower-case Latin word spelled in Cyrillic («kluch» → «клуч»); an «e» that starts a word is «э» («eto»)."""
    cyrillic = _SPELLING.sub(lambda match: _CYRILLIC_FOR[match.group()], word)
    return "э" + cyrillic[1:] if word.startswith("e") else cyrillic


@lru_cache(maxsize=4096)
def _known(word: str) -> bool:
    return analyzer().word_is_known(word)
