"""The service as a client meets it by e-mail, with only the e-mail channel on: a real Dovecot mailbox and an
SMTP sink."""

from __future__ import annotations

import asyncio
import re
from email.message import EmailMessage

from bots.email import EmailChannel
from service.runtime import Runtime
from tests.email.letters import letter
from tests.email.servers import MailboxClient, SmtpSink
from tests.engine.intake_answers import VALID_ANSWERS


class MailDesk:
    """The service as a client meets it by e-mail: write a letter, read the answers that came back."""

    def __init__(self, runtime: Runtime, mailbox: MailboxClient, sink: SmtpSink) -> None:
        self.runtime = runtime
        self.mailbox = mailbox
        self.sink = sink
        channel = runtime.channels["email"]
        assert isinstance(channel, EmailChannel)
        self.channel = channel
        self.read = 0

    async def write(self, mail: EmailMessage) -> list[EmailMessage]:
        """Put the letter in the mailbox, let the service poll, process and send; the letters it sent back."""
        await asyncio.to_thread(self.mailbox.append, mail.as_bytes())
        await self.channel.poll_once(self.channel.storing(self.runtime.keep))
        await self.runtime.drain()
        answers, self.read = self.sink.received[self.read :], len(self.sink.received)
        return answers

    async def answer(self, previous: EmailMessage, text: str, **kwargs: object) -> list[EmailMessage]:
        """The client's reply to one of our letters, as a mail program threads it."""
        reply = letter(text, subject="Re: " + str(previous["Subject"]), **kwargs)  # type: ignore[arg-type]
        reply["In-Reply-To"] = previous["Message-ID"]
        reply["References"] = previous["Message-ID"]
        return await self.write(reply)

    async def open_ticket(self) -> tuple[str, EmailMessage]:
        """A problem ticket opened by letters, every question answered plainly: its number and our confirmation."""
        [menu] = await self.write(letter("Здравствуйте! Есть вопрос по лицензии."))
        answered = menu
        for reply in ("Оформить заявку", "1", "1", "2"):  # consent, a problem, works in part
            answered = (await self.answer(answered, reply))[-1]
        summary = (await self.answer(answered, form_reply(body(answered))))[-1]
        confirmation = (await self.answer(summary, "Отправить"))[-1]
        found = re.search(r"TP-\d+", str(confirmation["Subject"]))
        assert found is not None, body(confirmation)
        return found.group(0), confirmation


def body(mail: EmailMessage) -> str:
    part = mail.get_body(("plain",))
    assert part is not None
    return part.get_content()


def form_reply(form: str) -> str:
    """Every numbered question of the form answered by its number."""
    labels = {
        "телефон": "contact", "организация": "organization", "городе": "city", "контактного лица": "contact_name",
        "программный продукт": "product_name", "версия продукта": "product_version", "операционная": "os",
        "антивирус": "antivirus", "аппаратная": "hardware", "локальной сети": "network", "ПК в системе": "pcs",
        "Из чего состоит": "subsystems", "подключено": "connection", "конкретного прибора": "device_involved",
        "результат ожидаете": "expected", "Опишите проблему": "description", "Пошагово": "steps",
        "на самом деле": "actual", "Скриншоты": "screenshots",
    }  # fmt: skip
    lines = []
    for number, question in re.findall(r"^(\d+)\. (.+)$", form, re.MULTILINE):
        key = next(k for word, k in labels.items() if word.lower() in question.lower())
        lines.append(f"{number}. {VALID_ANSWERS[key] if key != 'screenshots' else ''}")
    return "\n".join(lines)
