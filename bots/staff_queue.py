"""/queue in the group's general topic: the open tickets, critical first, then by deadline (regulation 4.10)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

import structlog
from aiogram.exceptions import AiogramError
from aiogram.types import Message

from bots.telegram_render import split_text
from core.staff import duration_words
from core.texts import t

log = structlog.get_logger(__name__)

QUEUE_LINES = 30  # one screen; the rest is counted


@dataclass(frozen=True)
class QueueEntry:
    number: str
    priority: str
    kind: str
    engineer: str | None  # who took it
    reacted: bool  # an engineer took or answered it: the reaction deadline is met
    left: timedelta  # working time left until the reaction deadline
    late: timedelta  # how long the deadline is past (zero while it is not)


class QueueReader(Protocol):
    async def queue(self) -> Sequence[QueueEntry]: ...


def _due(entry: QueueEntry) -> str:
    if entry.reacted:
        return t("staff.queue.answered")
    if entry.late > timedelta(0):
        return t("staff.queue.overdue", late=duration_words(entry.late))
    return t("staff.queue.left", left=duration_words(entry.left))


def queue_text(entries: Sequence[QueueEntry]) -> str:
    """The queue as plain text: a header, a line per ticket (at most ``QUEUE_LINES``), «и ещё N»."""
    if not entries:
        return t("staff.queue.empty")
    lines = [t("staff.queue.header", count=len(entries))]
    lines += [
        t(
            "staff.queue.line",
            number=entry.number,
            priority=t(f"priority.{entry.priority}"),
            kind=t(f"kind.{entry.kind}"),
            engineer=entry.engineer or t("staff.queue.not_taken"),
            due=_due(entry),
        )
        for entry in entries[:QUEUE_LINES]
    ]
    if len(entries) > QUEUE_LINES:
        lines.append(t("staff.queue.more", count=len(entries) - QUEUE_LINES))
    return "\n".join(lines)


async def on_queue(message: Message, argument: str, directory: QueueReader, **data: Any) -> None:
    text = queue_text(await directory.queue())
    try:
        for piece in split_text(text):
            await message.reply(piece)
    except AiogramError as error:
        log.warning("staff_queue_not_sent", error=type(error).__name__)
