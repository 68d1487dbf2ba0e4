"""Facts the client wrote without being asked (product, version, OS, key, city, organisation): kept as answers,
confirmed in one line («Записал: Бастион-3, версия 2.1, Windows 10 64-бит.») and never asked again.

They stay editable by number in the summary like any other answer.
"""

from __future__ import annotations

from core import walker
from core.facts import extract
from core.stages.turn import Turn
from core.texts import TEXTS, t


def note_facts(turn: Turn, text: str) -> None:
    """Keep the facts ``text`` states for questions of this request not answered yet, and say what was kept."""
    s = turn.state
    if s.kind is None or not text:
        return
    found = extract(text)
    noted = [f for f in walker.applicable_fields(s.kind, s.answers) if f.key in found and f.key not in s.answers]
    if not noted:
        return
    s.answers.update({f.key: found[f.key] for f in noted})
    said = (TEXTS.get(f"facts.{f.key}", "{value}").format(value=walker.display_value(f, found[f.key])) for f in noted)
    turn.say(t("facts.noted", facts=", ".join(said)))
