"""Every held-out set the bench measures (bench/faq.py) is well formed: a list of cases in the dev-set
format (faq/grading.py). Only their shape is checked here; their accuracy is measured, not guarded, by
the bench (tests/faq/test_accuracy.py guards the older sets against a collapse)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faq.grading import load_cases

HELDOUT = sorted(Path(__file__).parent.glob("heldout*.yaml"))
KEYS = {"q", "all", "any", "digits", "answered", "report"}


def test_the_bench_measures_every_heldout_set() -> None:
    import bench.faq as bench

    assert {path.name for path in bench.HELDOUT_SETS.values()} == {path.name for path in HELDOUT}


@pytest.mark.parametrize("path", HELDOUT, ids=lambda path: path.stem)
def test_heldout_cases_are_in_the_dev_set_format(path: Path) -> None:
    cases = load_cases(path)
    assert isinstance(cases, list) and cases
    for case in cases:
        assert isinstance(case, dict) and set(case) <= KEYS, case
        assert isinstance(case["q"], str) and case["q"].strip(), case
        # each case expects something: an answer's words or digits, a decline, or a report
        assert {"all", "any", "digits"} & set(case) or case.get("answered") is False or case.get("report"), case
        for key in ("all", "any"):
            assert key not in case or (isinstance(case[key], list) and case[key]), case
    questions = [case["q"].lower().strip(" ?!.") for case in cases]
    assert len(questions) == len(set(questions)), "a wording repeated"
