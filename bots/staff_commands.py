"""What an engineer's message in a ticket's topic asks for: a reply to the client, a note, or a command."""

from __future__ import annotations

from dataclasses import dataclass

from core.staff import PRIORITIES
from core.texts import t

NOTE_MARK = "//"
COMMANDS = ("note", "take", "close", "reopen", "priority", "t")  # /t NAME: a reply template


@dataclass(frozen=True)
class StaffCommand:
    action: str  # "reply" or one of COMMANDS
    argument: str = ""


def parse_staff_text(text: str | None) -> StaffCommand:
    text = (text or "").strip()
    if text.startswith(NOTE_MARK):
        return StaffCommand("note", text.removeprefix(NOTE_MARK).strip())
    if text.startswith("/"):
        head, *rest = text.split(maxsplit=1)
        name = head[1:].split("@", 1)[0].casefold()
        if name in COMMANDS:
            return StaffCommand(name, rest[0].strip() if rest else "")
    return StaffCommand("reply", text)


def is_staff_command(text: str | None) -> bool:
    return parse_staff_text(text).action != "reply"


def priority_named(word: str) -> str | None:
    """«high» or «высокий» → "high"; None for anything else."""
    word = word.strip().casefold()
    return next((p for p in PRIORITIES if word in (p, t(f"priority.{p}").casefold())), None)
