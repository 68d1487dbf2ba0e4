"""The shape every channel has: what it is called and can show, how it is read and how it delivers.

A client's message reaches the desk in two steps, whatever the channel: it is first kept in the
inbox as it came (a ``Received``: the webhook's ``read``, or a poller handing it to ``keep``), and
then, in its chat's turn, ``unpack``-ed into an ``Inbound`` (or another platform event) and handled.
What goes back is an outbox payload (an ``Outbound`` as a dict) that ``deliver`` sends.

- ``Channel``: every channel; the console is no more than this (the terminal feeds the desk).
- ``WebhookChannel``: the platform calls ``POST /webhooks/{name}`` (Telegram, Viber, WhatsApp).
- ``PollingChannel``: the service fetches from the platform in the background (e-mail over IMAP).

The channels the service knows are listed in ``service/channels/registry.py``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal, Protocol, runtime_checkable

from bots.base import DeliveryResult
from bots.platform_events import PlatformEvent, Received

Formatting = Literal["plain", "html", "markdown"]
MEGABYTE = 1024 * 1024
GENERAL = "staff_general"
"""The outbox channel of reports to the engineers' group's general topic (``bots/general_topic.py``); named
here, without aiogram, so that the processes that only queue those reports do not import it."""

Keep = Callable[[Received], Awaitable[bool]]
"""Store one received item durably in the inbox, as the webhook does; True when new, False when it was
kept before (a re-fetch). Either way it is then safe to acknowledge at the platform; it raises when the
store could not keep it (the poller must then fetch it again later)."""


@dataclass(frozen=True)
class Capabilities:
    """What a channel can carry and show; its adapter renders an ``Outbound`` within these."""

    buttons: bool  # False: choices go out as a numbered list and come back as a number or the words
    text_limit: int | None  # the longest text one sent message may have (longer is sent in parts); None: any
    media: bool  # files reach the client (otherwise only their names)
    formatting: Formatting  # the markup of sent text
    received_text_limit: int = 4096  # the longest text a client can send; anything longer is clipped
    delivery_window: timedelta | None = None  # free text only this long after the client's last message
    by_letter: bool = False  # messages are letters: the whole intake asked at once, one answer to each message
    # the options are seen only on the last message of an answer: Viber's keyboard is replaced by the next
    # message's (none: the default one), a numbered list is read where the answer ends
    choices_last: bool = False
    share_phone: str | None = None  # the text key of the button that shares the client's own number, if any


@dataclass(frozen=True)
class Webhook:
    """How the platform calls ``POST /webhooks/{name}``: the header carrying its signature, the largest body."""

    signature_header: str
    body_limit: int = MEGABYTE


@dataclass(frozen=True)
class WebhookAnswer:
    """The 200 the platform expects for a callback, with the body it reads where it reads one."""

    body: bytes = b""
    media_type: str | None = None

    @classmethod
    def json(cls, data: Any) -> WebhookAnswer:
        return cls(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), "application/json")


class Channel(Protocol):
    name: str  # its key everywhere: the registry, ``Inbound.channel``, the outbox, ``channel.<name>`` texts
    capabilities: Capabilities

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        """Send one outbox payload; a failure is a result (retry later or give up), never an exception."""
        ...


@runtime_checkable
class ReceivingChannel(Channel, Protocol):
    async def unpack(self, raw: str, *, retry_later: bool) -> PlatformEvent:
        """A kept item (``Received.raw``) read when its turn comes: an ``Inbound`` for the desk, or another event.

        Files are fetched here, after deduplication. With ``retry_later`` a file host failing for now may
        raise ``bots.media.MediaUnavailable``: the item is tried again later.
        """
        ...


@runtime_checkable
class WebhookChannel(ReceivingChannel, Protocol):
    webhook: Webhook

    def read(self, raw: bytes, signature: str | None) -> PlatformEvent | Received:
        """Verify and read a request without fetching anything: Received to be kept, or an event settled at once.

        ``signature`` is the value of ``webhook.signature_header``. Raises ``Unauthorized`` (401, nothing
        kept) or ``BadRequest`` (400).
        """
        ...

    def answer(self, event: PlatformEvent | Received) -> WebhookAnswer:
        """The HTTP answer to the request that ``read`` turned into ``event``."""
        ...


@runtime_checkable
class PollingChannel(ReceivingChannel, Protocol):
    async def run(self, keep: Keep, stop: asyncio.Event) -> None:
        """Fetch from the platform until ``stop`` is set, surviving outages: each new item to ``keep``, and
        acknowledged at the platform (marked read, offset moved) only once ``keep`` has returned."""
        ...
