"""The key `support-bot faq gaps` groups unsettled questions by: their words' lemmas, in no particular order.

«Не открывается журнал», «журнал не открывается» and «Журнала не открывается?!» are one question: case,
spacing, punctuation, word order and word forms make no new group. Each word is reduced to its dictionary
form by the shared analyser (core/morphology.py), a verb without «-ся»; the lemmas are sorted, each kept once.
Numbers and Latin words stay as typed (lower case). «Не» is a word like any other: «работает» and «не работает»
stay apart. Different words stay apart too: «не открыть» is not «не открывается» (another verb).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.morphology import analyzer

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")  # «2.1» one number, not «1» and «2»
_CYRILLIC = re.compile(r"[а-я]")
_VERBS = frozenset({"VERB", "INFN"})


def gap_key(text: str) -> str:
    """The grouping key of a question: its lemmas sorted, joined by spaces; "" when it has no word."""
    words = _WORD.findall(text.casefold().replace("ё", "е"))
    return " ".join(sorted({_lemma(word) for word in words}))


@lru_cache(maxsize=16384)
def _lemma(word: str) -> str:
    if not _CYRILLIC.search(word):
        return word
    parse = analyzer().parse(word)[0]
    lemma = parse.normal_form.replace("ё", "е")
    if parse.tag.POS in _VERBS and lemma.endswith(("ся", "сь")):
        return lemma[:-2]
    return lemma
