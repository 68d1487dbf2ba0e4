"""What a messenger's callback can mean besides a client's message: the chat opened, left, a status."""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import Channel, Inbound


@dataclass(frozen=True)
class Started:
    """The client opened the chat (Viber ``conversation_started``): one welcome message is allowed."""

    channel: Channel
    chat: str


@dataclass(frozen=True)
class Unsubscribed:
    """The client left (Viber ``unsubscribed``): nothing can be sent to them any more."""

    channel: Channel
    chat: str


@dataclass(frozen=True)
class StatusReport:
    """What became of a message the bot sent: delivered, seen/read, failed…"""

    channel: Channel
    chat: str | None
    message_id: str
    status: str
    failed: bool = False
    error: str | None = None  # the platform's code or description, never message content
    outside_window: bool = False  # WhatsApp refused free text after the 24-hour window (63016)


@dataclass(frozen=True)
class Ignored:
    """Nothing to do (Viber's ``webhook`` check, ``subscribed``)."""

    what: str


@dataclass(frozen=True)
class Received:
    """A signed callback to be stored in the inbox as it came and read (media fetched) when its turn comes.

    ``platform_id`` keys it (a redelivery is refused), ``chat`` orders it among the chat's callbacks and
    ``raw`` is the body as received: the adapter reads it again, with the same code, at processing time.
    """

    channel: Channel
    platform_id: str
    chat: str
    raw: str


PlatformEvent = Inbound | Started | Unsubscribed | StatusReport | Ignored
