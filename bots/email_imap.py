"""The help@ mailbox over IMAP: new letters handed over one at a time, and marked read only once kept.

A letter is fetched with ``BODY.PEEK[]`` (which leaves it unread), handed to ``store_message`` with its
dedupe key, and flagged ``\\Seen`` only when that returned True. A crash in between leaves it unread:
the next poll hands it again, and the key makes the second hand-over a no-op. Letters are handed in
the order they arrived and a poll stops at the first one not kept, so a client's letters never
overtake each other. Between polls the session waits in IDLE where the server has it (a new letter
is seen at once), else it sleeps; either way it polls at least every ``every`` seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from types import TracebackType

import aioimaplib
import structlog

from bots.email_parse import as_text, message_key
from bots.email_settings import ImapServer

log = structlog.get_logger(__name__)

StoreMessage = Callable[[str, str], Awaitable[bool]]
"""``(key, raw) -> kept``: True once the letter is safely kept (now, or by an earlier hand-over)."""

TIMEOUT = 30.0
MAX_BACKOFF = 300.0


class MailboxError(Exception):
    """The server said NO or BAD (a wrong password, no such mailbox)."""


MAIL_ERRORS = (MailboxError, aioimaplib.AioImapException, OSError, TimeoutError)


class Mailbox:
    """One logged-in IMAP session with the mailbox selected: ``async with Mailbox(server) as box``."""

    def __init__(self, server: ImapServer, timeout: float = TIMEOUT) -> None:
        self.server = server
        self.timeout = timeout
        self.client: aioimaplib.IMAP4 | None = None

    async def __aenter__(self) -> Mailbox:
        server = self.server
        kind = aioimaplib.IMAP4_SSL if server.tls else aioimaplib.IMAP4
        self.client = kind(host=server.host, port=server.port, timeout=self.timeout)
        try:
            await self.client.wait_hello_from_server()
            _ok(await self.client.login(aioimaplib.quoted(server.user), server.password), "login")
            _ok(await self.client.select(aioimaplib.quoted(server.mailbox)), "select")
        except BaseException:
            await self._close()
            raise
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self._close()

    @property
    def _imap(self) -> aioimaplib.IMAP4:
        if self.client is None:
            raise MailboxError("not connected")
        return self.client

    async def _close(self) -> None:
        client, self.client = self.client, None
        if client is None:
            return
        try:
            if client.get_state() in (aioimaplib.AUTH, aioimaplib.SELECTED, aioimaplib.NONAUTH):
                await asyncio.wait_for(client.logout(), self.timeout)
        except MAIL_ERRORS:
            pass  # closing anyway
        finally:
            transport = client.protocol.transport
            if transport is not None:
                transport.close()

    async def unseen(self) -> list[str]:
        """The UIDs of the letters not yet kept, oldest first."""
        response = await self._imap.uid_search("UNSEEN", "UNDELETED", charset=None)
        _ok(response, "search")
        found = [int(token) for line in response.lines[:-1] for token in bytes(line).split() if token.isdigit()]
        return [str(uid) for uid in sorted(found)]

    async def fetch(self, uid: str) -> bytes | None:
        """The letter as it is stored, without marking it read; None when it was deleted meanwhile."""
        response = await self._imap.uid("fetch", uid, "(BODY.PEEK[])")
        _ok(response, "fetch")
        literals = [bytes(line) for line in response.lines if isinstance(line, bytearray)]
        return literals[0] if literals else None

    async def mark_seen(self, uid: str) -> None:
        _ok(await self._imap.uid("store", uid, "+FLAGS.SILENT", "(\\Seen)"), "store")

    async def wait_for_news(self, stop: asyncio.Event, seconds: float) -> None:
        """Until the server reports a change (IDLE), ``stop`` is set, or ``seconds`` have passed."""
        client = self._imap
        if not client.has_capability("IDLE"):
            await sleep_until(stop, seconds)
            return
        idle = await client.idle_start(timeout=seconds)  # after ``seconds`` it pushes a wake-up itself
        try:
            await _first(client.wait_server_push(timeout=seconds + self.timeout), stop.wait())
        finally:
            client.idle_done()
            await asyncio.wait_for(idle, self.timeout)


async def hand_over(box: Mailbox, store_message: StoreMessage) -> int:
    """Every unread letter to ``store_message`` in order, each marked read once kept; how many were kept."""
    kept = 0
    for uid in await box.unseen():
        data = await box.fetch(uid)
        if data is None:
            continue
        try:
            stored = await store_message(message_key(data), as_text(data))
        except Exception as error:  # the store is down: this letter and the later ones wait for the next poll
            log.warning("email_not_kept", error=type(error).__name__)
            break
        if not stored:
            log.info("email_not_kept", error="refused")
            break
        await box.mark_seen(uid)
        kept += 1
    if kept:
        log.info("email_letters_kept", count=kept)
    return kept


async def watch(server: ImapServer, store_message: StoreMessage, stop: asyncio.Event, *, every: float) -> None:
    """Hand over new letters until ``stop``: one session, IDLE between polls, reconnecting after failures."""
    failures = 0
    while not stop.is_set():
        try:
            async with Mailbox(server) as box:
                while not stop.is_set():
                    await hand_over(box, store_message)
                    failures = 0
                    await box.wait_for_news(stop, every)
        except MAIL_ERRORS as error:
            failures += 1
            log.warning("email_mailbox_unreachable", error=type(error).__name__, failures=failures)
            await sleep_until(stop, min(MAX_BACKOFF, 2.0**failures))


async def sleep_until(stop: asyncio.Event, seconds: float) -> None:
    """Sleep ``seconds``, or less when ``stop`` is set meanwhile."""
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass


async def _first(*waits: Awaitable[object]) -> None:
    """Wait until one of ``waits`` is done; the others are cancelled."""
    tasks = [asyncio.ensure_future(wait) for wait in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _ok(response: aioimaplib.Response, command: str) -> None:
    if response.result != "OK":
        raise MailboxError(f"imap {command}: {response.result}")
