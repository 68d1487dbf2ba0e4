"""What engineers can do to a ticket, whatever messenger its client uses and wherever the engineers work.

The Telegram group (``bots/staff.py``) calls these actions; the service implements them
(``service/staff_actions.StaffActions``), so the adapters never depend on the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from core.messages import Attachment

PRIORITIES = ("critical", "high", "normal", "low")


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
