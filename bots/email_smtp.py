"""One e-mail handed to the SMTP server, and what its answer means for the outbox.

A 4xx answer, a refused connection or a timeout pass: try later. A 5xx answer to the recipient or to
the content is final; «no such mailbox» (550/551/553, or an enhanced code 5.1.x) means the client
cannot be reached at this address. A refusal of our own login or sender address is the configuration's
fault, not the message's: it waits for the operator rather than being dropped.
"""

from __future__ import annotations

import re
from email.message import EmailMessage

import aiosmtplib

from bots.base import DeliveryResult
from bots.email_settings import SmtpServer

TIMEOUT = 30.0
UNKNOWN_MAILBOX = {550, 551, 553}
_ENHANCED = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
# refusals of the connection, our login or our sender: nothing to do with this message
NOT_THE_MESSAGE = (
    aiosmtplib.SMTPConnectResponseError,
    aiosmtplib.SMTPHeloError,
    aiosmtplib.SMTPAuthenticationError,
    aiosmtplib.SMTPSenderRefused,
)


async def send_mail(server: SmtpServer, mail: EmailMessage, *, local_hostname: str) -> DeliveryResult:
    try:
        await aiosmtplib.send(
            mail,
            hostname=server.host,
            port=server.port,
            username=server.user,
            password=server.password,
            use_tls=server.tls,
            start_tls=server.starttls,
            local_hostname=local_hostname,  # else the machine's name is looked up for the greeting
            timeout=TIMEOUT,
        )
    except aiosmtplib.SMTPRecipientsRefused as error:
        return _answer(error.recipients[0], recipient=True)
    except aiosmtplib.SMTPResponseException as error:
        return _answer(error, recipient=isinstance(error, aiosmtplib.SMTPRecipientRefused))
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
        return DeliveryResult.later(f"smtp {type(error).__name__}")
    return DeliveryResult.sent(str(mail["Message-ID"]))


def _answer(error: aiosmtplib.SMTPResponseException, *, recipient: bool) -> DeliveryResult:
    """The server's code, and its enhanced code when given, never its text (it repeats the address)."""
    enhanced = _ENHANCED.search(error.message or "")
    described = f"smtp {error.code}" + (f" {enhanced.group(0)}" if enhanced else "")
    if error.code < 500 or isinstance(error, NOT_THE_MESSAGE):
        return DeliveryResult.later(described)
    if recipient:
        unknown = enhanced.group(0).startswith("5.1.") if enhanced else error.code in UNKNOWN_MAILBOX
        return DeliveryResult.failed(described, unreachable=unknown)
    return DeliveryResult.failed(described)
