"""The e-mail channel's three settings turned into connection parameters.

``EMAIL_IMAP_URL`` ``imap://USER:PASSWORD@HOST:PORT/MAILBOX`` (``imaps://`` for TLS), ``EMAIL_SMTP_URL``
``smtp://[USER:PASSWORD@]HOST:PORT`` (``smtps://`` for TLS, ``?starttls=1`` to upgrade a plain
connection) and ``EMAIL_FROM``. A user name that is itself an address may keep its «@»; a password
with «@», «/», «?», «#» or «:» must be percent-encoded. Errors never repeat the URL: it holds a password.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.headerregistry import Address
from email.policy import default
from urllib.parse import parse_qs, unquote, urlsplit

IMAP_PORTS = {"imap": 143, "imaps": 993}
SMTP_PORTS = {"smtp": 25, "smtps": 465}
TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    mailbox: str = "INBOX"
    tls: bool = False


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    tls: bool = False  # TLS from the first byte (smtps, usually port 465)
    starttls: bool = False  # a plain connection upgraded with STARTTLS (usually port 587)


@dataclass(frozen=True)
class EmailSettings:
    imap: ImapServer
    smtp: SmtpServer
    sender: str  # the From header as configured, display name included
    address: str  # its bare address, lower-cased: mail from it is our own

    @property
    def domain(self) -> str:
        """Our own domain: for Message-IDs and the SMTP greeting, never looked up on the machine."""
        return self.address.rpartition("@")[2]


def parse_imap_url(url: str) -> ImapServer:
    parts = urlsplit(url.strip())
    if parts.scheme not in IMAP_PORTS:
        raise ValueError("EMAIL_IMAP_URL: the scheme must be imap:// or imaps://")
    if not parts.hostname or parts.username is None or parts.password is None:
        raise ValueError("EMAIL_IMAP_URL: a host, a user and a password are required")
    mailbox = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapServer(
        host=parts.hostname,
        port=_port(parts.port, IMAP_PORTS[parts.scheme]),
        user=unquote(parts.username),
        password=unquote(parts.password),
        mailbox=mailbox,
        tls=parts.scheme == "imaps",
    )


def parse_smtp_url(url: str) -> SmtpServer:
    parts = urlsplit(url.strip())
    if parts.scheme not in SMTP_PORTS:
        raise ValueError("EMAIL_SMTP_URL: the scheme must be smtp:// or smtps://")
    if not parts.hostname:
        raise ValueError("EMAIL_SMTP_URL: a host is required")
    starttls = any(value.lower() in TRUE for value in parse_qs(parts.query).get("starttls", []))
    if starttls and parts.scheme == "smtps":
        raise ValueError("EMAIL_SMTP_URL: smtps:// is TLS already; starttls=1 is for smtp://")
    return SmtpServer(
        host=parts.hostname,
        port=_port(parts.port, SMTP_PORTS[parts.scheme]),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        tls=parts.scheme == "smtps",
        starttls=starttls,
    )


def parse_sender(value: str) -> Address:
    """``ТвинПро Поддержка <help@twinpro.ru>`` or a bare address, as a header would read it."""
    header = default.header_factory("From", value.strip())
    addresses = header.addresses
    if len(addresses) != 1 or not addresses[0].domain or header.defects:
        raise ValueError("EMAIL_FROM: one address, e.g. «ТвинПро Поддержка <help@twinpro.ru>»")
    return addresses[0]


def email_settings(imap_url: str | None, smtp_url: str | None, sender: str | None) -> EmailSettings | None:
    """None when the channel is off (no IMAP URL); a ValueError when it is on but incomplete."""
    if not imap_url:
        return None
    if not smtp_url or not sender:
        raise ValueError("EMAIL_IMAP_URL is set: EMAIL_SMTP_URL and EMAIL_FROM are needed too")
    address = parse_sender(sender)
    return EmailSettings(parse_imap_url(imap_url), parse_smtp_url(smtp_url), str(address), address.addr_spec.lower())


def _port(port: int | None, fallback: int) -> int:
    """The URL's port (``urlsplit`` raises ValueError for one out of range or not a number)."""
    return port if port is not None else fallback
