"""FAQ retrieval benchmark: accuracy on the dev and held-out sets, build time, latency.

    .venv/bin/python bench/faq.py [--dev-set PATH] [--heldout PATH] [--repeat 50]

The dev set defaults to $FAQ_DEV_SET or ../shared/data/faq-dev-set.yaml beside the
repository. A case passes when the top answer contains every `all` item, at least
one `any` item, the `digits` (compared by digits only), and when `answered: false`
cases are declined. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from faq.retriever import FaqAnswer, FaqIndex  # noqa: E402

DEFAULT_DEV_SET = REPO.parent / "shared" / "data" / "faq-dev-set.yaml"
DEFAULT_HELDOUT = REPO / "tests" / "faq" / "heldout.yaml"
TARGET_ACCURACY = 0.95
TARGET_P99_MS = 5.0
TARGET_BUILD_S = 2.0


@dataclass(frozen=True)
class Miss:
    case: dict
    answer: FaqAnswer


def passes(case: dict, answer: FaqAnswer) -> bool:
    """Whether the top answer meets the case, by the rules in the dev set's header."""
    if case.get("answered") is False:
        return not answer.answered
    if not answer.answered or not answer.results:
        return False
    text = answer.results[0].answer.lower()
    if not all(str(item).lower() in text for item in case.get("all", [])):
        return False
    if "any" in case and not any(str(item).lower() in text for item in case["any"]):
        return False
    digits = case.get("digits")
    return digits is None or str(digits) in re.sub(r"\D", "", text)


def evaluate(index: FaqIndex, cases: list[dict]) -> tuple[float, list[Miss]]:
    misses = []
    for case in cases:
        answer = index.search(case["q"])
        if not passes(case, answer):
            misses.append(Miss(case, answer))
    return 1 - len(misses) / len(cases), misses


def latencies_ms(index: FaqIndex, queries: list[str], repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        for query in queries:
            started = time.perf_counter()
            index.search(query)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-set", type=Path,
                        default=Path(os.environ.get("FAQ_DEV_SET", DEFAULT_DEV_SET)))
    parser.add_argument("--heldout", type=Path, default=DEFAULT_HELDOUT)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    console = Console()

    started = time.perf_counter()
    index = FaqIndex.from_directory()
    build_s = time.perf_counter() - started

    sets = {"dev": args.dev_set, "held-out": args.heldout}
    results = {}
    for name, path in sets.items():
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        results[name] = (len(cases), *evaluate(index, cases))

    queries = [case["q"] for path in sets.values()
               for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
    queries += [text for entry in index.entries for text in entry.phrasings]
    timings = latencies_ms(index, queries, args.repeat)
    p50, p99 = percentile(timings, 0.5), percentile(timings, 0.99)

    table = Table(title=f"FAQ retrieval: {len(index.entries)} entries")
    for column in ("measure", "value", "target", "met"):
        table.add_column(column)
    met = []

    def row(measure: str, value: str, target: str, ok: bool | None) -> None:
        table.add_row(measure, value, target, "" if ok is None else ("yes" if ok else "NO"))
        if ok is not None:
            met.append(ok)

    for name, (total, accuracy, misses) in results.items():
        declined_ok = all(miss.case.get("answered") is not False for miss in misses)
        ok = accuracy >= TARGET_ACCURACY and declined_ok if name == "dev" else None
        row(f"{name} accuracy ({total} questions)",
            f"{accuracy:.1%}", "≥ 95%, all off-topic declined" if name == "dev" else "", ok)
    row("index build", f"{build_s:.2f} s", f"< {TARGET_BUILD_S:.0f} s", build_s < TARGET_BUILD_S)
    row(f"query p50 ({len(timings)} queries)", f"{p50:.2f} ms", "", None)
    row("query p99", f"{p99:.2f} ms", f"< {TARGET_P99_MS:.0f} ms", p99 < TARGET_P99_MS)
    console.print(table)

    for name, (_, _, misses) in results.items():
        for miss in misses:
            top = miss.answer.results[0] if miss.answer.results else None
            found = f"{top.id} ({top.score:.2f})" if top else "nothing"
            expected = {key: value for key, value in miss.case.items() if key != "q"}
            console.print(f"[red]{name} miss[/red] {miss.case['q']!r}: "
                          f"answered={miss.answer.answered}, top={found}, expected {expected}")
    return 0 if all(met) else 1


if __name__ == "__main__":
    raise SystemExit(main())
