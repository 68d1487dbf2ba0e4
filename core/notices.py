"""What the client is told when something happens to a ticket outside the dialogue itself."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.calendar import is_working_time
from core.replies import Reply
from core.texts import t


def ticket_opened(number: str, priority: str, created_at: datetime, deadline: datetime, tz: ZoneInfo) -> Reply:
    lines = [
        t(
            "ticket.opened",
            number=number,
            priority=t(f"priority.{priority}"),
            deadline=deadline.astimezone(tz).strftime("%d.%m.%Y %H:%M"),
        )
    ]
    if not is_working_time(created_at, tz):
        lines.append(t("ticket.opened_off_hours"))
    return Reply("\n".join(lines))


def engineer_assigned(number: str, engineer: str) -> Reply:
    return Reply(t("ticket.engineer_assigned", number=number, engineer=engineer))


def ticket_reopened(number: str) -> Reply:
    return Reply(t("ticket.reopened", number=number))
