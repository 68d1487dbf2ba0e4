"""What an engineer's message in a ticket's topic asks for: a reply to the client, a note, or a command."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.staff import PRIORITIES
from core.texts import t

NOTE_MARK = "//"
COMMANDS = ("note", "take", "close", "reopen", "priority", "t")  # /t NAME: a reply template
# a word after the slash, as Telegram's commands are (a path such as «/var/log/bastion» goes to the client)
LOOKS_LIKE_A_COMMAND = re.compile(r"/[\w@]{0,40}")


@dataclass(frozen=True)
class StaffCommand:
    action: str  # "reply", one of COMMANDS, or "unknown" (a command that is none of them: its word the argument)
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
        if LOOKS_LIKE_A_COMMAND.fullmatch(head):  # «/queue», «/help», «/заметка», a lone «/»: never the client's
            return StaffCommand("unknown", head)
    return StaffCommand("reply", text)


def is_staff_command(text: str | None) -> bool:
    """A note or one of the group's commands (a client's /start, /help or /cancel is none)."""
    return parse_staff_text(text).action not in ("reply", "unknown")


def priority_named(word: str) -> str | None:
    """«high» or «высокий» → "high"; None for anything else."""
    word = word.strip().casefold()
    return next((p for p in PRIORITIES if word in (p, t(f"priority.{p}").casefold())), None)
