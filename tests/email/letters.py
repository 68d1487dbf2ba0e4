"""Letters as mail programs send them, for the tests to put in the mailbox or read directly."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

CLIENT = "Пётр Иванов <Ivanov@Example.ru>"
CLIENT_ADDRESS = "ivanov@example.ru"
HELP = "ТвинПро Поддержка <help@twinpro.ru>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 80  # 20 KB: a screenshot, not a logo


def letter(
    text: str | None = "Здравствуйте! Не открывается журнал событий.",
    *,
    subject: str = "Журнал событий",
    sender: str = CLIENT,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    files: tuple[tuple[str, str, bytes], ...] = (),
    message_id: str | None = None,
) -> EmailMessage:
    """A client's letter to help@: plain text, optionally HTML beside it, files as (name, type, bytes)."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = HELP
    mail["Subject"] = subject
    mail["Message-ID"] = message_id or make_msgid(domain="example.ru")
    for name, value in (headers or {}).items():
        mail[name] = value
    if text is not None:
        mail.set_content(text)
    if html is not None:
        if text is None:
            mail.set_content(html, subtype="html")
        else:
            mail.add_alternative(html, subtype="html")
    for name, mime, data in files:
        maintype, _, subtype = mime.partition("/")
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return mail


def raw(mail: EmailMessage) -> str:
    """As the poller hands it over: the bytes as Latin-1 text."""
    return mail.as_bytes().decode("latin-1")
