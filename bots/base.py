"""The small protocol every messenger adapter satisfies, and the outcome of one delivery."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class Unauthorized(Exception):
    """The request is not from the platform (bad or missing signature): answer 401, store nothing."""


class BadRequest(Exception):
    """The request is from the platform but cannot be understood: answer 400, store nothing."""


@dataclass(frozen=True)
class DeliveryResult:
    """``ok``; or retry later (``retry_after`` seconds when the platform said so); or give up."""

    ok: bool
    retry: bool = False
    retry_after: float | None = None
    unreachable: bool = False  # the client blocked the bot or unsubscribed
    error: str | None = None
    message_id: str | None = None  # the platform's id of what was sent, for its later status callbacks

    @classmethod
    def sent(cls, message_id: str | None = None) -> DeliveryResult:
        return cls(ok=True, message_id=message_id)

    @classmethod
    def later(cls, error: str, retry_after: float | None = None) -> DeliveryResult:
        return cls(ok=False, retry=True, retry_after=retry_after, error=error)

    @classmethod
    def failed(cls, error: str, *, unreachable: bool = False) -> DeliveryResult:
        return cls(ok=False, unreachable=unreachable, error=error)


class Sender(Protocol):
    """Delivers one outbox payload (an ``Outbound`` as a dict, or a staff notice) to its platform."""

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult: ...
