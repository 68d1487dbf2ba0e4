"""The stage belongs to the engine: no module of the shell (service/) or of the adapters (bots/) reads or
writes it. What they need to know comes from properties of the state (``open_ticket_number``,
``awaiting_code`` …) or from the engine's ``Step``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE_CORE = sorted(path for folder in ("service", "bots") for path in (ROOT / folder).rglob("*.py"))
STAGE_NAMES = {"Stage", "DRAFT_STAGES", "RATING_STAGES", "AT_REST", "stored_stage", "STAGES"}


def stage_uses(tree: ast.AST) -> list[str]:
    """Each place that touches the stage: ``x.stage``, ``x["stage"]``, ``getattr(x, "stage")``, ``Stage`` imported."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "stage":
            found.append(f"line {node.lineno}: .stage")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "stage":
            found.append(f'line {node.lineno}: ["stage"]')
        elif isinstance(node, ast.Call) and any(isinstance(a, ast.Constant) and a.value == "stage" for a in node.args):
            found.append(f'line {node.lineno}: "stage" passed to a call')
        elif isinstance(node, ast.ImportFrom) and any(alias.name in STAGE_NAMES for alias in node.names):
            found.append(f"line {node.lineno}: imports {', '.join(a.name for a in node.names)}")
    return found


@pytest.mark.parametrize("path", OUTSIDE_CORE, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_shell_and_the_adapters_never_touch_the_stage(path: Path) -> None:
    assert stage_uses(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_check_sees_each_way_of_touching_it() -> None:
    code = 'state.stage = "idle"\nx = saved["stage"]\ngetattr(state, "stage")\nfrom core.state import Stage\n'
    assert len(stage_uses(ast.parse(code))) == 4
    assert stage_uses(ast.parse("state.open_ticket_number\nstate.awaiting_code\n")) == []


def test_there_is_something_to_check() -> None:
    assert ROOT / "service" / "desk.py" in OUTSIDE_CORE and ROOT / "service" / "staff_actions.py" in OUTSIDE_CORE
