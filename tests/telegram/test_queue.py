"""Issue 15 (4.10): /queue in the general topic lists the open tickets, critical first, then by deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bots.staff_queue import QUEUE_LINES, QueueEntry, queue_text
from core.texts import t
from tests.telegram.staff_group import general_texts, moscow, open_tickets
from tests.telegram.world import TelegramWorld


def line(number: str, priority: str, engineer: str, due: str) -> str:
    return t("staff.queue.line", number=number, priority=priority, kind="Консультация", engineer=engineer, due=due)


async def test_queue_lists_critical_first_then_by_deadline_with_who_took_each_and_the_time_left(
    telegram: TelegramWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Wednesday 25.11 at 11:00, 12:00, 13:00 and 14:00: the deadlines are Thursday at the same hours
    first, taken, closed, critical = await open_tickets(telegram, monkeypatch, 4, apart=timedelta(hours=1))
    await telegram.engineer_says("/take", thread_id=await telegram.topic_of(taken))
    await telegram.engineer_says("/close", thread_id=await telegram.topic_of(closed))
    await telegram.engineer_says("/priority критический", thread_id=await telegram.topic_of(critical))

    telegram.clock.now = moscow(26, 12, 30)
    await telegram.engineer_says("/queue")

    assert general_texts(telegram)[-1] == "\n".join(
        [
            t("staff.queue.header", count=3),
            line(critical, "критический", t("staff.queue.not_taken"), "осталось 1 ч 30 мин"),
            line(first, "обычный", t("staff.queue.not_taken"), "просрочена на 1 ч 30 мин"),
            line(taken, "обычный", "Алексей", t("staff.queue.answered")),
        ]
    )


async def test_an_empty_queue_says_so(telegram: TelegramWorld) -> None:
    await telegram.engineer_says("/queue@TwinProBot")

    assert general_texts(telegram) == [t("staff.queue.empty")]


def test_a_long_queue_shows_one_screen_and_counts_the_rest() -> None:
    entries = [
        QueueEntry(f"TP-{n:05d}", "normal", "problem", None, False, timedelta(hours=n % 9), timedelta(0))
        for n in range(QUEUE_LINES + 2)
    ]

    lines = queue_text(entries).splitlines()

    assert len(lines) == 1 + QUEUE_LINES + 1
    assert lines[1].startswith("TP-00000") and lines[-2].startswith(f"TP-{QUEUE_LINES - 1:05d}")
    assert lines[-1] == t("staff.queue.more", count=2)
