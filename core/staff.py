"""What engineers can do to a ticket, whatever messenger its client uses and wherever the engineers work.

The Telegram group (``bots/staff.py``) calls these actions; the service implements them
(``service/staff_actions.StaffActions``), so the adapters never depend on the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from core.messages import Attachment
from core.texts import t

PRIORITIES = ("critical", "high", "normal", "low")
# new → taken («в работе») → answered («ждёт ответа клиента») ⇄ the client writes again; closed
STATUSES = ("open", "in_progress", "waiting", "closed")
OPEN_STATUSES = ("open", "in_progress", "waiting")  # the engineers still owe the client something


def status_after_client_wrote(status: str, taken: bool) -> str:
    """The client wrote on a ticket waiting for them: it is the engineers' turn again."""
    if status != "waiting":
        return status
    return "in_progress" if taken else "open"


def duration_words(amount: timedelta) -> str:
    """«1 д 3 ч», «2 ч 15 мин», «5 мин»: the two largest units, as an engineer reads a queue."""
    minutes = max(int(amount.total_seconds() // 60), 0)
    days, hours, minutes = minutes // (24 * 60), minutes // 60 % 24, minutes % 60
    units = [
        ("duration.days", "days", days),
        ("duration.hours", "hours", hours),
        ("duration.minutes", "minutes", minutes),
    ]
    words = [t(key, **{name: value}) for key, name, value in units if value]
    return " ".join(words[:2]) or t("duration.minutes", minutes=0)


class Refused(Exception):
    """What the ticket's state does not allow (an answer to a closed ticket, a second /close): nothing is done,
    and the engineer is told why (``told``), in the group's topic or on the desk page."""

    def __init__(self, reason: str, **values: str) -> None:
        super().__init__(reason)
        self.reason = reason  # a text key
        self.values = values

    def told(self) -> str:
        return t(self.reason, **self.values)


@dataclass(frozen=True)
class Engineer:
    id: str
    name: str  # first name, as the client is told


class StaffDesk(Protocol):
    """The engineers' side of the desk. Each action is deduplicated by ``platform_id`` (the engineer's
    message); False when it was done before."""

    async def reply(
        self,
        number: str,
        engineer: Engineer,
        text: str | None,
        attachments: Sequence[Attachment],
        platform_id: str | None,
    ) -> bool:
        """An answer to the client, delivered in the client's own messenger."""
        ...

    async def note(self, number: str, engineer: Engineer, text: str, platform_id: str | None) -> bool:
        """An internal note: kept with the ticket, never sent to the client."""
        ...

    async def take(self, number: str, engineer: Engineer, platform_id: str | None) -> bool: ...

    async def set_priority(self, number: str, priority: str, platform_id: str | None) -> bool: ...

    async def close(self, number: str, platform_id: str | None) -> bool: ...

    async def reopen(self, number: str, platform_id: str | None) -> bool: ...
