"""Fixtures: a real Dovecot for the mailbox (skipped with the reason when it is not installed), an aiosmtpd sink."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from pydantic import SecretStr

from bots.email import EmailChannel
from bots.email_settings import EmailSettings, ImapServer, SmtpServer
from bots.files import FileStore
from service.channels import start_channels
from service.runtime import Runtime
from service.settings import Settings
from tests.email.letters import HELP
from tests.email.mail_desk import MailDesk
from tests.email.servers import Dovecot, MailboxClient, SmtpSink, dovecot_binary, free_port
from tests.fakes import FakeClock

NOWHERE = ImapServer("127.0.0.1", 9, "nobody", "none")  # the discard port: nothing listens there


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    binary = dovecot_binary()
    if binary is None:
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd, as .ci/run does): no real IMAP server")
    server = Dovecot.start(binary)
    yield server
    server.stop()


@pytest.fixture
def imap_server(dovecot: Dovecot) -> ImapServer:
    """A fresh, empty mailbox of its own for each test."""
    return dovecot.account()


@pytest.fixture
def mailbox(imap_server: ImapServer) -> MailboxClient:
    return MailboxClient(imap_server)


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    aiosmtpd_log = logging.getLogger("mail.log")
    level = aiosmtpd_log.level
    aiosmtpd_log.setLevel(logging.WARNING)  # it logs every envelope address at INFO
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()
    aiosmtpd_log.setLevel(level)


@pytest.fixture
def files(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files")


def make_channel(files: FileStore, imap: ImapServer = NOWHERE, smtp_port: int = 9) -> EmailChannel:
    settings = EmailSettings(imap, SmtpServer("127.0.0.1", smtp_port), HELP, "help@twinpro.ru")
    return EmailChannel(settings=settings, store=files, clock=FakeClock())


@pytest.fixture
def channel(files: FileStore) -> EmailChannel:
    """No server behind it: for reading letters."""
    return make_channel(files)


@pytest.fixture
def imap_channel(files: FileStore, imap_server: ImapServer) -> EmailChannel:
    return make_channel(files, imap=imap_server)


@pytest.fixture
def smtp_channel(files: FileStore, smtp_sink: SmtpSink) -> EmailChannel:
    return make_channel(files, smtp_port=smtp_sink.port)


@pytest.fixture
async def desk(
    settings: Settings, clock: FakeClock, imap_server: ImapServer, mailbox: MailboxClient, smtp_sink: SmtpSink
) -> AsyncIterator[MailDesk]:
    imap = f"imap://{imap_server.user}:{imap_server.password}@{imap_server.host}:{imap_server.port}/"
    configured = settings.model_copy(
        update={
            "email_imap_url": SecretStr(imap + imap_server.mailbox.replace(" ", "%20")),
            "email_smtp_url": SecretStr(f"smtp://127.0.0.1:{smtp_sink.port}"),
            "email_from": HELP,
        }
    )
    runtime = await Runtime.start(configured, clock=clock)
    try:
        await start_channels(runtime)
        yield MailDesk(runtime, mailbox, smtp_sink)
    finally:
        await runtime.close()
