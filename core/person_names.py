"""The first name in what a client gave as «Фамилия и имя»: for a greeting, never guessed.

Clients write the name in any order («Смирнова Анна», «Анна Смирнова», «Иванов Пётр Сергеевич»), so
the word is chosen by what it is, not where it stands: the one pymorphy3 most takes for a first name.
A name it does not know as one (a Latin spelling, a rare name) gives None, and the greeting goes without.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.morphology import analyzer

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
# below this share of its parses a word is a surname or a common noun that can be a name («Вера» is 0.3)
_NAME_SCORE = 0.1


@lru_cache(maxsize=1024)
def _name_score(word: str) -> float:
    """How much pymorphy3 takes ``word`` for a first name in the nominative: the sum of those parses' scores."""
    return sum(p.score for p in analyzer().parse(word) if {"Name", "nomn"} <= p.tag.grammemes)


def first_name(full_name: str | None) -> str | None:
    """«Смирнова Анна» → «Анна»; None when no word of it is known as a first name."""
    scored = [(_name_score(word.casefold()), word) for word in _WORD.findall(full_name or "")]
    score, word = max(scored, default=(0.0, ""), key=lambda pair: pair[0])
    if score < _NAME_SCORE:
        return None
    return "-".join(part.capitalize() for part in word.split("-"))
