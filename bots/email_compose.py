"""An Outbound as an e-mail: plain text and simple HTML, choices numbered, files attached, in the client's thread.

The bot's own answers say ``Auto-Submitted: auto-replied`` (RFC 3834), so that other robots (vacation
notices, ticket systems) do not answer them and no mail loop starts; an engineer's answer is a person's
letter and goes without it.
"""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from html import escape

import structlog

from bots.email_settings import EmailSettings, parse_sender
from bots.email_thread import IN_REPLY_TO, MESSAGE_ID, REFERENCES, reply_subject
from bots.files import FileStore
from bots.media import media_type
from core.messages import Attachment, Outbound
from core.render import choices_as_text
from core.texts import t

log = structlog.get_logger(__name__)

WEB_LINK = ("https://", "http://")
BODY_STYLE = ' style="font-family: Arial, sans-serif; font-size: 14px"'


def compose(message: Outbound, *, settings: EmailSettings, store: FileStore, now: datetime) -> EmailMessage:
    """The e-mail for ``message`` (reads the attached files: call it off the event loop)."""
    author = message.extras.get("author")
    mail = EmailMessage()
    mail["From"] = _from(settings, author)
    mail["To"] = message.chat
    mail["Subject"] = reply_subject(message.extras, t("email.subject"))
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = message.extras.get(MESSAGE_ID) or make_msgid(domain=settings.domain)
    if message.extras.get(IN_REPLY_TO):
        mail["In-Reply-To"] = message.extras[IN_REPLY_TO]
        mail["References"] = message.extras.get(REFERENCES) or message.extras[IN_REPLY_TO]
    if not author:
        mail["Auto-Submitted"] = "auto-replied"
        mail["X-Auto-Response-Suppress"] = "All"  # Exchange's own switch for out-of-office notices
    files = [a for a in message.attachments if store.path(a.ref) is not None]
    text = plain_text(message, [a for a in message.attachments if a not in files])
    mail.set_content(text)
    mail.add_alternative(html_of(text), subtype="html")
    for attachment in files:
        _attach(mail, store, attachment)
    return mail


def _from(settings: EmailSettings, author: str | None) -> str | Address:
    """Our address; an engineer's answer shows their name beside the bot's («Анна · ТвинПро Поддержка»)."""
    if not author:
        return settings.sender
    own = parse_sender(settings.sender)
    name = t("email.sender_with_author", author=author, bot=own.display_name or t("email.bot_name"))
    return Address(display_name=name, addr_spec=own.addr_spec)


def plain_text(message: Outbound, not_attached: list[Attachment]) -> str:
    """The text, the choices as a numbered list (e-mail has no buttons), links to files, a signature."""
    if message.extras.get("unnumbered") and message.choices:
        options = " · ".join(f"«{c.title}»" for c in message.choices)
        text = message.text + "\n\n" + t("email.answer_in_words", options=options)
    else:
        text = choices_as_text(message.text, message.choices)
    links = [_link(a) for a in not_attached]
    if any(links):
        text += "\n\n" + "\n".join(link for link in links if link)
    author = message.extras.get("author")
    signature = t("email.signature_engineer", author=author) if author else t("email.signature")
    return f"{text}\n\n-- \n{signature}\n"


def _link(attachment: Attachment) -> str | None:
    """A file that is not in the store: a web link as a line of text, anything else left out."""
    name = attachment.file_name or attachment.kind
    if attachment.ref.startswith(WEB_LINK):
        return t("email.file_link", name=name, url=attachment.ref)
    log.warning("email_attachment_not_sent", kind=attachment.kind)
    return None


def html_of(text: str) -> str:
    """The plain text as simple HTML: paragraphs and line breaks, nothing that needs a stylesheet."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    body = "\n".join("<p>" + "<br>\n".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs)
    return f"<!DOCTYPE html>\n<html><body{BODY_STYLE}>\n{body}\n</body></html>\n"


def _attach(mail: EmailMessage, store: FileStore, attachment: Attachment) -> None:
    path = store.path(attachment.ref)
    if path is None:
        return
    mime = attachment.mime_type or media_type(path)
    if mime.startswith(("message/", "multipart/")):  # a container must not be base64: send it as bytes
        mime = "application/octet-stream"
    maintype, _, subtype = mime.partition("/")
    name = attachment.file_name or path.name
    mail.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype or "octet-stream", filename=name)
