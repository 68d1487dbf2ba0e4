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


PlatformEvent = Inbound | Started | Unsubscribed | StatusReport | Ignored
