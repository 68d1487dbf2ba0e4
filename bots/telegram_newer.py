"""Updates newer than aiogram's models.

Telegram adds kinds of nested objects (a new ``forward_origin`` type, a new kind of paid media) before
aiogram's release knows them, and validating such an update fails on a field no handler here reads.
Answering 400 would have Telegram retry a real client's message and give it up in the end; instead the
fields aiogram cannot read are left out and the message goes on. A body that lacks or garbles what every
update has (its id, the message's id, chat or date) is still malformed.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

# how many rounds of leaving fields out before the body counts as malformed (each round drops every field
# its validation named; a real update has one or two newer fields)
ROUNDS = 3


def readable_fields(data: Any, error: ValidationError) -> dict[str, Any] | None:
    """``data`` without the fields of its update object that ``error`` found unreadable, or None when what
    is wrong is no such field: the update itself, or a field the object cannot do without."""
    if not isinstance(data, dict):
        return None
    dropped: set[tuple[str, str]] = set()
    for problem in error.errors():
        where = problem["loc"]
        if len(where) < 2 or not isinstance(where[0], str) or not isinstance(where[1], str):
            return None
        if len(where) == 2 and problem["type"] == "missing":  # required: left out, or left out by an earlier round
            return None
        dropped.add((where[0], where[1]))
    kept = dict(data)
    for kind, field in dropped:
        if not isinstance(kept.get(kind), dict) or field not in kept[kind]:
            return None
        kept[kind] = {key: value for key, value in kept[kind].items() if key != field}
    return kept
