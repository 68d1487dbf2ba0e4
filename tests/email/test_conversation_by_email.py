"""A client who writes to help@ gets a ticket by e-mail through the same engine and desk as the messengers.

The service runs with only the e-mail channel on, against a real Dovecot mailbox and an SMTP sink.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from email.message import EmailMessage

import pytest
from pydantic import SecretStr
from sqlmodel import select

from bots.email import EmailChannel
from bots.email_settings import ImapServer
from core.staff import Engineer
from service.channels import start_channels
from service.runtime import Runtime
from service.settings import Settings
from storage.models import Ticket
from tests.email.letters import CLIENT, HELP, PNG, letter
from tests.email.servers import MailboxClient, SmtpSink
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat


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


async def test_a_letter_becomes_a_ticket_in_one_thread_and_the_engineer_answers_in_it(desk: MailDesk) -> None:
    [menu] = await desk.write(letter("Здравствуйте! Есть вопрос по лицензии.\n\n-- \nПётр Иванов"))
    assert menu["To"] == "ivanov@example.ru" and menu["Auto-Submitted"] == "auto-replied"
    assert "Оформить заявку" in body(menu) and menu["In-Reply-To"]

    [consent] = await desk.answer(menu, "Оформить заявку")
    [kind] = await desk.answer(consent, "1")  # «Согласен», by its number: e-mail has no buttons
    [criticality] = await desk.answer(kind, "1")  # a problem
    answers = await desk.answer(criticality, "2")  # works in part
    form = answers[-1]
    assert "одним письмом" in body(form) and re.search(r"^18\. ", body(form), re.MULTILINE)

    summary = (await desk.answer(form, form_reply(body(form)), files=(("screen.png", "image/png", PNG),)))[-1]
    assert "Проверьте заявку" in body(summary) and "Самара" in body(summary)
    [confirmation] = await desk.answer(summary, "Отправить")
    async with desk.runtime.desk.sessions() as session:
        [ticket] = (await session.exec(select(Ticket))).all()
    assert ticket.number is not None
    assert ticket.channel == "email" and ticket.fields["city"] == "Самара"
    assert [a["file_name"] for a in ticket.fields["attachments"]] == ["screen.png"]
    assert f"[{ticket.number}]" in str(confirmation["Subject"]) and ticket.number in body(confirmation)

    engineer = Engineer("tg-501", "Анна")
    assert await desk.runtime.staff.reply(ticket.number, engineer, "Перезапустите службу.", (), "tg-msg-1")
    await desk.runtime.drain()
    answer = desk.sink.received[-1]
    assert f"[{ticket.number}]" in str(answer["Subject"]) and "Анна" in str(answer["From"])
    assert "Перезапустите службу." in body(answer) and answer["Auto-Submitted"] is None


async def test_an_auto_reply_is_never_answered_and_a_refetched_letter_has_no_second_effect(desk: MailDesk) -> None:
    away = letter("Я в отпуске до понедельника.", subject="Автоответ", headers={"Auto-Submitted": "auto-replied"})
    assert await desk.write(away) == []

    question = letter("Как продлить лицензию?", message_id="<once@example.ru>")
    first = await desk.write(question)
    assert len(first) == 1
    assert await desk.write(question) == []  # the same letter again (a re-fetch, a copy): nothing twice


async def test_the_sender_is_shown_to_no_one_but_the_client(desk: MailDesk) -> None:
    [answer] = await desk.write(letter("Здравствуйте", sender=CLIENT))
    assert answer["To"] == "ivanov@example.ru" and "help@twinpro.ru" in str(answer["From"])


async def test_a_messenger_client_may_have_the_answers_in_writing_too(desk: MailDesk) -> None:
    chat = DeskChat(desk.runtime, channel="viber", sender="viber-user-1")
    number = await chat.open_ticket(contact="smirnova@example.ru")
    [told] = await chat.say("Продублируйте, пожалуйста, ответ на почту")
    assert "smirnova@example.ru" in told.text and number in told.text

    engineer = Engineer("tg-501", "Анна")
    assert await desk.runtime.staff.reply(number, engineer, "Обновите драйвер ключа.", (), "tg-msg-2")
    await desk.runtime.drain()
    assert [m.text for m in chat.outbox.take()] == ["Обновите драйвер ключа."]  # in the messenger as always
    [letter_sent] = desk.sink.received
    assert letter_sent["To"] == "smirnova@example.ru" and f"[{number}]" in str(letter_sent["Subject"])
    assert "Обновите драйвер ключа." in body(letter_sent)
