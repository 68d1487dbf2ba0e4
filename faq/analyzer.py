"""Text to retrieval terms: lemmas with synonyms folded, stop-words and names dropped.

Documents and queries go through the same steps; a query may also have its typos
corrected against the words the knowledge base actually uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from core.morphology import analyzer
from faq.normalize import (
    is_dictionary_word,
    is_latin,
    is_proper_name,
    lemma,
    transliterate,
    words,
)
from faq.synonyms import CANONICAL, PHRASES, REFLEXIVE_MEANINGS, STOP_WORDS, TRANSITIVE_MEANINGS, expand

_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _key, _terms in PHRASES.items():
    _PHRASES_BY_FIRST.setdefault(_key[0], []).append((_key, _terms))

MIN_TYPO_LENGTH = 4
_VERBS = frozenset({"VERB", "INFN"})
NEGATION = "не"
# How many words after "не" it may reach, past stop words: "не всегда работает", not "не берут, а другим".
NEGATION_REACH = 2
# A time of day in a question asks about working hours; read as the word "час". Either a
# clock time ("18:00", "8.30", not the date "01.01.2013") or an hour after "до", "с",
# "после" ("до пяти", "с 8"; five to eleven at night, not "до 3 дней", "после 5 лет" or a price,
# "до 20 тысяч"). "Во сколько" alone asks a shop's hours or a price as often ("во сколько
# обойдётся"): see _AT_WHAT_TIME.
_CLOCK_TIME = re.compile(r"(?<![\d.:])(?:[01]?\d|2[0-3])[:.][0-5]\d(?![.:]?\d)")
_HOUR = re.compile(
    r"\b(?:до|с|со|после|к)\s+(?:[5-9]|1\d|2[0-3]|пят|шест|сем|восьм|девят|десят|одиннадцат|двенадцат)[ьи]?\b"
    r"(?!\s*(?:дн|дес|рабоч|мес|лет|год|сут|нед|мин|шт|лиц|тыс|руб|р\b|км|кг|чел|%))",
    re.IGNORECASE,
)

# "Во сколько" asks the working hours beside a verb of starting, finishing or working ("во сколько вы
# начинаете", "во сколько заканчиваете принимать заявки", "во сколько вы работаете"), not beside a price ("во
# сколько обойдётся работа").
_AT_WHAT_TIME = re.compile(r"\bво\s+ск(?:олько|олко|ока|око)\b", re.IGNORECASE)
_STARTS_OR_ENDS = re.compile(
    r"\b(?:начина|начн|заканчива|законч|конча|открыва|откро|закрыва|закро|работа(?:ете|ет|ют|ем)\b)", re.IGNORECASE
)  # «во сколько вы работаете», «во сколько открываетесь»


# "Стоит" of a thing in place is installed, not priced: "какой антивирус стоит", "какая ОС стоит на сервере", "у нас
# стоит касперский"; "сколько стоит", "стоит ли" are untouched.
_INSTALLED = re.compile(
    r"\b(?:(как(?:ой|ая|ое|ие|ую|их)\s+(?:(?!ско[лк]|скок)[a-zа-яё]+\s+){1,2})"
    r"|(у\s+(?:нас|меня|них|него|вас)\s+(?:(?!ско[лк]|скок|сколь)[a-zа-яё]+\s+){0,2}))"
    r"сто(?:ит|ят)\b(?!\s*(?:дешевл|дорож|дорог|денег|деньг|руб|\d|ско[лк]|скок))",
    re.IGNORECASE,
)


# "Стоит ли переходить на Бастион-3", "стоит ли обновляться": whether it is worth doing, no price; "стоит ли
# покупать" is left as it is (a purchase, the buying verb decides)
_WORTH = re.compile(r"\bстоит\s+ли\s+(?=([a-zа-яё]+))", re.IGNORECASE)
_BUYING = ("куп", "покуп", "приобр", "заказ", "брать", "взять", "доплач", "плат")


def installed_read(text: str) -> str:
    """A thing that "стоит" in place ("какой антивирус стоит") reads as installed, not as a price; not one that
    "стоит" do ("какой ключ стоит купить": worth buying). "Стоит ли" doing something other than buying reads as
    "имеет смысл"."""

    def read(match: re.Match) -> str:
        following = words(text[match.end() :])[:1]
        if following and analyzer().parse(following[0])[0].tag.POS == "INFN":
            return match.group(0)
        return f"{match.group(1) or match.group(2)}установлен"

    def worth(match: re.Match) -> str:
        verb = match.group(1).casefold()
        infinitive = analyzer().parse(verb)[0].tag.POS == "INFN"
        return "имеет смысл " if infinitive and not verb.startswith(_BUYING) else match.group(0)

    return _WORTH.sub(worth, _INSTALLED.sub(read, text))


# Who came or left ("кто во сколько пришёл", "кто опоздал", "кто ушёл раньше") asks about people on the site, the
# attendance our products record; support's "прийти" is said of an answer or a request ("ответ придёт").
_WHO_CAME = re.compile(
    r"\bкто\b(?:\s+[a-zа-яё]+){0,2}?\s+"
    r"(?:пришел|пришёл|пришла|пришли|приходит|приходил|ушел|ушёл|ушла|ушли|уходит|опоздал[аи]?|опаздывает)\b",
    re.IGNORECASE,
)


# A backup the client makes ("сделать резервную копию", "настроить бэкап", "резервное копирование") is a function of the
# product; the base's "копия" and "бэкап" are a copy of the database sent to support on request.
_BACKUP_MADE = re.compile(
    r"\b(?:с?делать|создать|создавать|настроить|настраивать)\s+"
    r"(?:резервн[a-zа-яё]*\s+копи[a-zа-яё]*|б[эе]кап[a-zа-яё]*)"
    r"|\bрезервн[a-zа-яё]*\s+копировани[a-zа-яё]*",
    re.IGNORECASE,
)


# A module made ("сделать нам отдельный модуль", "написать свой модуль", "разработать новый модуль") is development to
# order (section 4.14), neither a module we sell nor who develops the products; the words between are no things
# ("сделать отчёт в модуле" makes a report).
_MODULE_MADE = re.compile(
    r"\b(?:с?делать|написать|разработать|создать|запилить)((?:\s+[a-zа-яё]+){0,2}?)\s+(?=модул)", re.IGNORECASE
)


def _module_made(match: re.Match) -> str:
    between = words(match.group(1))
    if any(analyzer().parse(word)[0].tag.POS == "NOUN" for word in between):
        return match.group(0)
    return f" разработка{match.group(1)} "


def functions_read(text: str) -> str:
    """Who came or left reads as the attendance, a backup made as backing up: words the base never uses; a module
    made reads as development."""
    text = _MODULE_MADE.sub(_module_made, text)
    return _BACKUP_MADE.sub(" резервирование ", _WHO_CAME.sub(" посещаемость ", text))


def _hours_read(text: str) -> str:
    """Times of day and "во сколько" of starting or finishing read as the word "час"."""
    text = _HOUR.sub(" час ", _CLOCK_TIME.sub(" час ", text))
    return _AT_WHAT_TIME.sub(" час ", text) if _STARTS_OR_ENDS.search(text) else text


@lru_cache(maxsize=65536)
def word_terms(word: str) -> tuple[str, ...]:
    """The terms one word stands for; empty for stop-words, numbers and names."""
    if (done := _done_to_it(word)) is not None:
        return expand(done)
    if word in CANONICAL:
        return expand(word)
    if len(word) < 2 or word.isdigit() or word in STOP_WORDS:
        return ()
    cyrillic = transliterate(word) if is_latin(word) else word
    if cyrillic in CANONICAL:
        return expand(cyrillic)
    base = lemma(cyrillic)
    if base in REFLEXIVE_MEANINGS and cyrillic.endswith(("ся", "сь")):
        return expand(REFLEXIVE_MEANINGS[base])
    if base in STOP_WORDS or (base not in CANONICAL and is_proper_name(cyrillic)):
        return ()  # a name the glossary lists ("касперского") is a term, any other is dropped
    return expand(base)


def _done_to_it(word: str) -> str | None:
    """The term of a verb done to a thing ("сломали": damage), not of the thing's own state ("сломался")."""
    if word.endswith(("ся", "сь")) or lemma(word) not in TRANSITIVE_MEANINGS:
        return None
    if analyzer().parse(word)[0].tag.POS not in _VERBS:
        return None
    return TRANSITIVE_MEANINGS[lemma(word)]


def _forms(word: str) -> tuple[str, str]:
    """The word as typed and as lemma, the two spellings a phrase may be listed in."""
    return word, lemma(transliterate(word) if is_latin(word) else word)


def analyze(text: str, terms_of=word_terms) -> list[str]:
    """Terms of `text` in order, multi-word phrases read first.

    A negated word becomes its own term ("не кончилась": "не окончание"), so that "гарантия
    не кончилась" does not read as "гарантия кончилась"; the negation is kept as well.
    """
    tokens = words(text)
    terms: list[str] = []
    negated_at = None  # where the pending negation's word ends
    position = 0
    while position < len(tokens):
        matched = _match_phrase(tokens, position)
        if matched is None:
            length, found = 1, terms_of(tokens[position])
        else:
            length, found = matched
        position += length
        if negated_at is not None and position - negated_at > NEGATION_REACH:
            negated_at = None  # "не берут, а другим": the negation does not reach past two words
        if found == (NEGATION,):
            negated_at = position
            terms.append(NEGATION)
        elif found:
            terms.extend(_negated(found) if negated_at is not None else found)
            negated_at = None
    return terms


def _negated(terms: tuple[str, ...]) -> tuple[str, ...]:
    return (f"{NEGATION} {terms[0]}", *terms[1:])


def _match_phrase(tokens: list[str], position: int) -> tuple[int, tuple[str, ...]] | None:
    for form in _forms(tokens[position]):
        for key, phrase_terms in _PHRASES_BY_FIRST.get(form, ()):
            following = tokens[position + 1 : position + len(key)]
            if len(following) == len(key) - 1 and all(
                word_form == expected or lemma(word_form) == expected
                for word_form, expected in zip(following, key[1:], strict=True)
            ):
                return len(key), phrase_terms
    return None


class QueryAnalyzer:
    """Analyses queries, mending misspelt words into words of the knowledge base."""

    def __init__(self, vocabulary: Mapping[str, tuple[str, ...]]) -> None:
        self._vocabulary = dict(vocabulary)
        self._known = {term for terms in vocabulary.values() for term in terms}
        for variant in CANONICAL:
            self._vocabulary.setdefault(variant, expand(variant))
        for stop_word in STOP_WORDS:
            self._vocabulary.setdefault(stop_word, ())
        self._choices = list(self._vocabulary)
        self.terms_of = lru_cache(maxsize=65536)(self._terms_of)

    def terms(self, text: str) -> list[str]:
        return analyze(_hours_read(functions_read(installed_read(text))), self.terms_of)

    def _terms_of(self, word: str) -> tuple[str, ...]:
        terms = word_terms(word)
        if not terms or self._known.intersection(terms) or not self._may_be_typo(word):
            return terms
        budget = 1 if len(word) <= 5 else 2
        spellings = {word, transliterate(word)} if is_latin(word) else {word}
        matches = [
            match
            for spelling in spellings
            if (
                match := process.extractOne(
                    spelling, self._choices, scorer=DamerauLevenshtein.distance, score_cutoff=budget
                )
            )
        ]
        if not matches:
            return terms
        closest = min(matches, key=lambda match: match[1])
        return self._vocabulary[closest[0]]

    @staticmethod
    def _may_be_typo(word: str) -> bool:
        return len(word) >= MIN_TYPO_LENGTH and (is_latin(word) or not is_dictionary_word(word))


def vocabulary_of(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Every word the texts use, with its lemma, mapped to its terms."""
    vocabulary: dict[str, tuple[str, ...]] = {}
    for text in texts:
        for word in words(text):
            terms = word_terms(word)
            if terms:
                vocabulary.setdefault(word, terms)
                vocabulary.setdefault(terms[0], terms)
    return vocabulary
