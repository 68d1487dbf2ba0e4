"""The knowledge base as data: entries read from YAML files and their validation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from faq.normalize import normalize_phrase


class KnowledgeBaseError(ValueError):
    """A file of the knowledge base cannot be read as entries."""


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: str
    answer: str
    phrasings: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    source: str = ""

    @property
    def texts(self) -> tuple[str, ...]:
        """The main question followed by its other phrasings."""
        return (self.question, *self.phrasings)


def entry_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def yaml_lists(directory: Path, error: type[ValueError], what: str) -> Iterator[tuple[str, list[object]]]:
    """(file name, its items) for every `*.yaml` file of `directory`, each a list of ``what``.

    Shared by the FAQ entries and the engineers' reply templates; ``error`` is raised naming the file at fault."""
    for path in entry_files(directory):
        try:
            items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as problem:
            raise error(f"{path.name}: not valid YAML: {problem}") from problem
        if not isinstance(items, list):
            raise error(f"{path.name}: expected a list of {what}")
        yield path.name, items


def load_entries(directory: Path) -> list[FaqEntry]:
    """Read every `*.yaml` file of `directory`; each holds a list of entries."""
    lists = yaml_lists(directory, KnowledgeBaseError, "entries")
    return [_entry(item, name) for name, items in lists for item in items]


def _entry(item: object, source: str) -> FaqEntry:
    if not isinstance(item, dict):
        raise KnowledgeBaseError(f"{source}: every entry must be a mapping, got {item!r}")
    return FaqEntry(
        id=str(item.get("id") or "").strip(),
        question=str(item.get("question") or "").strip(),
        answer=str(item.get("answer") or "").strip(),
        phrasings=_strings(item.get("phrasings"), source),
        tags=_strings(item.get("tags"), source),
        links=_strings(item.get("links"), source),
        source=source,
    )


def _strings(value: object, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise KnowledgeBaseError(f"{source}: expected a list, got {value!r}")
    return tuple(str(item).strip() for item in value)


def check_entries(entries: Iterable[FaqEntry]) -> list[str]:
    """Problems a support editor must fix; an empty list means the base is sound."""
    problems: list[str] = []
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for entry in entries:
        where = f"{entry.source}: {entry.id or '<no id>'}"
        if not entry.id:
            problems.append(f"{where}: empty id")
        elif entry.id in seen_ids:
            problems.append(f"{where}: duplicate id (also in {seen_ids[entry.id]})")
        else:
            seen_ids[entry.id] = entry.source
        if not entry.question:
            problems.append(f"{where}: empty question")
        if not entry.answer:
            problems.append(f"{where}: empty answer")
        if any(not text for text in entry.phrasings):
            problems.append(f"{where}: empty phrasing")
        problems.extend(_duplicate_texts(entry, where, seen_texts))
    return problems


def _duplicate_texts(entry: FaqEntry, where: str, seen: dict[str, str]) -> list[str]:
    """Questions and phrasings that, normalised, already belong to another entry."""
    problems = []
    for text in entry.texts:
        key = normalize_phrase(text)
        if not key:
            continue
        owner = seen.setdefault(key, entry.id)
        if owner != entry.id:
            problems.append(f"{where}: phrasing {text!r} duplicates one of {owner!r}")
    return problems
