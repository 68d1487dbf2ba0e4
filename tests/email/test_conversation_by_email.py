"""A client who writes to help@ gets a ticket by e-mail through the same engine and desk as the messengers.

The service runs with only the e-mail channel on, against a real Dovecot mailbox and an SMTP sink.
"""

from __future__ import annotations

import re

from sqlmodel import select

from core.staff import Engineer
from storage.models import Ticket
from tests.email.letters import CLIENT, PNG, letter
from tests.email.mail_desk import MailDesk, body, form_reply
from tests.store.dialogue import DeskChat


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


async def test_a_form_answered_under_each_quoted_question_is_read(desk: MailDesk) -> None:
    """The common way to answer a numbered letter: the letter quoted, each answer under its question."""
    [menu] = await desk.write(letter("Здравствуйте! Есть вопрос по лицензии."))
    form = menu
    for reply in ("Оформить заявку", "1", "1", "2"):  # consent, a problem, works in part
        form = (await desk.answer(form, reply))[-1]
    answers = dict(re.findall(r"^(\d+)\. (.*)$", form_reply(body(form)), re.MULTILINE))
    lines = []
    for line in body(form).splitlines():
        lines.append(f"> {line}")
        numbered = re.match(r"^(\d+)\. ", line)
        if numbered and answers[numbered.group(1)]:
            lines.append(answers[numbered.group(1)])

    summary = (await desk.answer(form, "\n".join(lines)))[-1]

    assert "Проверьте заявку" in body(summary) and "Самара" in body(summary)
