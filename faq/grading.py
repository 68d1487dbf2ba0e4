"""Judging an answer against a test case of the FAQ dev-set format.

A case is `{q, all?, any?, digits?, answered?, report?}`: the top answer must contain
every `all` item and at least one `any` item (case-insensitive), the `digits` when only
digits are compared, `answered: false` cases must be declined, and `report: true` cases
(a malfunction) must be taken for a report, which starts the ticket intake. A report that
also asks something ("ключ сдох, замените по гарантии?") is judged by the entry the client
is offered beside the ticket.

The cases of tests/faq/report-suggestions.yaml are `{q, helps}`: a problem report and the entries that
would help beside its ticket (`helps`, or `none`); `suggestion_helps` judges what is offered.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from faq.retriever import FaqAnswer


def load_cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def shown(answer: FaqAnswer) -> str | None:
    """The entry's answer the client reads: for a report, the entry offered beside the
    ticket («Возможно, поможет»); otherwise the answer, when the bot gives one."""
    if answer.report:
        return answer.suggestion.answer if answer.suggestion else None
    return answer.results[0].answer if answer.answered and answer.results else None


def passes(case: dict, answer: FaqAnswer) -> bool:
    if case.get("report"):
        return answer.report
    if case.get("answered") is False:
        return not answer.answered
    text = (shown(answer) or "").lower()
    if not text:
        return False
    if not all(str(item).lower() in text for item in case.get("all", [])):
        return False
    if "any" in case and not any(str(item).lower() in text for item in case["any"]):
        return False
    digits = case.get("digits")
    return digits is None or str(digits) in re.sub(r"\D", "", text)


def helpful_entries(case: dict) -> frozenset[str]:
    """The entries that would help the client of a case of tests/faq/report-suggestions.yaml: `helps` is
    a list of entry ids, or `none`."""
    helps = case["helps"]
    return frozenset() if helps == "none" else frozenset(helps)


def suggestion_helps(case: dict, answer: FaqAnswer) -> bool | None:
    """Whether the entry offered beside the reported trouble («Возможно, поможет») helps; None when
    nothing is offered."""
    return None if answer.suggestion is None else answer.suggestion.id in helpful_entries(case)
