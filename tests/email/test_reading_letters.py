"""A client's letter as the engine sees it: the new words only, the files kept, the ticket and thread known."""

from __future__ import annotations

import pytest

from bots import email_files
from bots.email import EmailChannel
from bots.email_thread import IN_REPLY_TO, REFERENCES, SUBJECT, TICKET
from bots.files import FileStore
from bots.media import UNAVAILABLE, MediaUnavailable
from bots.platform_events import Received
from tests.email.letters import CLIENT_ADDRESS, PNG, letter, raw

GMAIL_REPLY = """\
Версия 2.1.4, ключ HASP вставлен.

С уважением,
Пётр Иванов
ООО «Охрана-Сервис»
+7 846 123-45-67

ср, 25 нояб. 2026 г. в 11:00, ТвинПро Поддержка <help@twinpro.ru>:

> Какая у вас версия продукта?
>
> --
> Техническая поддержка ГК «ТвинПро»
"""

OUTLOOK_REPLY = """\
Журнал открывается минуту, потом программа закрывается.

________________________________
От: ТвинПро Поддержка <help@twinpro.ru>
Отправлено: 25 ноября 2026 г. 11:00
Кому: Иванов Пётр
Тема: [TP-00042] Журнал событий

Что происходит на самом деле?
"""


GMAIL_FORWARD = """\
Коллеги, посмотрите, пожалуйста, письмо нашего охранника ниже.

---------- Forwarded message ---------
От: Охранник <guard@client.example>
Date: вт, 1 дек. 2026 г. в 09:00
Subject: турникеты
To: Иванов <ivanov@example.ru>

Турникеты на проходной не открываются, в Бастионе пишет «Контроллер не отвечает».
"""

MAILRU_FORWARD = """\
Смотрите ниже.

-------- Пересылаемое сообщение --------
01.12.2026, 09:00, "Охранник" <guard@client.example>:
Турникеты не открываются.
"""


async def test_a_reply_reaches_the_engine_without_the_quote_and_the_signature(channel: EmailChannel) -> None:
    inbound = await channel.unpack(raw(letter(GMAIL_REPLY, subject="Re: [TP-00042] Журнал")), retry_later=True)
    assert inbound.text == "Версия 2.1.4, ключ HASP вставлен."
    assert (inbound.channel, inbound.chat, inbound.sender) == ("email", CLIENT_ADDRESS, CLIENT_ADDRESS)
    assert inbound.profile_name == "Пётр Иванов"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (OUTLOOK_REPLY, "Журнал открывается минуту, потом программа закрывается."),
        ("3\n\n-----Original Message-----\nFrom: help@twinpro.ru\n\n1. Да\n2. Нет", "3"),
        (
            "Да, всё верно\n\nOn Wed, 25 Nov 2026 at 11:00, Support <help@twinpro.ru>\nwrote:\n> Всё верно?",
            "Да, всё верно",
        ),
        ('Windows 10\n\n25.11.2026, 11:00, "ТвинПро" <help@twinpro.ru> пишет:\nКакая ОС?', "Windows 10"),
        ("Спасибо, помогло!\n\nОтправлено с iPhone", "Спасибо, помогло!"),
        ("Самара\n-- \nИван\nhttps://example.ru", "Самара"),
        ("Best regards", "Best regards"),  # a closing with nothing before it is the message itself
        (GMAIL_FORWARD, GMAIL_FORWARD.strip()),  # a forwarded report is the question: it was cut as a quote
        (MAILRU_FORWARD, MAILRU_FORWARD.strip()),
    ],
)
async def test_quotes_and_signatures_of_common_mail_programs(channel: EmailChannel, body: str, expected: str) -> None:
    inbound = await channel.unpack(raw(letter(body, subject="Re: вопрос")), retry_later=True)
    assert inbound.text == expected


async def test_answers_between_quoted_lines_are_kept(channel: EmailChannel) -> None:
    body = "Пётр Иванов <ivanov@example.ru> написал(а):\n> Какой продукт?\nАПК «Бастион-3»\n> Какая версия?\n2.1.4\n"
    inbound = await channel.unpack(raw(letter(body, subject="Re: вопрос")), retry_later=True)
    assert inbound.text == "АПК «Бастион-3»\n2.1.4"


async def test_an_html_only_letter_is_read_as_text_without_its_quote_and_signature(channel: EmailChannel) -> None:
    html = (
        "<html><head><style>p{color:red}</style><body>"  # the head left open, as some mailers do
        "<div>Не работает&nbsp;<b>ключ</b> HASP,<br>ошибка H0007.</div>"
        "<ul><li>Windows 10</li><li>Бастион-3</li></ul>"
        '<div class="gmail_signature">Пётр Иванов<br>+7 846 123-45-67</div>'
        '<div class="gmail_quote"><div>On Wed, Support wrote:</div><blockquote>Какая ошибка?</blockquote></div>'
        "</body></html>"
    )
    inbound = await channel.unpack(raw(letter(None, html=html, subject="Re: ключ")), retry_later=True)
    assert inbound.text == "Не работает ключ HASP,\nошибка H0007.\n• Windows 10\n• Бастион-3"


async def test_a_new_letter_leads_with_its_subject_and_a_reply_does_not(channel: EmailChannel) -> None:
    new = await channel.unpack(raw(letter("Подскажите, что делать.", subject="Ключ HASP не найден")), retry_later=True)
    assert new.text == "Ключ HASP не найден\n\nПодскажите, что делать."
    reply = await channel.unpack(raw(letter("2", subject="Re: [TP-00042] Ключ HASP")), retry_later=True)
    assert reply.text == "2"


async def test_eight_bit_bodies_in_any_charset_survive_the_round_trip(channel: EmailChannel) -> None:
    utf8 = letter("Журнал не открывается")
    utf8.replace_header("Content-Transfer-Encoding", "8bit")
    utf8.set_payload("Журнал не открывается\n".encode(), charset="utf-8")
    koi8 = b"From: client@example.ru\r\nSubject: =?koi8-r?b?98/Q0s/T?=\r\nMessage-ID: <k@example.ru>\r\n"
    koi8 += b'Content-Type: text/plain; charset="koi8-r"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
    koi8 += "Ошибка лицензии".encode("koi8-r") + b"\r\n"
    assert (await channel.unpack(raw(utf8), retry_later=True)).text == "Журнал событий\n\nЖурнал не открывается"
    assert (await channel.unpack(koi8.decode("latin-1"), retry_later=True)).text == "Вопрос\n\nОшибка лицензии"


async def test_an_eight_bit_body_with_no_charset_named_is_read_in_the_charset_it_is_in(channel: EmailChannel) -> None:
    """A windows-1251 body with no charset became «�� ����������� �������-3» in the ticket."""
    text = "Не запускается Бастион-3, пишет ошибка лицензии"
    for charset in ("cp1251", "koi8-r", "utf-8"):
        mail = b"From: client@example.ru\r\nSubject: Re: 1\r\nMessage-ID: <c@example.ru>\r\n"
        mail += b"Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text.encode(charset)
        assert (await channel.unpack(mail.decode("latin-1"), retry_later=True)).text == text, charset


async def test_files_are_kept_and_signatures_and_logos_left_out(channel: EmailChannel, files: FileStore) -> None:
    mail = letter(
        "Скриншот и отчёт во вложении.",
        files=(
            ("C:\\Users\\ivanov\\screen.png", "image/png", PNG),
            ("report.pdf", "application/octet-stream", b"%PDF-1.4"),
        ),
    )
    mail.add_attachment(b"signature", maintype="application", subtype="pkcs7-signature", filename="smime.p7s")
    mail.add_attachment(b"\x89PNG small logo", maintype="image", subtype="png", disposition="inline", cid="<logo>")
    inbound = await channel.unpack(raw(mail), retry_later=True)
    screen, report = inbound.attachments
    assert (screen.kind, screen.file_name, screen.mime_type) == ("image", "screen.png", "image/png")
    assert screen.size == len(PNG)
    assert (report.kind, report.file_name, report.mime_type) == ("document", "report.pdf", "application/pdf")
    stored = files.path(screen.ref)
    assert stored is not None and stored.read_bytes() == PNG


async def test_a_file_over_the_limit_is_named_but_not_kept(
    channel: EmailChannel, files: FileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(email_files, "MAX_FILE_BYTES", len(PNG) - 1)
    inbound = await channel.unpack(raw(letter("Вот", files=(("big.png", "image/png", PNG),))), retry_later=True)
    (big,) = inbound.attachments
    assert (big.ref, big.size, big.file_name) == (UNAVAILABLE, len(PNG), "big.png")
    assert not files.root.exists() or not any(files.root.iterdir())


async def test_a_file_that_cannot_be_written_makes_the_letter_wait(channel: EmailChannel, files: FileStore) -> None:
    files.root.parent.mkdir(parents=True, exist_ok=True)
    files.root.write_text("not a directory")  # every save fails with an OSError
    mail = raw(letter("Вот", files=(("a.png", "image/png", PNG),)))
    with pytest.raises(MediaUnavailable):
        await channel.unpack(mail, retry_later=True)
    (kept,) = (await channel.unpack(mail, retry_later=False)).attachments
    assert kept.ref == UNAVAILABLE


def test_the_ticket_and_the_thread_come_from_the_subject_and_the_headers(channel: EmailChannel) -> None:
    mail = letter(
        "2",
        subject="Re: [tp-00042] Журнал событий",
        message_id="<c2@example.ru>",
        headers={"In-Reply-To": "<bot1@twinpro.ru>", "References": "<c1@example.ru> <bot1@twinpro.ru>"},
    )
    thread = channel.thread(raw(mail))
    assert (thread.ticket, thread.message_id) == ("TP-00042", "<c2@example.ru>")
    assert thread.references == ("<c1@example.ru>", "<bot1@twinpro.ru>")
    assert thread.reply_extras() == {
        SUBJECT: "Re: [tp-00042] Журнал событий",
        TICKET: "TP-00042",
        IN_REPLY_TO: "<c2@example.ru>",
        REFERENCES: "<c1@example.ru> <bot1@twinpro.ru> <c2@example.ru>",
    }
    first = channel.thread(raw(letter(subject="Журнал событий", message_id="<c1@example.ru>")))
    assert first.ticket is None and first.starts_thread
    assert first.reply_extras("TP-00043")[TICKET] == "TP-00043"


def test_the_dedupe_key_is_the_message_id_else_a_hash_of_the_letter(channel: EmailChannel) -> None:
    with_id = channel.read(raw(letter(message_id="<abc.1@example.ru>")))
    assert isinstance(with_id, Received)
    assert (with_id.platform_id, with_id.chat, with_id.channel) == ("abc.1@example.ru", CLIENT_ADDRESS, "email")
    without = letter()
    del without["Message-ID"]
    first, again = channel.read(raw(without)), channel.read(raw(without))
    assert isinstance(first, Received) and isinstance(again, Received)
    assert first.platform_id == again.platform_id and first.platform_id.startswith("sha256:")


async def test_answers_under_quoted_numbered_questions_take_their_numbers(channel: EmailChannel) -> None:
    """A reply with the answer written under each «> 1.», «> 2.» got «Не понял, к каким пунктам относятся ответы»."""
    body = (
        "17.12.2026, 10:00, ТвинПро Поддержка <help@twinpro.ru> пишет:\n"
        "> Ответьте, пожалуйста:\n> 1. Телефон?\n+7 846 200-10-20\n> 2. Организация?\n\nООО «Ромашка»\n"
        "> 3. В каком городе?\nСамара\n> 4. Контактное лицо?\n4. Иванов Пётр\n"
    )
    inbound = await channel.unpack(raw(letter(body, subject="Re: [TP-00042] вопрос")), retry_later=True)
    assert inbound.text == "1. +7 846 200-10-20\n\n2. ООО «Ромашка»\n3. Самара\n4. Иванов Пётр"
