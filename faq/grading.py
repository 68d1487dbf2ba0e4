"""Judging an answer against a test case of the FAQ dev-set format.

A case is `{q, all?, any?, digits?, answered?}`: the top answer must contain every
`all` item and at least one `any` item (case-insensitive), the `digits` when only
digits are compared, and `answered: false` cases must be declined.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from faq.retriever import FaqAnswer


def load_cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def passes(case: dict, answer: FaqAnswer) -> bool:
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
