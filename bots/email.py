"""E-mail to help@twinpro.ru (regulation 4.1, 4.6): letters read from the mailbox over IMAP, answers sent by SMTP.

The client's address is the chat. ``run`` hands each new letter over with its dedupe key (``poll_once``
for a single pass); ``read`` tells a client's letter from an automatic one that must never be answered
(auto-replies, bounces, lists: no mail loops); ``unpack`` reads a stored letter as the desk takes it;
``thread`` says which ticket and thread it belongs to, and its ``reply_extras`` put the answer there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from email.headerregistry import Address
from typing import Any

import structlog

from bots.base import DeliveryResult
from bots.channel import Capabilities, Keep
from bots.email_compose import compose
from bots.email_files import MailFile, files_of, keep_files
from bots.email_imap import Mailbox, StoreMessage, hand_over, watch
from bots.email_parse import as_bytes, automatic_reason, message_key, parse, sender_of, written_text
from bots.email_settings import EmailSettings
from bots.email_smtp import send_mail
from bots.email_thread import MailThread, thread_of
from bots.files import FileStore
from bots.platform_events import Ignored, Received
from core.messages import Inbound, Outbound

log = structlog.get_logger(__name__)

CHANNEL = "email"
POLL_SECONDS = 60.0  # the longest a new letter waits, IDLE or not (IDLE usually sees it at once)
LETTER_TEXT_LIMIT = 20_000  # a letter is longer than a chat message; what is beyond is quoted history or noise


class EmailChannel:
    """The help@ mailbox: ``read``/``unpack`` a letter, ``deliver`` a payload, ``poll_once``/``run`` the inbox."""

    name = CHANNEL
    capabilities = Capabilities(
        buttons=False,
        text_limit=None,
        media=True,
        formatting="plain",
        received_text_limit=LETTER_TEXT_LIMIT,
        by_letter=True,  # a question per letter would take the client a day, and five letters at once annoy
    )

    def __init__(self, *, settings: EmailSettings, store: FileStore, clock: Callable[[], datetime]) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock

    # --- letters in
    def read(self, raw: str) -> Received | Ignored:
        """A fetched letter as the inbox stores it (Received, keyed and queued by its sender), or Ignored
        with the reason when it is automatic: it is then kept nowhere and never answered."""
        message = parse(raw, headers_only=True)
        reason = automatic_reason(message, self.settings.address)
        sender = sender_of(message)
        if reason is not None or sender is None:
            log.info("email_automatic_ignored", reason=reason)
            return Ignored(f"automatic:{reason}")
        key = message_key(as_bytes(raw))
        return Received(CHANNEL, key, sender.addr_spec.lower(), raw)

    def is_automatic(self, raw: str) -> bool:
        """An auto-reply, a bounce or delivery report, list or bulk mail, or our own: never to be answered."""
        return automatic_reason(parse(raw, headers_only=True), self.settings.address) is not None

    def thread(self, raw: str) -> MailThread:
        """The letter's ticket number (from «[TP-…]» in the subject) and Message-ID chain."""
        return thread_of(parse(raw, headers_only=True))

    async def unpack(self, raw: str, *, retry_later: bool) -> Inbound:
        """A stored letter as the desk takes it: only the new text, the files kept in the store.

        With ``retry_later`` a file that cannot be written raises MediaUnavailable, nothing kept.
        """
        sender, text, files = await asyncio.to_thread(_letter, raw)  # a letter may be megabytes to decode
        if sender is None:
            raise ValueError("a letter without a sender's address is never stored (see read)")
        address = sender.addr_spec.lower()
        thread = self.thread(raw)
        return Inbound(
            channel=CHANNEL,
            sender=address,
            chat=address,
            platform_id=message_key(as_bytes(raw)),
            text=text,
            attachments=await keep_files(self.store, files, retry_later=retry_later),
            profile_name=sender.display_name or None,
            reply_extras=thread.reply_extras(),  # every answer goes into the client's thread
            sender_vouched=False,  # anyone can write any From: only a reply to our letter proves it
            answers=thread.references,
        )

    async def poll_once(self, store_message: StoreMessage) -> int:
        """One pass over the mailbox: each unread letter handed over and marked read once kept; how many."""
        async with Mailbox(self.settings.imap) as box:
            return await hand_over(box, store_message)

    async def run(self, keep: Keep, stop: asyncio.Event, *, every: float = POLL_SECONDS) -> None:
        """Keep new letters in the inbox until ``stop`` is set (IDLE where the server has it), surviving outages."""
        await watch(self.settings.imap, self.storing(keep), stop, every=every)

    def storing(self, keep: Keep) -> StoreMessage:
        """What the poller does with a letter: keep a client's in the inbox; an automatic one is dropped.

        Either way, and for a letter kept before (a re-fetch), it is then marked read; if ``keep``
        raises, the letter stays unread and is fetched again.
        """

        async def store_message(key: str, raw: str) -> bool:
            event = self.read(raw.replace("\x00", " "))  # no store keeps a NUL, and no letter should hold one
            if isinstance(event, Received):
                await keep(event)
            return True

        return store_message

    # --- letters out
    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        """One letter; DeliveryResult.message_id is its Message-ID, for the thread's later answers."""
        message = Outbound.from_dict(payload)
        mail = await asyncio.to_thread(compose, message, settings=self.settings, store=self.store, now=self.clock())
        result = await send_mail(self.settings.smtp, mail, local_hostname=self.settings.domain)
        log.info("email_delivery", ok=result.ok, retry=result.retry, error=result.error)
        return result


def _letter(raw: str) -> tuple[Address | None, str | None, list[MailFile]]:
    """The author, the new text and the files of a letter."""
    message = parse(raw)
    return sender_of(message), written_text(message, thread_of(message)), files_of(message)
