"""Real mail servers for the e-mail tests: a throwaway Dovecot (IMAP) and an aiosmtpd sink (SMTP).

Dovecot runs from its own config in a temporary directory, nothing of the system's: one master per
test session on a free loopback port, one fresh mailbox per test. As root its login processes run as
``dovenull`` and the mail belongs to ``dovecot`` (both made by Debian's package), because Dovecot
refuses to hand mail to root; as anyone else everything runs as that user, without chroots (which need root).
"""

from __future__ import annotations

import grp
import imaplib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from bots.email_settings import ImapServer

START_SECONDS = 15.0
USER = "help"
PASSWORD = "mailbox-secret"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{root}/mail/%u
mailbox_idle_check_interval = 1 secs
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = {root}/passwd
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next((p for p in ("/usr/sbin/dovecot",) if os.access(p, os.X_OK)), None)


@dataclass
class Dovecot:
    """A running Dovecot; ``account()`` makes a new empty mailbox and returns how to reach it."""

    root: Path
    port: int
    uid: int
    gid: int
    process: subprocess.Popen[bytes] | None = None
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def start(cls, binary: str) -> Dovecot:
        # short and outside pytest's tmp_path: Dovecot's unix sockets live here (paths of at most 108 bytes),
        # and as root the mail user must be able to reach it
        root = Path(tempfile.mkdtemp(prefix="dovecot-"))
        if os.geteuid() == 0:
            mail_user, login_user = pwd.getpwnam("dovecot"), "dovenull"
        else:
            mail_user = pwd.getpwuid(os.getuid())
            login_user = mail_user.pw_name
        server = cls(root, free_port(), mail_user.pw_uid, mail_user.pw_gid)
        group = grp.getgrgid(mail_user.pw_gid).gr_name
        config = CONFIG.format(
            root=root, port=server.port, internal=mail_user.pw_name, internal_group=group, login=login_user
        )
        (root / "dovecot.conf").write_text(config)
        home = root / "mail" / USER
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:{server.uid}:{server.gid}::{home}\n")
        (root / "mail").mkdir()
        os.chown(root / "mail", server.uid, server.gid)
        root.chmod(0o755)
        with (root / "output.log").open("wb") as output:
            server.process = subprocess.Popen(
                [binary, "-F", "-c", str(root / "dovecot.conf")], stdout=output, stderr=subprocess.STDOUT
            )
        server._wait_ready()
        return server

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                    if connection.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        log = self.log()
        self.stop()
        raise RuntimeError(f"Dovecot did not start:\n{log}")

    def log(self) -> str:
        paths = (self.root / "dovecot.log", self.root / "output.log")
        return "".join(path.read_text(errors="replace") for path in paths if path.exists())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        shutil.rmtree(self.root, ignore_errors=True)

    def account(self) -> ImapServer:
        """A new empty mailbox (a folder of the one user: Dovecot re-reads its passwd file once a second at most)."""
        server = ImapServer("127.0.0.1", self.port, USER, PASSWORD, f"Test {next(self._numbers)}")
        MailboxClient(server).create()
        return server


class MailboxClient:
    """The tests' own IMAP client (the stdlib's, blocking: call it in a thread) to put and look at letters."""

    def __init__(self, server: ImapServer) -> None:
        self.server = server

    def _session(self) -> imaplib.IMAP4:
        session = imaplib.IMAP4(self.server.host, self.server.port, timeout=10)
        session.login(self.server.user, self.server.password)
        return session

    def create(self) -> None:
        session = self._session()
        try:
            status, _ = session.create(_quoted(self.server.mailbox))
            assert status == "OK"
        finally:
            session.logout()

    def append(self, *letters: bytes) -> None:
        session = self._session()
        try:
            for letter in letters:
                status, _ = session.append(_quoted(self.server.mailbox), None, None, letter)
                assert status == "OK"
        finally:
            session.logout()

    def unseen_count(self) -> int:
        session = self._session()
        try:
            session.select(_quoted(self.server.mailbox))
            status, found = session.uid("search", None, "UNSEEN")
            assert status == "OK"
            return len(found[0].split())
        finally:
            session.logout()


def _quoted(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class SmtpSink:
    """An aiosmtpd handler that keeps what it accepts; ``refuse`` answers a recipient, ``answer_data`` the content."""

    port: int = 0
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> answer to RCPT TO
    answer_data: str | None = None  # e.g. "451 4.3.0 try again later"

    async def handle_RCPT(self, server: object, session: object, envelope: object, address: str, options: list) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)  # type: ignore[attr-defined]
        return "250 OK"

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        if self.answer_data is not None:
            return self.answer_data
        content: bytes = envelope.content  # type: ignore[attr-defined]
        self.received.append(message_from_bytes(content, policy=default))  # type: ignore[arg-type]
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))  # type: ignore[attr-defined]
        return "250 2.0.0 accepted"
