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


@lru_cache(maxsize=1024)
def _any_case_score(word: str) -> float:
    """How much pymorphy3 takes ``word`` for a first name in any case («Маргарите», «Ивана»)."""
    return sum(p.score for p in analyzer().parse(word) if "Name" in p.tag.grammemes)


# a lower-case word right before: the capital is the name's, not the sentence's («Надежды нет» names no one)
_SENTENCE_GOES_ON = re.compile(r"[а-яёa-z0-9,]\s+$")


@lru_cache(maxsize=1024)
def _patronymic(word: str) -> bool:
    return any("Patr" in p.tag.grammemes for p in analyzer().parse(word))


def _first_name_at(words: list[str]) -> int | None:
    """Which of the words of a name is its first name, the one pymorphy3 most takes for one; None when none is."""
    scored = [(_name_score(word.casefold()), index) for index, word in enumerate(words)]
    score, index = max(scored, default=(0.0, 0), key=lambda pair: pair[0])
    return index if score >= _NAME_SCORE else None


def first_name(full_name: str | None) -> str | None:
    """«Смирнова Анна» → «Анна»; None when no word of it is known as a first name."""
    words = _WORD.findall(full_name or "")
    index = _first_name_at(words)
    if index is None:
        return None
    return "-".join(part.capitalize() for part in words[index].split("-"))


def is_full_name(text: str) -> bool:
    """«Кузнецов Дмитрий», «Анна Петровна Смирнова»: two or three words, each of them part of a person's name, one a
    first name. The answer to the city or the organisation question typed where the name was meant."""
    words = text.split()
    if not 2 <= len(words) <= 3 or any(not _WORD.fullmatch(word) for word in words):
        return False
    first = _first_name_at(words)
    return first is not None and all(_is_person(word.capitalize()) for i, word in enumerate(words) if i != first)


def with_part_replaced(full_name: str, part: str, new: str) -> str | None:
    """«Смирнова Анна Петровна» with a new surname «Соколова»: «Соколова Анна Петровна», the other words kept in
    their order; ``part`` is "surname", "first" or "patronymic". The part is told by what the words are, in any order:
    the first name as :func:`first_name` finds it, a patronymic by pymorphy3, the surname the one word left; None when
    the name has no such word, or more than one."""
    words = full_name.split()
    first = _first_name_at(words)
    others = [index for index in range(len(words)) if index != first]
    patronymics = [index for index in others if _patronymic(words[index].casefold())]
    found = {
        "first": [] if first is None else [first],
        "patronymic": patronymics,
        "surname": [index for index in others if index not in patronymics],
    }[part]
    if len(found) != 1:
        return None
    words[found[0]] = new
    return " ".join(words)


# «можно Сергея Викторовича?», «соедините с Андреем», «позовите Орлова»: a person of the staff asked for by name
_ASKS_FOR = re.compile(
    r"(?:^|[\s,.!])(?:позов|позва|соедин|переключ|переведи|свяж|дайте|можно|нужен|нужна|хочу|пригласи)\w*"
    r"(?:\s(?:мне|меня|пожалуйста|с|со|к|на))*\s(?P<name>[А-ЯЁ][а-яё]+)",
    re.IGNORECASE,
)
_PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
_ASKED_WORDS_AT_MOST = 8  # a longer message is a question or a report that names someone


def asks_for_someone(text: str) -> bool:
    """The client asks for a person by name («можно Сергея Викторовича?», «соедините с Андреем»), not for the bot."""
    if len(_WORD.findall(text)) > _ASKED_WORDS_AT_MOST:
        return False
    return any(_is_person(match["name"]) for match in _ASKS_FOR.finditer(text))


def _is_person(word: str) -> bool:
    """The capitalised word is a first name, a patronymic or a surname for pymorphy3 (in any case)."""
    return word[0].isupper() and any(p.tag.grammemes & _PERSON_GRAMMEMES for p in analyzer().parse(word.casefold()))


NAME = "[name]"
# security products of the field that pymorphy3 knows as first names: «не видит Орион» names no one
PRODUCTS_NAMED_LIKE_PEOPLE = frozenset({"орион", "сириус", "аргус"})
_CAPITALISED = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?![\w-])")


def mask_names(text: str) -> str:
    """``text`` with people's names replaced by ``[name]``: a capitalised first name («Алексей»), and a surname or
    patronymic beside another part of a name («Сидоров Алексей»). A lone word that is only possibly a surname
    stays, and so do the products named like people («Орион»).

    >>> mask_names("Меня зовут Сидоров Алексей, не работает Орион")
    'Меня зовут [name] [name], не работает Орион'
    """
    found = list(_CAPITALISED.finditer(text))
    person = [_is_person(match.group()) for match in found]
    masked = []
    for i, match in enumerate(found):
        beside = [j for j in (i - 1, i + 1) if 0 <= j < len(found) and person[j] and _adjacent(text, found, i, j)]
        word = match.group().casefold()
        if word in PRODUCTS_NAMED_LIKE_PEOPLE:
            continue
        in_sentence = _SENTENCE_GOES_ON.search(text[: match.start()]) is not None
        if _name_score(word) >= _NAME_SCORE or (in_sentence and _any_case_score(word) >= _NAME_SCORE):
            masked.append(match)  # «звонить Маргарите», «спросите Ивана»: a name in another case, within a sentence
        elif person[i] and beside:
            masked.append(match)
    for match in reversed(masked):
        text = text[: match.start()] + NAME + text[match.end() :]
    return text


def _adjacent(text: str, found: list[re.Match[str]], i: int, j: int) -> bool:
    """The two capitalised words have only spaces between them."""
    first, second = sorted((found[i], found[j]), key=lambda match: match.start())
    return not text[first.end() : second.start()].strip()


# «меня зовут Сергей Петров», «Я Иванова Мария Петровна, …», «Контактное лицо: Иванов Иван»: the writer introducing
# themselves, then two or three capitalised words
_INTRODUCED = re.compile(
    r"(?:(?<![\w-])меня\s+зовут|(?:^|[.!?,]\s*)я|контактное\s+лицо|с\s+уважением)\W+"
    r"(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?){1,2})",
    re.IGNORECASE,
)


# what stands beside a name in one answer: «Иванов Пётр, +7 916 123-45-67», «Смирнов Дмитрий тел 89051234567 a@b.ru»
_PARTS = re.compile(r"[,;\n]|[.!?](?:\s|$)")
_BESIDE = re.compile(
    r"\S*[\d@]\S*|(?<!\w)(?:тел|телефон|моб|почта|e-?mail|контакт\w*(?:\s+лиц\w*)?|фио|меня\s+зовут|зовут|я)\b\.?:?",
    re.IGNORECASE,
)


def name_among(text: str) -> str | None:
    """A person's full name written as one part of an answer, beside contacts or other facts («Иванов Пётр Сергеевич,
    +7 916 123-45-67», «89051234567, ООО Гранит, Воронеж, Смирнов Дмитрий»); None when no part is one."""
    for part in _PARTS.split(text):
        candidate = " ".join(_BESIDE.sub(" ", part).split())
        if is_full_name(candidate):
            return candidate
    return None


def introduced_name(text: str) -> str | None:
    """The full name the writer gives as theirs («меня зовут Сергей Петров»); None when there is none."""
    for match in _INTRODUCED.finditer(text):
        words = match["name"].split()
        for size in (3, 2):  # «Иванова Мария Петровна», or two words and something else after them
            candidate = " ".join(words[:size])
            if len(words) >= size and all(word[0].isupper() for word in words[:size]) and is_full_name(candidate):
                return candidate
    return None
