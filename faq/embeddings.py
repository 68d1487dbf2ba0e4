"""Russian word embeddings (navec), so that words the base never uses still carry meaning.

The vectors ship inside the `natasha` wheel; the file is located without importing
natasha, whose __init__ pulls in pymorphy2 (broken on Python 3.11). Loading takes
about 0.6 s, so it happens once per process and is shared by every index.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from navec import Navec

NAVEC_FILE = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"


def navec_path() -> Path:
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the natasha package (which ships the navec vectors) is not installed")
    return Path(spec.submodule_search_locations[0]) / NAVEC_FILE


class WordVectors:
    """The part of navec a lookup needs: word ids and the quantised vectors.

    Navec keeps the word list, counts and a similarity table besides (~60 MiB more); the
    250 000-item lists also slowed the garbage collector's full passes to ~4 ms, a pause
    a query would feel.
    """

    def __init__(self, navec: Navec) -> None:
        self._ids = navec.vocab.word_ids
        self._indexes = navec.pq.indexes
        self._codes = navec.pq.codes
        self._parts = np.arange(navec.pq.qdim)
        self.dimension = int(navec.pq.dim)

    def __contains__(self, word: str) -> bool:
        return word in self._ids

    def __getitem__(self, word: str) -> np.ndarray:
        return self._codes[self._parts, self._indexes[self._ids[word]]].reshape(self.dimension)


@lru_cache(maxsize=1)
def load_vectors() -> WordVectors:
    return WordVectors(Navec.load(navec_path()))


class TermEncoder:
    """Texts, given as retrieval terms, to unit vectors: the weighted mean of their word vectors."""

    def __init__(self, vectors: WordVectors) -> None:
        self._navec = vectors
        self.dimension = vectors.dimension
        self.vector = lru_cache(maxsize=65536)(self._lookup)

    def encode(self, terms: Iterable[str], weights: Mapping[str, float]) -> np.ndarray | None:
        """None when no term has a vector: nothing to compare by meaning."""
        total = np.zeros(self.dimension, dtype=np.float32)
        for term in dict.fromkeys(terms):
            vector = self.vector(term)
            if vector is not None:
                total += weights[term] * vector
        norm = float(np.linalg.norm(total))
        return total / norm if norm > 0 else None

    def _lookup(self, term: str) -> np.ndarray | None:
        """The unit vector of a word; None for words navec does not know ("hasp", typos)."""
        if term not in self._navec:
            return None
        vector = self._navec[term]
        return vector / np.linalg.norm(vector)


class MeaningIndex:
    """Meaning-based closeness of a query to the phrasings and entries, by word embeddings.

    * `similarity`: the cosine of the embedded query with each phrasing;
    * `kinship`: for one query word, its cosine with the nearest word of each entry, so
      that "сдох" still counts towards an entry that says "сломался".
    """

    def __init__(
        self,
        encoder: TermEncoder,
        phrasings: Sequence[tuple[Iterable[str], Mapping[str, float]]],
        entry_terms: Sequence[Iterable[str]],
    ) -> None:
        self._encoder = encoder
        self._count = len(entry_terms)
        # A phrasing none of whose words has a vector is a zero row: cosine 0 with anything.
        zero = np.zeros(encoder.dimension, dtype=np.float32)
        encoded = (encoder.encode(terms, weights) for terms, weights in phrasings)
        self._matrix = self._stack([zero if vector is None else vector for vector in encoded])

        vocabulary = sorted({term for terms in entry_terms for term in terms if encoder.vector(term) is not None})
        # A zero row last: entries with fewer words are padded with its index, whose cosine is 0.
        self._words = self._stack([*(encoder.vector(term) for term in vocabulary), zero])
        position = {term: number for number, term in enumerate(vocabulary)}
        rows = [[position[term] for term in terms if term in position] for terms in entry_terms]
        width = max((len(row) for row in rows), default=0) or 1
        self._entry_words = np.array([row + [len(vocabulary)] * (width - len(row)) for row in rows], dtype=np.intp)
        self.kinship = lru_cache(maxsize=16384)(self._kinship)

    def similarity(self, terms: Iterable[str], weights: Mapping[str, float]) -> np.ndarray:
        """Per phrasing, in [-1, 1]; zeros when the query has no word with a vector."""
        query = self._encoder.encode(terms, weights)
        if query is None:
            return np.zeros(len(self._matrix), dtype=np.float32)
        return self._matrix @ query

    def _kinship(self, term: str) -> np.ndarray:
        """Per entry, the cosine of `term` with the entry's nearest word; zeros without a vector."""
        vector = self._encoder.vector(term)
        if vector is None:
            return np.zeros(self._count, dtype=np.float32)
        return (self._words @ vector)[self._entry_words].max(axis=1)

    def _stack(self, vectors: list[np.ndarray]) -> np.ndarray:
        return np.array(vectors, dtype=np.float32).reshape(-1, self._encoder.dimension)
