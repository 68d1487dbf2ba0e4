"""Auto-replies, bounces, lists and our own letters are recognised, so that none is ever answered (no mail loops)."""

from __future__ import annotations

import pytest

from bots.email import EmailChannel
from bots.platform_events import Ignored, Received
from service.desk import LETTERS_AN_HOUR
from tests.email.letters import letter, raw
from tests.email.mail_desk import MailDesk

# A delivery status notification as Postfix sends it (RFC 3464)
BOUNCE = """\
From: Mail Delivery System <MAILER-DAEMON@mx.example.ru>
To: help@twinpro.ru
Subject: Undelivered Mail Returned to Sender
Message-ID: <20261125110000.1@mx.example.ru>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.ru. I'm sorry to have to inform you...

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.ru

Final-Recipient: rfc822; ivanov@example.ru
Action: failed
Status: 5.1.1

--b1--
"""


@pytest.mark.parametrize(
    ("headers", "sender", "subject"),
    [
        ({"Auto-Submitted": "auto-replied"}, None, "Re: [TP-00042] Журнал"),
        ({"Auto-Submitted": "auto-generated"}, None, "Уведомление"),
        ({"Precedence": "bulk"}, None, "Новости"),
        ({"Precedence": "junk"}, None, "Вопрос"),
        ({"X-Autoreply": "yes"}, None, "Re: вопрос"),
        ({"X-Autorespond": "1"}, None, "Re: вопрос"),
        ({"List-Id": "<security.lists.example.ru>"}, None, "[security] обсуждение"),
        ({"Return-Path": "<>"}, None, "Вопрос"),
        ({}, "postmaster@example.ru", "Вопрос"),
        ({}, "noreply@example.ru", "Ваш заказ"),
        ({}, "ТвинПро Поддержка <HELP@twinpro.ru>", "Вопрос"),  # our own letter come back
        ({}, None, "Автоматический ответ: Журнал событий"),
        ({}, None, "Out of Office: Журнал событий"),
        ({}, None, "Автоответ"),
        ({}, None, "Письмо не доставлено"),
        ({}, "", "Вопрос"),  # no sender's address: nobody to answer
    ],
)
def test_automatic_letters_are_recognised_and_ignored(
    channel: EmailChannel, headers: dict[str, str], sender: str | None, subject: str
) -> None:
    mail = raw(letter("Я в отпуске до понедельника.", subject=subject, headers=headers, **_sender(sender)))
    assert channel.is_automatic(mail)
    assert isinstance(channel.read(mail), Ignored)


def test_a_bounce_is_a_delivery_report(channel: EmailChannel) -> None:
    mail = BOUNCE.replace("\n", "\r\n")
    assert channel.is_automatic(mail)
    ignored = channel.read(mail)
    assert isinstance(ignored, Ignored) and ignored.what == "automatic:delivery_report"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Auto-Submitted": "no"}, {"X-Mailer": "Microsoft Outlook 16.0"}, {"Precedence": "first-class"}],
)
def test_a_clients_letter_is_not_automatic(channel: EmailChannel, headers: dict[str, str]) -> None:
    mail = raw(letter(headers=headers))
    assert not channel.is_automatic(mail)
    assert isinstance(channel.read(mail), Received)


@pytest.mark.parametrize(
    "subject",
    [
        "Автоответ на ваше письмо не пришёл",
        "Автоматический ответ сервера Бастион не приходит",
        "Out of office режим в расписании Бастион-3",
    ],
)
def test_a_person_writing_about_auto_replies_is_no_auto_reply(channel: EmailChannel, subject: str) -> None:
    """The words as the subject's label mark an auto-reply; a person's subject about them was ignored unread."""
    assert isinstance(channel.read(raw(letter(subject=subject))), Received)


def _sender(sender: str | None) -> dict[str, str]:
    return {} if sender is None else {"sender": sender}


async def test_an_auto_responder_without_automatic_headers_is_answered_no_more_after_a_dozen(desk: MailDesk) -> None:
    """A helpdesk that answers every letter («Ваше обращение #4701 зарегистрировано», no Auto-Submitted) and the bot
    wrote to each other for as long as the probe waited."""
    robot = "Служба поддержки <support@vendor.example>"
    answered = 0
    for number in range(20):
        text = f"Ваше обращение #{4700 + number} зарегистрировано. Ответ будет направлен в течение суток."
        answered += len(await desk.write(letter(text, subject=f"Обращение #{4700 + number}", sender=robot)))
    assert answered == LETTERS_AN_HOUR

    desk.runtime.desk.clock.advance(hours=2)  # type: ignore[attr-defined]
    assert len(await desk.write(letter("Здравствуйте, вопрос по лицензии", sender=robot))) == 1
