"""What a messenger's callback can mean besides a client's message: the chat opened, left, a status."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from core.messages import ChannelName, Inbound

# What no store keeps: NUL (PostgreSQL refuses it in text and JSON) and half a surrogate pair (no UTF-8 has
# it). A JSON body can carry either as an escape, a form as a percent-escape; no platform sends them in earnest.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


# How such a character is written in a JSON text: escaped (a raw one is either invalid JSON or no UTF-8).
# A text without this pattern parses to nothing ``UNSTORABLE``; one with it may (an escaped backslash before
# the ``u`` does not count, but only costs the slower way).
ESCAPED_UNSTORABLE = re.compile(r"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


def storable(text: str) -> str:
    """``text`` with what no store keeps replaced by U+FFFD: the rest of it still counts."""
    return UNSTORABLE.sub("\ufffd", text)


def storable_json(value: Any) -> Any:
    """A parsed JSON body with every text value in it ``storable``: changed in place, and without recursion,
    as the body may be nested as deep as the parser went."""
    if isinstance(value, str):
        return storable(value)
    containers = [value] if isinstance(value, dict | list) else []
    while containers:
        container = containers.pop()
        slots = container.items() if isinstance(container, dict) else enumerate(container)
        for key, item in list(slots):
            if isinstance(item, str):
                container[key] = storable(item)
            elif isinstance(item, dict | list):
                containers.append(item)
    return value


@dataclass(frozen=True)
class Started:
    """The client opened the chat (Viber ``conversation_started``): one welcome message is allowed."""

    channel: ChannelName
    chat: str


@dataclass(frozen=True)
class Unsubscribed:
    """The client left (Viber ``unsubscribed``): nothing can be sent to them any more."""

    channel: ChannelName
    chat: str


@dataclass(frozen=True)
class StatusReport:
    """What became of a message the bot sent: delivered, seen/read, failed…"""

    channel: ChannelName
    chat: str | None  # checked as the platform sent it; the bot's own message (``message_id``) says whose it was
    message_id: str
    status: str
    failed: bool = False
    error: str | None = None  # the platform's code or description, never message content
    outside_window: bool = False  # WhatsApp refused free text after the 24-hour window (63016)


@dataclass(frozen=True)
class Ignored:
    """Nothing for the desk: Viber's ``webhook`` check or ``subscribed``; a Telegram update that is not a
    client's message (the engineers' group is handled by its own routers)."""

    what: str


@dataclass(frozen=True)
class Received:
    """A signed callback to be stored in the inbox as it came and read (media fetched) when its turn comes.

    ``platform_id`` keys it (a redelivery is refused), ``chat`` orders it among the chat's callbacks and
    ``raw`` is the body as received: the adapter reads it again, with the same code, at processing time.
    """

    channel: ChannelName
    platform_id: str
    chat: str
    raw: str


PlatformEvent = Inbound | Started | Unsubscribed | StatusReport | Ignored
