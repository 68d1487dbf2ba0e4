"""A letter's From is a claim anyone can write: a new letter with a client's address neither erases nor changes
their data. A reply to one of our letters to that address proves its sender reads the mailbox, and does.

(A forged «Измените мой номер телефона на …» had the engineer call the forger; a forged «Отзываю согласие» erased
the client's contact from their open ticket at once.)"""

from __future__ import annotations

from sqlmodel import select

from core.texts import t
from storage.models import Client, Ticket
from tests.email.letters import letter
from tests.email.mail_desk import MailDesk, body

FORGED = {"Authentication-Results": "mx.twinpro.ru; spf=fail smtp.mailfrom=evil.example; dmarc=fail"}


async def _on_file(desk: MailDesk, number: str) -> tuple[Ticket, Client]:
    async with desk.runtime.desk.sessions() as session:
        ticket = (await session.exec(select(Ticket).where(Ticket.number == number))).one()
        client = await session.get(Client, ticket.client_id)
    assert client is not None
    return ticket, client


async def test_a_new_letter_withdrawing_consent_is_confirmed_only_by_a_reply_to_ours(desk: MailDesk) -> None:
    number, _ = await desk.open_ticket()

    [asked] = await desk.write(letter("Отзываю согласие на обработку персональных данных.", headers=FORGED))
    assert t("consent.confirm_withdraw_by_reply") in body(asked)
    assert asked["To"] == "ivanov@example.ru"  # the owner of the address hears of it, not the forger
    # «Re:» and the subject, with no reference to our letter (the forger never saw it): no proof
    [asked_again] = await desk.write(letter("Да", subject="Re: " + str(asked["Subject"]), headers=FORGED))
    assert t("consent.confirm_withdraw_by_reply") in body(asked_again)
    ticket, client = await _on_file(desk, number)
    assert client.consent_at is not None and ticket.fields.get("contact")

    await desk.answer(asked_again, "Да")

    ticket, client = await _on_file(desk, number)
    assert client.anonymized_at is not None and not ticket.fields.get("contact")


async def test_a_reply_to_our_letter_withdraws_at_once(desk: MailDesk) -> None:
    number, confirmation = await desk.open_ticket()

    [told] = await desk.answer(confirmation, "Отзываю согласие на обработку персональных данных.")

    assert t("consent.withdrawn") in body(told)
    assert (await _on_file(desk, number))[1].anonymized_at is not None


async def test_a_new_letter_changing_the_phone_changes_nothing_and_says_how(desk: MailDesk) -> None:
    number, confirmation = await desk.open_ticket()
    phone_before = (await _on_file(desk, number))[0].fields["contact"]

    [told] = await desk.write(letter("Измените мой номер телефона на +7 999 000-11-22", headers=FORGED))

    assert t("ticket.own_data_by_reply") in body(told)
    assert (await _on_file(desk, number))[0].fields["contact"] == phone_before

    await desk.answer(confirmation, "Измените мой номер телефона на +7 999 000-11-22")
    assert "+79990001122" in (await _on_file(desk, number))[0].fields["contact"]
