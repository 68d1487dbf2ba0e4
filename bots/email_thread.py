"""How e-mails hang together: the ticket number in the subject and the Message-ID chain.

A reply carries ``In-Reply-To`` (the message it answers) and ``References`` (the chain), and mail
programs thread by them; the «[TP-00042]» tag in the subject finds the ticket even when a client
starts a new letter or a mail program drops the headers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage

from core.messages import TICKET_EXTRA

# Outbound.extras keys the adapter reads when it sends (all optional)
TICKET = TICKET_EXTRA  # «TP-00042»: «[TP-00042]» leads the subject
SUBJECT = "subject"  # the client's subject, answered as «Re: [TP-…] subject»
IN_REPLY_TO = "in_reply_to"  # the Message-ID of the client's message being answered
REFERENCES = "references"  # the chain up to it, space-separated
MESSAGE_ID = "message_id"  # our own Message-ID for this message, stable across retries; generated if absent

_TICKET = re.compile(r"\bTP-\d+\b", re.IGNORECASE)
_TAG = re.compile(r"\[\s*TP-\d+\s*\]", re.IGNORECASE)
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|sv|tr|ha|ответ|отв|пересл)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
REFERENCES_KEPT = 20  # the first and the latest ones: enough to thread, short enough for any server


@dataclass(frozen=True)
class MailThread:
    """Where a client's message belongs: its own id, the chain it continues, its subject and ticket."""

    message_id: str | None  # «<…@…>», angle brackets kept, as headers carry it
    references: tuple[str, ...]  # oldest first, this message's parent last
    subject: str
    ticket: str | None  # «TP-00042»

    @property
    def starts_thread(self) -> bool:
        """A new letter rather than an answer: no parent, no ticket, no «Re:»."""
        return not self.references and self.ticket is None and not _REPLY_PREFIX.match(self.subject)

    def reply_extras(self, ticket: str | None = None) -> dict[str, str]:
        """The Outbound.extras for an answer to this message, in its thread (``ticket`` when one is known now)."""
        extras = {SUBJECT: self.subject}
        if ticket or self.ticket:
            extras[TICKET] = (ticket or self.ticket or "").upper()
        if self.message_id:
            chain = (*self.references, self.message_id)
            extras[IN_REPLY_TO] = self.message_id
            extras[REFERENCES] = " ".join(_shortened(chain))
        return extras


def thread_of(message: EmailMessage) -> MailThread:
    subject = str(message.get("Subject", "") or "")
    own = _ids(str(message.get("Message-ID", "") or ""))
    parents = _ids(str(message.get("References", "") or ""))
    for parent in _ids(str(message.get("In-Reply-To", "") or "")):
        if parent not in parents:
            parents.append(parent)
    return MailThread(own[0] if own else None, tuple(parents), subject.strip(), ticket_in(subject))


def ticket_in(subject: str) -> str | None:
    """«TP-00042» from «Re: [TP-00042] Журнал не открывается», else None."""
    found = _TICKET.search(subject)
    return found.group(0).upper() if found else None


def plain_subject(subject: str) -> str:
    """The subject without «Re:»/«Fwd:» prefixes and the ticket tag: what the letter is about."""
    return " ".join(_REPLY_PREFIX.sub("", _TAG.sub(" ", subject)).split())


def reply_subject(extras: dict[str, str], fallback: str) -> str:
    """«Re: [TP-00042] …» for an answer, «[TP-00042] …» for a letter of ours, ``fallback`` as the topic."""
    topic = plain_subject(extras.get(SUBJECT, "")) or fallback
    ticket = extras.get(TICKET)
    tagged = f"[{ticket}] {topic}" if ticket else topic
    return f"Re: {tagged}" if extras.get(IN_REPLY_TO) else tagged


def _ids(value: str) -> list[str]:
    return _MESSAGE_ID.findall(value)


def _shortened(chain: tuple[str, ...]) -> tuple[str, ...]:
    """RFC 5322 3.6.4: the first id, then the latest ones, when a chain grows too long."""
    if len(chain) <= REFERENCES_KEPT:
        return chain
    return (chain[0], *chain[-(REFERENCES_KEPT - 1) :])
