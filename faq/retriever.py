"""Finding the knowledge-base entry that answers a client's message, and what the client wants.

Each entry is indexed by the terms of its question, phrasings and tags. A query is
scored against every entry sharing a term with it by three measures:

* phrasing similarity: the idf-weighted cosine with the closest single phrasing;
* coverage: the share of the query's idf weight that the entry's terms explain (a word
  found only in the entry's answer counts for ANSWER_TERM_SHARE of it, a word close in
  meaning to one of the entry's words for up to KINSHIP_SHARE of it);
* meaning: the cosine of the idf-weighted mean word vectors (navec) of the query and
  of the entry's closest phrasing, MEANING_WEIGHT of the score.

All three are products of small matrices built once (words × phrasings, words ×
entries, phrasings × vector dimensions), so a query costs the same whatever the base.

Words the base never uses still weigh in the query, so a question about something
else ("погода", "ресторан") scores low however many of its words are common. The best
entry answers when it covers most of the query, or is close in meaning to a query made
mostly of the base's words, or is a clear winner sharing several words with it, or scores
well on a query made only of the base's words. A word that names someone else's topic
("python", "1С", "cisco") makes the regulation's refusal the answer unless our product is
named too, but a price of someone else's thing ("во сколько обойдётся ремонт самсунга", "сколько стоит
камера dahua") and a choice between other vendors' products ("что лучше: hikvision или dahua") are declined.
Support's hours and days off answer a question of time only when it is asked of us
(faq.intent.asked_of_us: not "какой сегодня праздник") and not of someone else ("часы работы у налоговой");
a private place ("роутер дома") is the client's own matter, declined; two ways of reaching us, one already
used, ask whether to duplicate the request. Some words are read by the message around them: another program
where our data is exported ("выгрузка в Excel") or to which ours is linked ("связать бастион с 1С") is
integration, a key older than its warranty is out of it, which computer to buy is a choice, not a purchase, a
thing that "стоит" in place is installed ("какой антивирус стоит"); and help asked with one thing ("помогаете ли
с инсталляцией") is answered by the entry whose question offers that help. A question on how to do something in our
products (core.howto_words) is answered only by an entry about a thing it names, and not when each of its verbs is a
word the base never uses: declined, it becomes a consultation request ("как добавить сотрудника в бастион").

A message that reports a malfunction (faq.intent) is answered only by an entry written
for reports that fits it closely; either way the engine starts the intake, and offers beside
it the best such entry that is about what broke (`FaqIndex.concerns`). The thresholds were calibrated on the shared dev
set and tests/faq/tuning.yaml, never on the held-out sets.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import structlog

from core.howto_words import asks_how_to_use
from core.morphology import analyzer
from core.wish_words import asks_for_feature, without_urgency
from faq.analyzer import NEGATION, QueryAnalyzer, analyze, vocabulary_of
from faq.embeddings import MeaningIndex, TermEncoder, load_vectors
from faq.intent import (
    FAILURE_VERBS,
    PRICE_WORDS,
    TROUBLE_WORDS,
    asked_of_us,
    asks_for_help,
    asks_to_buy,
    asks_to_write_code,
    asks_what_product_does,
    asks_which_computer,
    asks_which_is_better,
    asks_which_os,
    doing_words,
    is_report,
    names_exchange,
    names_others_hours,
    names_others_service,
    names_our_product,
    names_private_place,
    names_sold_thing,
    outlives_warranty,
    prices_others_goods,
    unmarked_key,
    uses_second_channel,
)
from faq.knowledge import FaqEntry, KnowledgeBaseError, check_entries, entry_files, load_entries

logger = structlog.get_logger(__name__)

PHRASING_WEIGHT = 0.5
# The share of the score that comes from meaning (word embeddings) rather than shared words.
MEANING_WEIGHT = 0.2
# ANSWER_THRESHOLD, MEANING_SURE, CLEAR_COVERAGE and CLEAR_LEAD were recalibrated in the fifth
# round (bench/faq.py) by 5-fold cross-validation on the tuning set, with no off-topic question
# of the training folds answered: every fold chose these values (they were 0.45, 0.8, 0.45, 0.1).
ANSWER_THRESHOLD = 0.42
# Close enough in meaning to answer although the client's words are not the entry's...
MEANING_SURE = 0.75
# ...as long as words the base never uses weigh less than this share of the message: a word
# of the base lends its meaning to "погода на выходные" as much as to "звонить в выходные".
MEANING_FOREIGN_SHARE = 0.35
# A report is answered only by an entry that fits it this well; otherwise the intake starts.
REPORT_THRESHOLD = 0.55
# ...and clearly better than the next entry.
REPORT_MARGIN = 0.1
# An entry below the threshold is still offered («Возможно, поможет») from this score.
SUGGEST_THRESHOLD = 0.3
# ...to a declined question that shares no word naming a thing with it only when words the base never uses weigh
# less than this share of the question (`FaqIndex._related`; the sixteenth round, bench/faq.py).
SUGGEST_FOREIGN_SHARE = 0.4
# Beside a report, only an entry whose topic the report names (`FaqIndex.concerns`): "программа не
# открывается" shares "не открывается" with many an entry, but none of them is about what broke. An
# entry's topics are the things its tags and its own question name ("ключ", "обновление", "база"):
# nouns and adjectives, not what a thing does ("считыватели перестали читать карты" is not the key whose
# number cannot be read), and none of the words below.
# Trouble in general ("ошибка", "сбой", "сломался", a negation) names no topic; "авария" reads as
# "критичный", the topic of the entry on critical requests, which a report may name.
GENERIC_TROUBLE = (frozenset(analyze(" ".join(sorted(TROUBLE_WORDS | FAILURE_VERBS)))) | {NEGATION}) - {"критичный"}
# Nor does what every request has (our product: "программа", "бастион"; its working, support, the
# request), or a price ("всё стоит" reads as "стоимость" as often as a standstill).
ANY_REQUEST = frozenset({"продукт", "работа", "поддержка", "заявка", "решение"}) | frozenset(
    analyze(" ".join(sorted(PRICE_WORDS)))
)
TOPIC_PARTS = frozenset({"NOUN", "ADJF", "ADJS"})
# A report's word names a topic when the two start with the same letters, this many: "обновили", "обновление".
TOPIC_STEM = 5
# Entries with this tag refuse help with other vendors' products; never the answer when ours are named.
THIRD_PARTY_TAG = "сторонний"
# Tags of the regulation's refusals that one word of the query decides ("python", "cisco", "1С"):
# unless the message names our product, the entry so tagged is the answer, however little else
# of the message it covers, once it scores SUGGEST_THRESHOLD.
OTHERS_TOPICS = frozenset({THIRD_PARTY_TAG, "программирование"})
# Entries with this tag are the commercial department's: the answer to a price or a purchase
# (faq.intent.asks_to_buy) of a message of more than one word, once they score SUGGEST_THRESHOLD,
# when it names a thing we sell or has no word the base never uses ("где взять прайс", not
# "сколько стоит айфон"); never the answer otherwise:
# "как с вами связаться по телефону" is not about the sales department's phone. When the message names a thing we
# sell and no other entry answers it, the best of them answers whatever its score ("цена модуля учёта рабочего
# времени").
SALES_TAG = "продажа"
# The term, and the tag of the answer, of a message that reaches us a second way
# (faq.intent.uses_second_channel), once the entry scores SUGGEST_THRESHOLD.
DUPLICATING = "дублировать"
# Entries with one of these tags tell support's hours and days off: the answer only to a message asked of
# us (faq.intent.asked_of_us), not to "какой сегодня праздник" or "во сколько закрывается почта".
# Declined only when all the message shares with the entry is a word of time (CALENDAR_TERMS): "выходные
# считаются во время реакции?" names support's work by "реакция".
# In an export or import "в" / "из" another program (faq.intent.names_exchange), that program's name reads as this
# term, not as someone else's topic: "нужна выгрузка в Excel", "импорт сотрудников из 1С" ask about our integration.
EXCHANGE = "интеграция"
# The term of a question which computer to buy (faq.intent.asks_which_computer): advice on the choice.
CHOICE = "выбор"
# The terms of an operating system the product should run on (faq.intent.asks_which_os).
OS_TERMS = ("операционный", "система")
# A key older than its warranty of 12 months (faq.intent.outlives_warranty) is read as one whose warranty is over:
# "ключ сломался на второй год, замена платная?" asks what "после окончания гарантии" does.
KEY = "ключ"
EXPIRED = "окончание"
UNMARKED = f"{NEGATION} маркировка"  # a key without it (faq.intent.unmarked_key): its replacement is п. 6.5's
SCHEDULE_TAGS = frozenset({"график", "выходной", "ночь"})
CALENDAR_TERMS = frozenset(
    analyze(
        "час время день утро вечер ночь выходной праздник будни суббота воскресенье пятница сегодня открывать "
        "закрывать начинать заканчивать обед перерыв"
    )
)
# Most of what the client asked must be about the entry, not one shared word.
MIN_COVERAGE = 0.6
# ...or less of it, when the entry is a clear winner: it has at least CLEAR_SHARED of the
# query's words and leads the next entry by CLEAR_LEAD, or has more of them. Polite words
# and context ("после сбоя питания") then do not hide the question; a message about
# something else shares one word with the base at most ("где купить шины").
CLEAR_COVERAGE = 0.4
CLEAR_SHARED = 2
CLEAR_LEAD = 0.05
# ...or when every word of the message is one the base uses, and the entry explains most of
# them and scores well: "а в пятницу до скольки вы" has nothing the base lacks.
KNOWN_WORDS_COVERAGE = 0.44
KNOWN_WORDS_SCORE = 0.55
# A query word found only in an entry's answer counts for this share of its weight.
ANSWER_TERM_SHARE = 0.5
# A query word the entry lacks counts by its closeness in meaning to the entry's nearest word:
# nothing up to KINSHIP_FLOOR (cosine), then linearly up to KINSHIP_SHARE of its weight.
KINSHIP_FLOOR = 0.3
KINSHIP_SHARE = 0.8
# A negated word the base never uses ("не воспроизвести") counts for this share of the plain word.
NEGATED_SHARE = 0.5
# The weight of a query word the base never uses, on the scale of idf (a word found
# in one entry of 75 weighs about 4.3, one in every tenth about 2.4).
UNKNOWN_WORD_WEIGHT = 3.0


_SENTENCE_END = re.compile(r"[.!?;\n]+")
STORY_WORDS_AT_LEAST = 40  # a message this long is a story: one sentence of it telling of trouble makes it a report


def tells_of_trouble(message: str) -> bool:
    """A long story («Пишу от ООО…, у нас несколько проблем сразу. Первое: … перестали приходить события…») with a
    sentence that reports trouble: its question words elsewhere («что делать?», «если человек пришёл…») do not make
    it a question to answer from one entry."""
    if len(message.split()) < STORY_WORDS_AT_LEAST:
        return False
    return any(is_report(sentence) for sentence in _SENTENCE_END.split(message) if sentence.strip())


def default_entries_dir() -> Path:
    return Path(__file__).resolve().parent / "entries"


@dataclass(frozen=True)
class FaqHit:
    id: str
    question: str
    answer: str
    score: float


@dataclass(frozen=True)
class FaqAnswer:
    query: str
    answered: bool
    results: tuple[FaqHit, ...]
    report: bool = False  # the text reports a malfunction of our products: the intake comes first
    suggestion: FaqHit | None = None  # not answered, or a report: an entry that may still help («Возможно, поможет»)
    consultation: bool = False  # not answered: a question on what our product does, for an engineer (п. 3.3)

    def to_json(self) -> dict:
        """The object of `faq ask --json` and `/api/faq/search` (see CONTRACT.md)."""
        return {
            "query": self.query,
            "answered": self.answered,
            "results": [
                {"id": hit.id, "question": hit.question, "answer": hit.answer, "score": round(hit.score, 3)}
                for hit in self.results
            ],
        }


@dataclass(frozen=True)
class _Ranking:
    """The entries sharing a word with the query, best first, and their measures (arrays by entry)."""

    order: np.ndarray
    score: np.ndarray
    coverage: np.ndarray  # share of the query's weight the entry's words explain
    meaning: np.ndarray  # cosine of the embedded query with the entry's closest phrasing
    foreign: float  # share of the query's weight in words the base never uses


class _PerEntry:
    """The best of per-phrasing values for each entry, in one step.

    The phrasings are listed entry by entry, so each entry's are one run of positions;
    an entry without phrasings scores 0.
    """

    def __init__(self, owners: Sequence[int], count: int) -> None:
        if list(owners) != sorted(owners):
            raise ValueError("phrasings must be listed entry by entry")
        self._count = count
        self._owners, self._starts = np.unique(np.asarray(owners, dtype=np.intp), return_index=True)

    def best(self, values: np.ndarray) -> np.ndarray:
        """Per entry (along the last axis), the largest of its phrasings' values, and at least 0."""
        best = np.zeros((*values.shape[:-1], self._count), dtype=values.dtype)
        if len(self._starts):
            best[..., self._owners] = np.maximum.reduceat(values, self._starts, axis=-1)
        return np.maximum(best, 0.0)


class FaqIndex:
    """An in-memory index over the entries; built once, then searched without I/O."""

    def __init__(self, entries: Sequence[FaqEntry]) -> None:
        self._entries = list(entries)
        self._numbers = {entry.id: number for number, entry in enumerate(self._entries)}
        phrasing_terms: list[tuple[int, frozenset[str]]] = []
        self._entry_terms: list[frozenset[str]] = []
        self._answer_terms: list[frozenset[str]] = []
        self._tag_terms: list[frozenset[str]] = []
        for number, entry in enumerate(self._entries):
            texts = [frozenset(analyze(text)) for text in entry.texts]
            tags = frozenset(analyze(" ".join(entry.tags)))
            phrasing_terms.extend((number, terms) for terms in (*texts, tags) if terms)
            self._entry_terms.append(frozenset().union(tags, *texts))
            self._answer_terms.append(frozenset(analyze(entry.answer)))
            self._tag_terms.append(tags)
        self._tag_frequency: dict[str, int] = defaultdict(int)
        for tags in self._tag_terms:
            for term in tags:
                self._tag_frequency[term] += 1
        self._third_party = np.array([THIRD_PARTY_TAG in tags for tags in self._tag_terms], dtype=bool)
        self._others_topics = [OTHERS_TOPICS & tags for tags in self._tag_terms]
        self._sales = [SALES_TAG in entry.tags for entry in self._entries]  # as written: analysis maps it
        self._schedule = [bool(SCHEDULE_TAGS & tags) for tags in self._tag_terms]
        self._duplicating = [DUPLICATING in tags for tags in self._tag_terms]
        self._for_reports = [any(is_report(text) for text in entry.texts) for entry in self._entries]
        # What an entry asks whether we help with: the terms of its question when it is a question of help.
        self._offers_help_with = [
            frozenset(analyze(entry.question)) if asks_for_help(entry.question) else frozenset()
            for entry in self._entries
        ]
        self._topics = [
            frozenset(filter(_names_a_topic, tags.union(analyze(entry.question))))
            for tags, entry in zip(self._tag_terms, self._entries, strict=True)
        ]

        # Every word of the base gets a row (`_row[word]`); per word and entry, the share
        # of its weight the entry explains by having it (1 among its own words, ANSWER_TERM_SHARE
        # in its answer).
        vocabulary = sorted(frozenset().union(*self._entry_terms, *self._answer_terms))
        self._row = {term: row for row, term in enumerate(vocabulary)}
        self._share_by_word = np.zeros((len(vocabulary), len(self._entries)), dtype=np.float32)
        for number, (terms, answer) in enumerate(zip(self._entry_terms, self._answer_terms, strict=True)):
            for term in answer:
                self._share_by_word[self._row[term], number] = ANSWER_TERM_SHARE
            for term in terms:
                self._share_by_word[self._row[term], number] = 1.0
        entries_with = np.count_nonzero(self._share_by_word, axis=1)
        count = len(self._entries)
        self._idf = {term: math.log(1 + count / entries_with[row]) for term, row in self._row.items()}

        # A word's row tells which phrasings have it; per phrasing, the norm of its idf-weighted vector.
        self._phrasing_words = np.zeros((len(vocabulary), len(phrasing_terms)), dtype=np.float32)
        for position, (_, terms) in enumerate(phrasing_terms):
            for term in terms:
                self._phrasing_words[self._row[term], position] = 1.0
        idf = np.array([self._idf[term] for term in vocabulary], dtype=np.float32)
        self._phrasing_norms = np.sqrt((idf[:, None] ** 2 * self._phrasing_words).sum(axis=0))
        self._phrasings_of = _PerEntry([number for number, _ in phrasing_terms], len(self._entries))

        all_texts = [text for entry in self._entries for text in (*entry.texts, *entry.tags)]
        self._analyzer = QueryAnalyzer(vocabulary_of(all_texts))
        self._meaning = MeaningIndex(
            TermEncoder(load_vectors()),
            [(terms, self._weights(terms)) for _, terms in phrasing_terms],
            self._entry_terms,
        )
        self._share = lru_cache(maxsize=16384)(self._share_of)

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> FaqIndex:
        return cls(load_entries(directory or default_entries_dir()))

    @property
    def entries(self) -> tuple[FaqEntry, ...]:
        return tuple(self._entries)

    def search(self, query: str, limit: int = 3) -> FaqAnswer:
        """The best entries for `query`, whether the first is confident enough, whether the
        message is a report, and what to offer when it is not answered or is a report."""
        story = tells_of_trouble(query)
        report = story or is_report(query)
        # «Срочно! Нужна выгрузка в Excel» is a wish: its «срочно» is no critical request to answer, and an entry
        # that does not answer it is no help beside it (the engine takes it for a wish)
        wish = not report and asks_for_feature(query)
        searched = without_urgency(query) if wish else query
        answered, hits = self._search(searched, limit, report)
        by_sentence = None if answered else self._search_sentences(searched, limit, report)
        if by_sentence and not self._refused_beside_ours(query, by_sentence[0]):
            answered, hits = True, by_sentence
        if answered and report and not story and self._others_topics[self._numbers[hits[0].id]]:
            report = False  # someone else's product or code is broken: the regulation's refusal is the answer
        # a long story of several troubles: one entry beside it is more likely off the point than of help
        suggestion = None if (answered and not report) or wish or story else self._suggestion(query, hits, report)
        # "бастион поддерживает postgres?": declined, an engineer's consultation on what the product does
        consultation = not (answered or report) and asks_what_product_does(query, self._analyzer.terms(query))
        return FaqAnswer(query, answered, hits, report, suggestion, consultation)

    def _refused_beside_ours(self, query: str, hit: FaqHit) -> bool:
        """A sentence alone is someone else's matter («Windows Server 2019.»), but the message names our product
        («Бастион-3 версия 3.1.14, Windows Server 2019. Не открываются двери»): the refusal is no answer to it."""
        return bool(self._others_topics[self._numbers[hit.id]]) and names_our_product(query)

    def _suggestion(self, query: str, hits: tuple[FaqHit, ...], report: bool) -> FaqHit | None:
        """The best hit worth offering; after a report, only an entry written for reports whose topic the
        report names (`concerns`), even when it fits the report closely: "Бастион вылетает без сообщений"
        is not the installer's error however much it has of "при установке вылетает сообщение"."""
        if report:
            return next((hit for hit in hits if hit.score >= SUGGEST_THRESHOLD and self.concerns(query, hit.id)), None)
        return next((hit for hit in hits if hit.score >= SUGGEST_THRESHOLD and self._related(query, hit.id)), None)

    def _related(self, question: str, entry_id: str) -> bool:
        """A declined question is offered the entry when they share a word naming a thing ("праздник", "заявка"),
        or when words the base never uses weigh less than SUGGEST_FOREIGN_SHARE of it: "посоветуйте сериал на
        вечер" is not offered the entry on requests sent in the evening, "скок стоит килограмм гречки" not the
        price of support (a price names no topic), but "за что вы берёте деньги" is."""
        terms = [term.removeprefix(f"{NEGATION} ") for term in self._analyzer.terms(question)]
        if any(map(_names_a_topic, self._entry_terms[self._numbers[entry_id]].intersection(terms))):
            return True
        weights = self._weights(terms)
        total = sum(weights.values())
        foreign = sum(weight for term, weight in weights.items() if term not in self._row)
        return not total or foreign < SUGGEST_FOREIGN_SHARE * total

    def concerns(self, report: str, entry_id: str) -> bool:
        """The entry, written for reports, is about the trouble reported: one of its topics is named by a
        word of the report that is not trouble in general ("ключ" in "программа не видит ключ HASP", not
        "не открывается" in "программа не открывается"; see GENERIC_TROUBLE)."""
        number = self._numbers[entry_id]
        if not self._for_reports[number]:
            return False
        terms = (term.removeprefix(f"{NEGATION} ") for term in self._analyzer.terms(report))  # "не ставится"
        stems = {_stem(term) for term in terms if term not in GENERIC_TROUBLE}
        return any(_stem(topic) in stems for topic in self._topics[number])

    def _search_sentences(self, query: str, limit: int, report: bool) -> tuple[FaqHit, ...] | None:
        """The best confident hits among the message's sentences and adjacent pairs:
        a story around the question ("…переезжали, и потерялся ключ.") dilutes it."""
        sentences = [part for part in _SENTENCE_END.split(query) if part.strip()]
        if len(sentences) < 2:
            return None
        pieces = sentences + [" ".join(pair) for pair in zip(sentences, sentences[1:], strict=False)]
        searched = (self._search(piece, limit, report) for piece in pieces)
        confident = [hits for answered, hits in searched if answered]
        return max(confident, key=lambda hits: hits[0].score, default=None)

    def _search(self, query: str, limit: int, report: bool) -> tuple[bool, tuple[FaqHit, ...]]:
        terms = list(dict.fromkeys(self._analyzer.terms(query)))
        duplicating = uses_second_channel(query, terms)  # "позвонил и ещё письмо отправил, так правильно?"
        if duplicating and DUPLICATING not in terms:
            terms.append(DUPLICATING)
        if names_exchange(query) and not asks_to_write_code(query):  # "выгрузка в Excel": the other program is where
            terms = list(dict.fromkeys(EXCHANGE if term in OTHERS_TOPICS else term for term in terms))  # our data goes
        choosing = asks_which_computer(query)  # "какой сервер купить под бастион": advice on the choice
        if choosing and CHOICE not in terms:
            terms.append(CHOICE)
        if asks_which_os(query):  # "поддерживаете ли вы windows 11": which system software the product runs on
            terms.extend(term for term in OS_TERMS if term not in terms)
        if KEY in terms and EXPIRED not in terms and outlives_warranty(query):  # "ключ сломался на второй год"
            terms.append(EXPIRED)
        if KEY in terms and UNMARKED not in terms and unmarked_key(query):  # "номер на нём не написан", "куплен в 2010"
            terms.append(UNMARKED)
        known = [term for term in terms if term in self._row]
        if not known or limit < 1:
            return False, ()
        ours = names_our_product(query, terms)
        ranking = self._rank(terms, known, exclude_third_party=ours)
        if not len(ranking.order):
            return False, ()
        if not report and asks_what_product_does(query, terms):  # "бастион поддерживает postgres?": a consultation
            return False, self._hits(ranking, limit)
        if not ours and names_private_place(query):  # "как настроить роутер дома": the client's own matter
            return False, self._hits(ranking, limit)
        if not ours and names_others_service(query, terms):  # "забыла пароль от вк", "как обновить ватсап"
            return False, self._hits(ranking, limit)
        if not ours and self._prices_others_thing(query, terms, report):  # "во сколько обойдётся ремонт самсунга"
            return False, self._hits(ranking, limit)
        if not ours and THIRD_PARTY_TAG in terms and asks_which_is_better(query):  # "что лучше: cisco или dahua"
            return False, self._hits(ranking, limit)
        if not ours and (refusal := self._others_topic_entry(terms, ranking)) is not None:
            return True, self._hits(ranking, limit, first=refusal)
        buying = (
            not report
            and not choosing
            and len(terms) > 1
            and asks_to_buy(query, terms)
            and (ranking.foreign == 0 or names_sold_thing(query, terms))
        )
        if buying and (sale := self._first_scoring(ranking, self._sales)) is not None:
            return True, self._hits(ranking, limit, first=sale)
        if duplicating and not report and (again := self._first_scoring(ranking, self._duplicating)) is not None:
            return True, self._hits(ranking, limit, first=again)
        # A report is answered only by an entry written for reports (one of its phrasings is one).
        best = self._best_for_reports(ranking) if report else self._best_but_sales(ranking)
        if best is None or not self._answers(terms, ranking, best, asks_for_help(query)):
            if buying and names_sold_thing(query, terms) and (sale := self._first_of(ranking, self._sales)) is not None:
                return True, self._hits(ranking, limit, first=sale)  # "цена модуля учёта рабочего времени"
            return False, self._hits(ranking, limit)
        if self._only_calendar(terms, best) and not asked_of_us(query, terms):
            return False, self._hits(ranking, limit)
        if self._schedule[best] and names_others_hours(query, terms):  # "какие часы работы у мфц"
            return False, self._hits(ranking, limit)
        if report and not self._answers_report(ranking, best):
            return False, self._hits(ranking, limit)
        if not report and asks_how_to_use(query) and not self._does_what_is_asked(query, terms, best):
            return False, self._hits(ranking, limit)  # "как добавить сотрудника в бастион": a consultation
        return True, self._hits(ranking, limit, first=best)

    def _does_what_is_asked(self, query: str, terms: list[str], best: int) -> bool:
        """A how-to question is answered by an entry about one of the things it names (`_about`: "как добавить
        сотрудника в бастион" is no wish for a new function), and not when each of its verbs of doing is a word the base
        never uses ("как перенести бастион на другой сервер": nothing here tells how to move it)."""
        doing = [term for word in doing_words(query) for term in self._analyzer.terms_of(word)]
        return (not doing or any(term in self._row for term in doing)) and self._about(terms, best)

    def _about(self, terms: Iterable[str], number: int) -> bool:
        """A topic of the entry (see `concerns`) is named by one of the terms."""
        stems = {_stem(term.removeprefix(f"{NEGATION} ")) for term in terms if term not in GENERIC_TROUBLE}
        return any(_stem(topic) in stems for topic in self._topics[number])

    @staticmethod
    def _prices_others_thing(query: str, terms: list[str], report: bool) -> bool:
        """A price of someone else's thing, not one we sell: no refusal to give, the message is declined."""
        return not report and (
            (
                bool(OTHERS_TOPICS.intersection(terms))
                and asks_to_buy(query, terms)
                and not names_sold_thing(query, terms)
            )
            or prices_others_goods(query, terms)  # "сколько стоит камера dahua", "лицензия windows": the vendor's
        )

    def _only_calendar(self, terms: list[str], best: int) -> bool:
        """The entry tells support's hours or days off, and shares with the message only words of time."""
        return self._schedule[best] and self._entry_terms[best].intersection(terms) <= CALENDAR_TERMS

    @staticmethod
    def _first_scoring(ranking: _Ranking, wanted: Sequence[bool]) -> int | None:
        """The best of the wanted entries (by number) among those ranked, if it scores SUGGEST_THRESHOLD."""
        return next(
            (int(number) for number in ranking.order if wanted[number] and ranking.score[number] >= SUGGEST_THRESHOLD),
            None,
        )

    @staticmethod
    def _first_of(ranking: _Ranking, wanted: Sequence[bool]) -> int | None:
        """The best of the wanted entries (by number) among those ranked, whatever its score."""
        return next((int(number) for number in ranking.order if wanted[number]), None)

    def _best_but_sales(self, ranking: _Ranking) -> int | None:
        return next((int(number) for number in ranking.order if not self._sales[number]), None)

    def _answers(self, terms: list[str], ranking: _Ranking, best: int, helping: bool = False) -> bool:
        return (
            ranking.score[best] >= ANSWER_THRESHOLD
            and (
                ranking.coverage[best] >= MIN_COVERAGE
                or (ranking.meaning[best] >= MEANING_SURE and ranking.foreign < MEANING_FOREIGN_SHARE)
                or self._clear_winner(terms, ranking, best)
                or (
                    ranking.foreign == 0
                    and ranking.coverage[best] >= KNOWN_WORDS_COVERAGE
                    and ranking.score[best] >= KNOWN_WORDS_SCORE
                )
            )
            and (
                len(terms) > 1
                or self._names_one_topic(terms[0], best)
                or (helping and self._helps_with(terms[0], ranking, best))
            )
        )

    def _helps_with(self, term: str, ranking: _Ranking, best: int) -> bool:
        """Help asked with one thing ("помогаете ли с инсталляцией"): an entry that asks whether we help with it
        ("Поможете ли вы с установкой продукта?") answers, when it leads the next one; "помогите с праздником" is
        no entry's question of help."""
        return term in self._offers_help_with[best] and _lead(ranking, best) >= CLEAR_LEAD

    def _clear_winner(self, terms: list[str], ranking: _Ranking, best: int) -> bool:
        shared = len(self._entry_terms[best].intersection(terms))
        return (
            ranking.coverage[best] >= CLEAR_COVERAGE
            and shared >= CLEAR_SHARED
            and (_lead(ranking, best) >= CLEAR_LEAD or shared > CLEAR_SHARED)
        )

    def _best_for_reports(self, ranking: _Ranking) -> int | None:
        return next((int(number) for number in ranking.order if self._for_reports[number]), None)

    def _answers_report(self, ranking: _Ranking, best: int) -> bool:
        """The entry written for reports must fit the report closely and clearly better than
        the next such entry: "не открывается журнал событий" must not get the entry on
        sending logs, and "перестал работать ключ" fits the entries on damage, warranty and
        updates alike, so the intake comes first."""
        runner_up = next(
            (ranking.score[number] for number in ranking.order if number != best and self._for_reports[number]), 0.0
        )
        score = ranking.score[best]
        return score >= REPORT_THRESHOLD and score - runner_up >= REPORT_MARGIN

    def _hits(self, ranking: _Ranking, limit: int, first: int | None = None) -> tuple[FaqHit, ...]:
        """The best `limit` entries, `first` (the answer) ahead of the others."""
        order = [int(number) for number in ranking.order]
        if first is not None:
            order = [first, *(number for number in order if number != first)]
        return tuple(self._hit(number, float(ranking.score[number])) for number in order[:limit])

    def _weights(self, terms: Iterable[str]) -> dict[str, float]:
        return {term: self._idf.get(term, UNKNOWN_WORD_WEIGHT) for term in terms}

    def _rank(self, terms: list[str], known: list[str], exclude_third_party: bool) -> _Ranking:
        """Every entry sharing a word with the query, scored by words and by meaning:
        a few products of small matrices, whatever the size of the base."""
        weights = self._weights(terms)
        weight = np.array(list(weights.values()), dtype=np.float32)
        rows = [self._row[term] for term in known]

        coverage = weight @ np.array([self._share(term) for term in terms]) / weight.sum()
        known_weight = np.array([weights[term] for term in known], dtype=np.float32)
        cosines = (known_weight**2 @ self._phrasing_words[rows]) / (
            float(np.linalg.norm(weight)) * self._phrasing_norms
        )
        meaning_cosines = self._meaning.similarity(terms, weights)
        similarity, meaning = self._phrasings_of.best(np.stack([cosines, meaning_cosines]))
        lexical = PHRASING_WEIGHT * similarity + (1 - PHRASING_WEIGHT) * coverage
        score = (1 - MEANING_WEIGHT) * lexical + MEANING_WEIGHT * meaning

        candidate = self._share_by_word[rows].any(axis=0)
        if exclude_third_party:
            candidate &= ~self._third_party
        numbers = np.flatnonzero(candidate)
        order = numbers[np.argsort(-score[numbers], kind="stable")]
        foreign = 1 - float(known_weight.sum() / weight.sum())
        return _Ranking(order, score, coverage, meaning, foreign)

    def _share_of(self, term: str) -> np.ndarray:
        """Per entry, the share of the word's weight the entry explains: its own words fully,
        words of its answer in part, and other words by their closeness in meaning to the
        entry's nearest word."""
        kinship = self._meaning.kinship(term)
        by_meaning = KINSHIP_SHARE * np.clip((kinship - KINSHIP_FLOOR) / (1 - KINSHIP_FLOOR), 0.0, None)
        row = self._row.get(term)
        if row is None:
            affirmed = term.removeprefix(f"{NEGATION} ")
            if affirmed != term:  # "не воспроизвести" where the base says "не повторить" or "воспроизвести"
                return np.maximum(by_meaning, NEGATED_SHARE * self._share(affirmed))
            return by_meaning
        share = self._share_by_word[row]
        return np.where(share > 0, share, by_meaning)

    def _names_one_topic(self, term: str, number: int) -> bool:
        """A lone word answers only when it is the tag of this one entry ("hasp")."""
        return term in self._tag_terms[number] and self._tag_frequency[term] == 1

    def _others_topic_entry(self, terms: list[str], ranking: _Ranking) -> int | None:
        """The best refusal whose topic (OTHERS_TOPICS) a word of the query names, if it scores enough."""
        named = OTHERS_TOPICS.intersection(terms)
        return next(
            (
                int(number)
                for number in ranking.order
                if named & self._others_topics[number] and ranking.score[number] >= SUGGEST_THRESHOLD
            ),
            None,
        )

    def _hit(self, number: int, score: float) -> FaqHit:
        entry = self._entries[number]
        return FaqHit(entry.id, entry.question, entry.answer, float(score))


def _lead(ranking: _Ranking, best: int) -> float:
    """How far ``best`` scores above the next entry."""
    return ranking.score[best] - max((ranking.score[number] for number in ranking.order if number != best), default=0.0)


def _stem(term: str) -> str:
    """The start of a word that its kin share: "обновили" (the term "обновить") names the topic "обновление"."""
    return term[:TOPIC_STEM] if len(term) > TOPIC_STEM else term


def _names_a_topic(term: str) -> bool:
    """A term that names what a report may be about: a thing, not what it does, its absence ("не
    маркировка"), trouble in general or what every request has."""
    if " " in term or term in GENERIC_TROUBLE | ANY_REQUEST:
        return False
    return analyzer().parse(term)[0].tag.POS in TOPIC_PARTS


def _load_checked(directory: Path) -> FaqIndex:
    entries = load_entries(directory)
    problems = check_entries(entries)
    if problems:
        raise KnowledgeBaseError("; ".join(problems))
    return FaqIndex(entries)


def _stamp(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when an editor saves, adds or removes an entries file."""
    stamps = []
    for path in entry_files(directory):
        stat = path.stat()
        stamps.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


class ReloadingFaq:
    """A FaqIndex that picks up edits of the entries files without a restart.

    At most once per CHECK_INTERVAL seconds a search starts a look at the files' stamps, in a thread
    of its own: building an index takes about a second of CPU, which neither the event loop nor the
    client whose search noticed the edit should wait for. Searches meanwhile use the previous index,
    and the new one replaces it whole. An edit that does not load or does not pass `check_entries`
    is logged and the previous index stays in service.
    """

    CHECK_INTERVAL = 2.0

    def __init__(self, directory: Path | None = None, *, replaced: Callable[[], None] | None = None) -> None:
        """``replaced`` runs, in the reloading thread, once a new index has taken the previous one's place."""
        self._directory = directory or default_entries_dir()
        self._replaced = replaced
        self._lock = threading.Lock()  # held by the one look under way
        self._stamp = _stamp(self._directory)
        self._index = _load_checked(self._directory)
        self._checked_at = time.monotonic()

    def search(self, query: str, limit: int = 3) -> FaqAnswer:
        self._reload_if_changed()
        return self._index.search(query, limit)

    def _reload_if_changed(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < self.CHECK_INTERVAL or not self._lock.acquire(blocking=False):
            return
        self._checked_at = now
        threading.Thread(target=self._reload, name="faq-reload", daemon=True).start()

    def _reload(self) -> None:
        try:
            stamp = _stamp(self._directory)
            if stamp == self._stamp:
                return
            self._stamp = stamp
            self._index = _load_checked(self._directory)
            logger.info("faq_reloaded", directory=str(self._directory))
            if self._replaced is not None:
                self._replaced()
        except (KnowledgeBaseError, OSError) as error:
            logger.warning("faq_edit_not_applied_previous_base_kept", error=str(error))
        finally:
            self._lock.release()
