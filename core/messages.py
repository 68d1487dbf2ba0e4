"""Channel-agnostic messages: what any client or engineer said, and what the bot says back.

Adapters in ``bots/`` turn platform payloads into :class:`Inbound` and send :class:`Outbound`;
the engine never knows which messenger it talks to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

ChannelName = str  # a channel's key in the registry (service/channels/registry.py): "telegram", "viber"…

AttachmentKind = Literal["image", "document", "audio", "video", "sticker", "location", "other"]


UNAVAILABLE = "unavailable:"  # the ref of a file that was not fetched and whose URL is not kept


@dataclass(frozen=True)
class Attachment:
    """A file a client or engineer sent, or the bot sends.

    ``ref`` is how to get the bytes: a platform file id or URL on the way in, a key of the
    service's file store once kept (``store:<key>``).
    """

    kind: AttachmentKind
    ref: str
    mime_type: str | None = None
    size: int | None = None
    file_name: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "ref": self.ref,
            "mime_type": self.mime_type,
            "size": self.size,
            "file_name": self.file_name,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Attachment:
        return cls(
            kind=data["kind"],  # type: ignore[arg-type]
            ref=str(data["ref"]),
            mime_type=data.get("mime_type"),  # type: ignore[arg-type]
            size=data.get("size"),  # type: ignore[arg-type]
            file_name=data.get("file_name"),  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class Choice:
    """One option offered to the client: a button, or a numbered line where there are no buttons."""

    payload: str
    title: str
    url: str = ""  # a page the button opens (Telegram: a Mini App) instead of sending ``payload`` back

    def to_dict(self) -> dict[str, str]:
        return {"payload": self.payload, "title": self.title, **({"url": self.url} if self.url else {})}


DEFAULT_TEXT_LIMIT = 4096  # the longest text most messengers let a client send
TICKET_EXTRA = "ticket"  # Outbound.extras: the number of the ticket a message is about (e-mail puts it in the subject)


# the explicit embeddings, overrides and isolates of Unicode's bidirectional algorithm (not the plain marks)
BIDI_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Inbound:
    """What a client said on any channel."""

    channel: ChannelName
    sender: str
    chat: str
    platform_id: str
    text: str | None = None
    choice: str | None = None
    attachments: tuple[Attachment, ...] = ()
    verified_phone: str | None = None  # a phone the platform vouches for (WhatsApp, an own Telegram contact)
    profile_name: str | None = None
    unsupported: str | None = None  # e.g. "sticker", "voice", "location": content we cannot use
    text_limit: int = DEFAULT_TEXT_LIMIT  # the longest text the channel lets a client send (its capabilities)
    by_letter: bool = False  # the channel carries letters (e-mail): the intake at once, one answer per message
    choices_last: bool = False  # the channel shows an answer's options only on its last message (Viber, WhatsApp)
    share_phone: str | None = None  # the title of the channel's «share my number» button, where it has one
    reply_extras: dict[str, str] = field(default_factory=dict)  # for the channel, on every answer (e-mail: thread)
    # Whether the platform vouches that the sender owns the chat. Every messenger does; a letter's From is a claim
    # anyone can write, proved only by ``answers``: the ids of our messages it replies to (its References), which
    # only the address's owner has seen.
    sender_vouched: bool = True
    answers: tuple[str, ...] = ()

    def clipped(self) -> Inbound:
        """The message with its text cut to the channel's own limit, before anything reads it, and without the
        characters that reverse how the text after them is shown (U+202E made a client's words read backwards in
        the engineers' topic and the desk).

        Anything longer is not a real client's message.
        """
        if not self.text:
            return self
        text = BIDI_OVERRIDES.sub("", self.text)[: self.text_limit]
        return replace(self, text=text) if text != self.text else self


@dataclass(frozen=True)
class Outbound:
    """What the bot says to one chat. Formatting and limits are the adapter's business."""

    channel: ChannelName
    chat: str
    text: str
    choices: tuple[Choice, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    request_phone: bool = False  # offer a "share my contact" button where the platform has one
    extras: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "channel": self.channel,
            "chat": self.chat,
            "text": self.text,
            "choices": [c.to_dict() for c in self.choices],
            "attachments": [a.to_dict() for a in self.attachments],
            "request_phone": self.request_phone,
            "extras": dict(self.extras),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Outbound:
        return cls(
            channel=data["channel"],  # type: ignore[arg-type]
            chat=str(data["chat"]),
            text=str(data["text"]),
            choices=tuple(Choice(**c) for c in data.get("choices", ())),  # type: ignore[union-attr]
            attachments=tuple(
                Attachment.from_dict(a)
                for a in data.get("attachments", ())  # type: ignore[union-attr]
            ),
            request_phone=bool(data.get("request_phone", False)),
            extras=dict(data.get("extras", {})),  # type: ignore[arg-type]
        )
