"""Answers by SMTP to an aiosmtpd sink: in the client's thread, choices numbered, files attached, failures sorted."""

from __future__ import annotations

import asyncio
from email.message import EmailMessage

import pytest

from bots import email_smtp
from bots.email import EmailChannel
from bots.email_thread import MESSAGE_ID
from bots.files import FileStore
from core.messages import Attachment, Choice, Outbound
from tests.email.conftest import make_channel
from tests.email.letters import CLIENT_ADDRESS, HELP, PNG, letter, raw
from tests.email.servers import SmtpSink

CHOICES = (Choice("opt:product_version:1", "2.1"), Choice("opt:product_version:2", "2.2"))


def client_letter(channel: EmailChannel) -> dict[str, str]:
    """The extras for answering the client's letter «Re: [TP-00042] Журнал событий»."""
    mail = letter(
        "Журнал не открывается",
        subject="[TP-00042] Журнал событий",
        message_id="<c2@example.ru>",
        headers={"References": "<c1@example.ru> <bot1@twinpro.ru>"},
    )
    return channel.thread(raw(mail)).reply_extras()


def body(mail: EmailMessage, subtype: str) -> str:
    part = mail.get_body(preferencelist=(subtype,))
    assert part is not None
    return part.get_content()


async def test_an_answer_goes_in_the_clients_thread_with_numbered_choices(
    smtp_channel: EmailChannel, smtp_sink: SmtpSink
) -> None:
    answer = Outbound("email", CLIENT_ADDRESS, "Какая у вас версия?", CHOICES, extras=client_letter(smtp_channel))  # type: ignore[arg-type]
    result = await smtp_channel.deliver(answer.to_dict())

    assert result.ok
    (mail,) = smtp_sink.received
    assert smtp_sink.envelopes == [("help@twinpro.ru", [CLIENT_ADDRESS])]
    assert (mail["From"], mail["To"]) == (HELP, CLIENT_ADDRESS)
    assert mail["Subject"] == "Re: [TP-00042] Журнал событий"
    assert mail["In-Reply-To"] == "<c2@example.ru>"
    assert mail["References"] == "<c1@example.ru> <bot1@twinpro.ru> <c2@example.ru>"
    assert mail["Message-ID"] == result.message_id and result.message_id.endswith("@twinpro.ru>")
    assert mail["Auto-Submitted"] == "auto-replied"  # no robot answers the bot
    text = body(mail, "plain")
    assert "Какая у вас версия?\n\n1. 2.1\n2. 2.2\n\nОтветьте номером или словами." in text
    assert "<p>Какая у вас версия?</p>" in body(mail, "html") and "1. 2.1<br>" in body(mail, "html")


async def test_the_clients_answer_to_it_reaches_the_engine_as_just_the_number(
    smtp_channel: EmailChannel, smtp_sink: SmtpSink
) -> None:
    answer = Outbound("email", CLIENT_ADDRESS, "Какая у вас версия?", CHOICES, extras=client_letter(smtp_channel))  # type: ignore[arg-type]
    await smtp_channel.deliver(answer.to_dict())
    (sent,) = smtp_sink.received
    quoted = "\n".join("> " + line for line in body(sent, "plain").splitlines())
    reply = letter(
        f"2\n\nС уважением,\nПётр\n\n25.11.2026, 11:00, ТвинПро Поддержка <help@twinpro.ru>:\n{quoted}",
        subject=str(sent["Subject"]),
        headers={"In-Reply-To": str(sent["Message-ID"]), "References": str(sent["References"])},
    )
    inbound = await smtp_channel.unpack(raw(reply), retry_later=True)
    assert inbound.text == "2"
    assert smtp_channel.thread(raw(reply)).ticket == "TP-00042"


async def test_an_engineers_answer_is_signed_by_them_carries_the_file_and_is_no_auto_reply(
    smtp_channel: EmailChannel, smtp_sink: SmtpSink, files: FileStore
) -> None:
    ref = files.save(PNG, file_name="schema.png")
    answer = Outbound(
        "email",  # type: ignore[arg-type]
        CLIENT_ADDRESS,
        "Переустановите драйвер ключа, схема во вложении.",
        attachments=(Attachment("image", ref, "image/png", len(PNG), "schema.png"),),
        extras={"author": "Анна Смирнова", "ticket": "TP-00042", MESSAGE_ID: "<outbox-17@twinpro.ru>"},
    )
    assert (await smtp_channel.deliver(answer.to_dict())).message_id == "<outbox-17@twinpro.ru>"
    (mail,) = smtp_sink.received
    assert mail["From"].addresses[0].display_name == "Анна Смирнова · ТвинПро Поддержка"
    assert mail["Subject"] == "[TP-00042] Техническая поддержка ГК «ТвинПро»"
    assert mail["Auto-Submitted"] is None and mail["In-Reply-To"] is None
    assert "Анна Смирнова, инженер технической поддержки" in body(mail, "plain")
    (file,) = list(mail.iter_attachments())
    assert (file.get_filename(), file.get_content_type(), file.get_content()) == ("schema.png", "image/png", PNG)


async def test_choices_that_are_not_numbered_are_asked_for_in_words(
    smtp_channel: EmailChannel, smtp_sink: SmtpSink
) -> None:
    answer = Outbound("email", CLIENT_ADDRESS, "Всё верно?", CHOICES, extras={"unnumbered": "1"})  # type: ignore[arg-type]
    await smtp_channel.deliver(answer.to_dict())
    assert "Ответьте на это письмо словами: «2.1» · «2.2»" in body(smtp_sink.received[0], "plain")


@pytest.mark.parametrize(
    ("refusal", "data", "retry", "unreachable", "error"),
    [
        ("450 4.2.1 Mailbox busy", None, True, False, "smtp 450 4.2.1"),
        (None, "451 4.3.0 Try again later", True, False, "smtp 451 4.3.0"),
        ("550 5.1.1 <ivanov@example.ru>: user unknown", None, False, True, "smtp 550 5.1.1"),
        ("553 mailbox name not allowed", None, False, True, "smtp 553"),
        ("550 5.7.1 rejected by policy", None, False, False, "smtp 550 5.7.1"),
        (None, "554 5.6.0 message content rejected", False, False, "smtp 554 5.6.0"),
    ],
)
async def test_smtp_answers_mean_try_later_or_give_up(
    smtp_channel: EmailChannel,
    smtp_sink: SmtpSink,
    refusal: str | None,
    data: str | None,
    retry: bool,
    unreachable: bool,
    error: str,
) -> None:
    if refusal:
        smtp_sink.refuse[CLIENT_ADDRESS] = refusal
    smtp_sink.answer_data = data
    result = await smtp_channel.deliver(Outbound("email", CLIENT_ADDRESS, "Ответ").to_dict())  # type: ignore[arg-type]
    assert (result.ok, result.retry, result.unreachable, result.error) == (False, retry, unreachable, error)
    assert smtp_sink.received == []


async def test_a_server_that_never_answers_means_try_later(files: FileStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(email_smtp, "TIMEOUT", 0.2)
    silent = await asyncio.start_server(lambda reader, writer: None, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    async with silent:
        result = await make_channel(files, smtp_port=port).deliver(Outbound("email", CLIENT_ADDRESS, "Ответ").to_dict())
    assert (result.ok, result.retry, result.error) == (False, True, "smtp SMTPConnectTimeoutError")


async def test_no_smtp_server_means_try_later(files: FileStore) -> None:
    result = await make_channel(files).deliver(Outbound("email", CLIENT_ADDRESS, "Ответ").to_dict())  # type: ignore[arg-type]
    assert (result.ok, result.retry) == (False, True)
    assert result.error is not None and "@" not in result.error
