"""The small protocol every messenger adapter satisfies, and the outcome of one delivery."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


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


@dataclass
class Progress:
    """How far one delivery of a message sent in several parts (text pieces, files) has got.

    ``done`` parts got through on earlier tries: they are skipped, so that a retry resumes from the
    first part that did not, instead of repeating the message from its start. The dispatcher keeps
    ``done`` with the outbox item (``parts_sent``); a sender only calls :meth:`part` for each part.
    """

    done: int = 0
    position: int = 0  # parts passed on this try

    async def part(self, send: Callable[[], Awaitable[T]]) -> T | None:
        """Send the next part, unless an earlier try delivered it (then None).

        The part counts as delivered when ``send`` returns, unless it returns a failed DeliveryResult
        (senders that report failures as results rather than exceptions).
        """
        self.position += 1
        if self.position <= self.done:
            return None
        outcome = await send()
        if not isinstance(outcome, DeliveryResult) or outcome.ok:
            self.done = self.position
        return outcome


_progress: ContextVar[Progress | None] = ContextVar("delivery_progress", default=None)


@contextmanager
def tracking(done: int) -> Iterator[Progress]:
    """The progress of the delivery made inside the block (by the current task), ``done`` parts sent before."""
    progress = Progress(done)
    token = _progress.set(progress)
    try:
        yield progress
    finally:
        _progress.reset(token)


def progress() -> Progress:
    """The progress of the delivery under way; outside the dispatcher a fresh one that skips nothing."""
    return _progress.get() or Progress()


class Sender(Protocol):
    """Delivers one outbox payload (an ``Outbound`` as a dict, or a staff notice) to its platform."""

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult: ...
