"""The help@ mailbox on a real Dovecot: each letter handed over once, nothing lost to a failure or a restart."""

from __future__ import annotations

import asyncio
import time

import aioimaplib
import pytest

from bots.email import EmailChannel
from bots.email_imap import Mailbox, MailboxError
from bots.email_settings import ImapServer
from bots.files import FileStore
from bots.platform_events import Received
from tests.email.conftest import NOWHERE, make_channel
from tests.email.letters import PNG, letter
from tests.email.servers import MailboxClient
from tests.email.test_automatic_letters import BOUNCE


class Inbox:
    """The wiring's side in miniature: keeps each key once, like the service's inbox."""

    def __init__(self, channel: EmailChannel) -> None:
        self.channel = channel
        self.kept: dict[str, str] = {}
        self.handed: list[str] = []
        self.arrived = asyncio.Event()

    async def store(self, key: str, raw: str) -> bool:
        self.handed.append(key)
        event = self.channel.read(raw)
        if isinstance(event, Received):
            self.kept.setdefault(key, raw)
            self.arrived.set()
        return True  # kept now or before, or automatic and ignored: done with it either way

    async def keep(self, received: Received) -> bool:
        """The service's ``Runtime.keep``, which ``run`` is given: True when new."""
        new = received.platform_id not in self.kept
        self.kept.setdefault(received.platform_id, received.raw)
        self.arrived.set()
        return new


async def put(mailbox: MailboxClient, *letters: bytes) -> None:
    await asyncio.to_thread(mailbox.append, *letters)


async def unseen(mailbox: MailboxClient) -> int:
    return await asyncio.to_thread(mailbox.unseen_count)


async def test_each_letter_is_handed_over_once_and_read_as_it_was_sent(
    imap_channel: EmailChannel, mailbox: MailboxClient
) -> None:
    first = letter("Журнал не открывается", message_id="<one@example.ru>")
    second = letter("Скриншот", message_id="<two@example.ru>", files=(("screen.png", "image/png", PNG),))
    await put(mailbox, first.as_bytes(), second.as_bytes())
    inbox = Inbox(imap_channel)

    assert await imap_channel.poll_once(inbox.store) == 2
    assert inbox.handed == ["one@example.ru", "two@example.ru"]
    assert await unseen(mailbox) == 0
    assert await imap_channel.poll_once(inbox.store) == 0
    assert len(inbox.handed) == 2

    inbound = await imap_channel.unpack(inbox.kept["two@example.ru"], retry_later=True)
    assert inbound.text == "Журнал событий\n\nСкриншот"
    (screen,) = inbound.attachments
    path = imap_channel.store.path(screen.ref)
    assert path is not None and path.read_bytes() == PNG


@pytest.mark.parametrize("failure", ["refused", "raised"])
async def test_a_letter_not_kept_is_handed_again_next_time(
    imap_channel: EmailChannel, mailbox: MailboxClient, failure: str
) -> None:
    await put(mailbox, letter("1", message_id="<a@example.ru>").as_bytes(), letter("2").as_bytes())
    handed: list[str] = []

    async def failing(key: str, raw: str) -> bool:
        handed.append(key)
        if failure == "raised":
            raise ConnectionError("the store is down")
        return False

    assert await imap_channel.poll_once(failing) == 0
    assert handed == ["a@example.ru"]  # the later letter waits too: a client's letters keep their order
    assert await unseen(mailbox) == 2
    inbox = Inbox(imap_channel)
    assert await imap_channel.poll_once(inbox.store) == 2
    assert inbox.handed[0] == "a@example.ru"


async def test_a_restart_mid_poll_loses_nothing_and_a_refetch_has_no_second_effect(
    files: FileStore, imap_server: ImapServer, mailbox: MailboxClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await put(mailbox, *(letter(str(n), message_id=f"<n{n}@example.ru>").as_bytes() for n in (1, 2, 3)))
    before = make_channel(files, imap_server)
    inbox = Inbox(before)

    async def crash_on_second(key: str, raw: str) -> bool:
        if key == "n2@example.ru":
            raise asyncio.CancelledError  # the service stopped while the letter was being stored
        return await inbox.store(key, raw)

    with pytest.raises(asyncio.CancelledError):
        await before.poll_once(crash_on_second)
    assert list(inbox.kept) == ["n1@example.ru"]

    # after the restart the next letter is kept, but the connection drops before it is flagged read
    async def lost_connection(self: Mailbox, uid: str) -> None:
        raise OSError("connection reset")

    after = make_channel(files, imap_server)
    with monkeypatch.context() as patched:
        patched.setattr(Mailbox, "mark_seen", lost_connection)
        with pytest.raises(OSError):
            await after.poll_once(inbox.store)

    assert await after.poll_once(inbox.store) == 2
    assert inbox.handed == ["n1@example.ru", "n2@example.ru", "n2@example.ru", "n3@example.ru"]
    assert list(inbox.kept) == ["n1@example.ru", "n2@example.ru", "n3@example.ru"]  # once each
    assert await unseen(mailbox) == 0


async def test_automatic_letters_from_the_mailbox_are_done_with_but_never_kept(
    imap_channel: EmailChannel, mailbox: MailboxClient
) -> None:
    out_of_office = letter("Я в отпуске", subject="Автоответ", headers={"Auto-Submitted": "auto-replied"})
    await put(mailbox, BOUNCE.replace("\n", "\r\n").encode(), out_of_office.as_bytes(), letter("Вопрос").as_bytes())
    inbox = Inbox(imap_channel)
    assert await imap_channel.poll_once(inbox.store) == 3
    assert len(inbox.kept) == 1
    assert await unseen(mailbox) == 0


async def test_run_sees_a_new_letter_at_once_through_idle(imap_channel: EmailChannel, mailbox: MailboxClient) -> None:
    inbox, stop = Inbox(imap_channel), asyncio.Event()
    task = asyncio.create_task(imap_channel.run(inbox.keep, stop, every=30))
    await asyncio.sleep(0.3)  # connected and idling
    started = time.monotonic()
    await put(mailbox, letter("Новое письмо", message_id="<idle@example.ru>").as_bytes())
    await asyncio.wait_for(inbox.arrived.wait(), 10)
    assert time.monotonic() - started < 10  # far sooner than the 30 s poll: IDLE reported it
    stop.set()
    await asyncio.wait_for(task, 10)
    assert list(inbox.kept) == ["idle@example.ru"]


async def test_run_polls_where_the_server_has_no_idle(
    imap_channel: EmailChannel, mailbox: MailboxClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aioimaplib.IMAP4, "has_capability", lambda self, name: name != "IDLE")
    inbox, stop = Inbox(imap_channel), asyncio.Event()
    task = asyncio.create_task(imap_channel.run(inbox.keep, stop, every=0.2))
    await asyncio.sleep(0.3)
    await put(mailbox, letter("Без IDLE").as_bytes())
    await asyncio.wait_for(inbox.arrived.wait(), 10)
    stop.set()
    await asyncio.wait_for(task, 5)


async def test_run_outlives_an_unreachable_server_and_stops_when_told(files: FileStore) -> None:
    channel, stop = make_channel(files, NOWHERE), asyncio.Event()
    task = asyncio.create_task(channel.run(Inbox(channel).keep, stop, every=1))
    await asyncio.sleep(0.2)
    assert not task.done()
    stop.set()
    await asyncio.wait_for(task, 5)


async def test_a_wrong_password_is_an_error_not_an_empty_mailbox(files: FileStore, imap_server: ImapServer) -> None:
    wrong = ImapServer(imap_server.host, imap_server.port, imap_server.user, "wrong", imap_server.mailbox)
    with pytest.raises(MailboxError):
        await make_channel(files, wrong).poll_once(Inbox(make_channel(files)).store)


async def test_a_letter_with_a_nul_byte_is_kept_without_it(channel: EmailChannel) -> None:
    """A NUL would fail the inbox's write at every poll and hold back every letter after it."""
    kept: list[Received] = []

    async def keep(received: Received) -> bool:
        kept.append(received)
        return True

    broken = letter("Журнал\x00 не открывается").as_bytes().decode("latin-1")
    assert await channel.storing(keep)("key", broken) is True
    [received] = kept
    assert "\x00" not in received.raw and "\x00" in broken
