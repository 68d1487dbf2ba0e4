"""Word-level normalisation of Russian text: tokens, transliteration, lemmas."""

from __future__ import annotations

import re
from functools import lru_cache

from core.morphology import analyzer
from core.translit import spelled_in_cyrillic

# "c++" and "c#" are words: the names of programming languages.
_TOKEN = re.compile(r"c\+\+|c#|[a-zа-я]+|\d+")
# Addresses identify, they do not ask: "ivanov@mail.ru" is an answer to a form.
# Each alternative may start only where a token starts (the look-behind), so a long token without "@"
# is scanned once rather than from each of its positions: linear time on any text.
_ADDRESS = re.compile(r"(?<!\S)(?:\S+@\S+|https?://\S+|www\.\S+)")
_LATIN = re.compile(r"[a-z]+")

# Proper names carry no topic: a client typing "Иванов Пётр" is answering a form.
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox"})

_PARTICIPLES = frozenset({"PRTF", "PRTS"})
_ADJECTIVES = frozenset({"ADJF", "ADJS"})


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens, with ё folded into е."""
    return _TOKEN.findall(_ADDRESS.sub(" ", text.lower().replace("ё", "е")))


def normalize_phrase(text: str) -> str:
    """A phrase reduced to its words, to compare phrasings regardless of punctuation."""
    return " ".join(words(text))


def is_latin(word: str) -> bool:
    return _LATIN.fullmatch(word) is not None


def transliterate(word: str) -> str:
    """Latin spelling of a Russian word ("kluch", "poteryal") back to Cyrillic, ё folded into е as ``words`` does."""
    return spelled_in_cyrillic(word).replace("ё", "е")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Dictionary form; verbs lose "-ся" so "потерялся" meets "потеряли" and "потерян"."""
    parses = analyzer().parse(word)
    # "потерян" reads as an adjective as often as a participle: take the verb.
    parse = parses[0]
    if parse.tag.POS in _ADJECTIVES:
        parse = next((p for p in parses if p.tag.POS in _PARTICIPLES and p.score >= parse.score), parse)
    normal = parse.normal_form.replace("ё", "е")
    if parse.tag.POS in {"VERB", "INFN"} and normal.endswith(("ся", "сь")):
        return normal[:-2]
    return normal


@lru_cache(maxsize=65536)
def is_dictionary_word(word: str) -> bool:
    return bool(analyzer().word_is_known(word))


@lru_cache(maxsize=65536)
def is_proper_name(word: str) -> bool:
    """A person's name or a place, as the dictionary's most likely reading."""
    parse = analyzer().parse(word)[0]
    return is_dictionary_word(word) and bool(_NAME_GRAMMEMES & parse.tag.grammemes)
