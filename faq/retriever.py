"""Finding the knowledge-base entry that answers a client's question.

Each entry is indexed by the terms of its question, phrasings and tags. A query is
scored against every entry by two measures, both in [0, 1]:

* phrasing similarity: the idf-weighted cosine with the closest single phrasing;
* coverage: the share of the query's idf weight that the entry's terms explain
  (a word found only in the entry's answer counts for ANSWER_TERM_SHARE of it).

Words the base never uses still weigh in the query, so a question about something
else ("погода", "ресторан") scores low however many of its words are common.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import structlog

from faq.analyzer import QueryAnalyzer, analyze, vocabulary_of
from faq.knowledge import FaqEntry, KnowledgeBaseError, check_entries, entry_files, load_entries

logger = structlog.get_logger(__name__)

PHRASING_WEIGHT = 0.5
ANSWER_THRESHOLD = 0.45
# Most of what the client asked must be about the entry, not one shared word.
MIN_COVERAGE = 0.6
# A query word found only in an entry's answer counts for this share of its weight.
ANSWER_TERM_SHARE = 0.5
# The weight of a query word the base never uses, on the scale of idf (a word found
# in one entry of 75 weighs about 4.3, one in every tenth about 2.4).
UNKNOWN_WORD_WEIGHT = 3.0


_SENTENCE_END = re.compile(r"[.!?;\n]+")


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
class _Phrasing:
    entry: int
    norm: float


class FaqIndex:
    """An in-memory index over the entries; built once, then searched without I/O."""

    def __init__(self, entries: Sequence[FaqEntry]) -> None:
        self._entries = list(entries)
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

        self._entries_with: dict[str, list[int]] = defaultdict(list)
        for number, (terms, answer) in enumerate(zip(self._entry_terms, self._answer_terms, strict=True)):
            for term in terms | answer:
                self._entries_with[term].append(number)
        count = len(self._entries)
        self._idf = {term: math.log(1 + count / len(numbers)) for term, numbers in self._entries_with.items()}

        self._phrasings: list[_Phrasing] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        for position, (number, terms) in enumerate(phrasing_terms):
            norm = math.sqrt(sum(self._idf[term] ** 2 for term in terms))
            self._phrasings.append(_Phrasing(number, norm))
            for term in terms:
                self._postings[term].append(position)

        all_texts = [text for entry in self._entries for text in (*entry.texts, *entry.tags)]
        self._analyzer = QueryAnalyzer(vocabulary_of(all_texts))

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> FaqIndex:
        return cls(load_entries(directory or default_entries_dir()))

    @property
    def entries(self) -> tuple[FaqEntry, ...]:
        return tuple(self._entries)

    def search(self, query: str, limit: int = 3) -> FaqAnswer:
        """The best entries for `query`, and whether the first is confident enough."""
        answered, hits = self._search(query, limit)
        if not answered and (by_sentence := self._search_sentences(query, limit)):
            return FaqAnswer(query, True, by_sentence)
        return FaqAnswer(query, answered, hits)

    def _search_sentences(self, query: str, limit: int) -> tuple[FaqHit, ...] | None:
        """The best confident hits among the message's sentences and adjacent pairs:
        a story around the question ("…переезжали, и потерялся ключ.") dilutes it."""
        sentences = [part for part in _SENTENCE_END.split(query) if part.strip()]
        if len(sentences) < 2:
            return None
        pieces = sentences + [" ".join(pair) for pair in zip(sentences, sentences[1:], strict=False)]
        confident = [hits for answered, hits in (self._search(piece, limit) for piece in pieces) if answered]
        return max(confident, key=lambda hits: hits[0].score, default=None)

    def _search(self, query: str, limit: int) -> tuple[bool, tuple[FaqHit, ...]]:
        terms = list(dict.fromkeys(self._analyzer.terms(query)))
        known = [term for term in terms if term in self._idf]
        if not known or limit < 1:
            return False, ()
        weights = {term: self._idf.get(term, UNKNOWN_WORD_WEIGHT) for term in terms}
        query_norm = math.sqrt(sum(weight**2 for weight in weights.values()))
        query_mass = sum(weights.values())

        overlap: dict[int, float] = defaultdict(float)
        for term in known:
            for position in self._postings.get(term, ()):
                overlap[position] += weights[term] ** 2
        similarity: dict[int, float] = defaultdict(float)
        for position, dot in overlap.items():
            phrasing = self._phrasings[position]
            cosine = dot / (query_norm * phrasing.norm)
            similarity[phrasing.entry] = max(similarity[phrasing.entry], cosine)

        candidates = {number for term in known for number in self._entries_with[term]}
        scored = []
        for number in candidates:
            cosine = similarity.get(number, 0.0)
            coverage = self._covered(number, known, weights) / query_mass
            score = PHRASING_WEIGHT * cosine + (1 - PHRASING_WEIGHT) * coverage
            scored.append((score, coverage, number))
        scored.sort(key=lambda item: (-item[0], item[2]))

        hits = tuple(self._hit(number, score) for score, _, number in scored[:limit])
        best_score, best_coverage, best = scored[0]
        answered = (
            best_score >= ANSWER_THRESHOLD
            and best_coverage >= MIN_COVERAGE
            and (len(terms) > 1 or self._names_one_topic(terms[0], best))
        )
        return answered, hits

    def _covered(self, number: int, known: list[str], weights: dict[str, float]) -> float:
        covered = 0.0
        for term in known:
            if term in self._entry_terms[number]:
                covered += weights[term]
            elif term in self._answer_terms[number]:
                covered += ANSWER_TERM_SHARE * weights[term]
        return covered

    def _names_one_topic(self, term: str, number: int) -> bool:
        """A lone word answers only when it is the tag of this one entry ("hasp")."""
        return term in self._tag_terms[number] and self._tag_frequency[term] == 1

    def _hit(self, number: int, score: float) -> FaqHit:
        entry = self._entries[number]
        return FaqHit(entry.id, entry.question, entry.answer, score)


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

    At most once per CHECK_INTERVAL seconds a search looks at the files' stamps and
    rebuilds the index when they changed. An edit that does not load or does not
    pass `check_entries` is logged and the previous index stays in service.
    """

    CHECK_INTERVAL = 2.0

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = directory or default_entries_dir()
        self._lock = threading.Lock()
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
        try:
            self._checked_at = now
            stamp = _stamp(self._directory)
            if stamp == self._stamp:
                return
            self._stamp = stamp
            self._index = _load_checked(self._directory)
            logger.info("faq_reloaded", directory=str(self._directory))
        except (KnowledgeBaseError, OSError) as error:
            logger.warning("faq_edit_not_applied_previous_base_kept", error=str(error))
        finally:
            self._lock.release()
