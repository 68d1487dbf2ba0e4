"""Withdrawal of consent leaves no trace of the person anywhere in the store, and touches no other client.

The scan reads every column of every table (and the inbox's own file on SQLite) as text and looks for the
person's phone in any format, e-mail and name.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import text
from sqlmodel import select

from core.texts import t
from service.runtime import Runtime
from storage.models import Ticket, metadata
from storage.store import Store
from tests.store.dialogue import DeskChat

PHONE_DIGITS = "8465551234"  # +7 (846) 555-12-34 however it was written
EMAIL = "anna.smirnova@mail.ru"
NAMES = ("смирнова", "ип смирнова")
OTHER = {"contact": "+7 912 000-11-22", "contact_name": "Кузнецов Олег", "organization": "ООО «Ромашка»"}


async def dump(store: Store) -> list[str]:
    """Every value of every row of every table, as text."""
    values = []
    async with store.engine.connect() as connection:
        tables = [t.name for t in metadata.sorted_tables]
        for table in tables:
            try:
                result = await connection.execute(text(f'SELECT * FROM "{table}"'))
            except Exception:  # the inbox file has only its own table
                await connection.rollback()
                continue
            for row in result:
                values += [json.dumps(v, ensure_ascii=False, default=str) for v in row if v is not None]
    return values


def traces(values: list[str]) -> list[str]:
    found = []
    for value in values:
        digits = re.sub(r"\D", "", value)
        lowered = value.casefold()
        if PHONE_DIGITS in digits or EMAIL in lowered or any(name in lowered for name in NAMES):
            found.append(value[:200])
    return found


async def test_withdrawal_in_own_words_erases_the_person_from_every_table(runtime: Runtime) -> None:
    other = DeskChat(runtime, channel="viber", sender="other-client")
    await other.open_ticket("consultation", **OTHER)

    chat = DeskChat(runtime, channel="console", sender="anna")
    number = await chat.open_ticket(
        "consultation",
        contact="8 (846) 555-12-34",
        organization="ИП Смирнова А. В.",
        description=f"Звоните Смирновой на +7 846 555 12 34 или пишите {EMAIL}, журнал зависает",
    )
    await chat.say(f"Ещё контакт: {EMAIL}")  # a message on the open ticket
    shown = "\n".join(r.text for r in await chat.say("какие мои данные вы храните?"))
    assert "Смирнова Анна" in shown and "+78465551234" in shown  # art. 14: the client sees what is stored
    assert traces(await dump(runtime.desk.store))  # the person is in the store before…

    withdrawn = await chat.say("удалите мои персональные данные")
    assert t("consent.withdrawn")[:20] in withdrawn[-1].text

    assert traces(await dump(runtime.desk.store)) == []  # …and nowhere after
    assert traces(await dump(runtime.inbox_store)) == []
    everything = " ".join(await dump(runtime.desk.store))
    assert "журнал зависает" in everything  # the technical content stays
    assert "Кузнецов Олег" in everything and "+79120001122" in everything  # the other client is untouched
    assert number in everything


async def test_personal_data_request_without_consent_says_nothing_is_kept(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    replies = await chat.say("что вы обо мне знаете?")
    assert t("mydata.nothing") in replies[0].text


async def test_a_client_without_consent_who_asks_to_delete_their_data_has_it_deleted(runtime: Runtime) -> None:
    """A name and a phone typed into a question were kept, and «удалите мои данные» answered «о вас ничего не
    хранится» and deleted nothing."""
    chat = DeskChat(runtime, channel="console", sender="olga")
    await chat.say(f"Добрый день, я Анна Смирнова, тел. {PHONE_DIGITS}, сколько гарантия на ключ guardant?")
    assert traces(await dump(runtime.desk.store))
    replies = await chat.say("удалите мои данные")
    assert replies[-1].text == t("consent.nothing_to_withdraw")
    assert traces(await dump(runtime.desk.store)) == []


async def test_my_data_after_a_withdrawal_says_it_was_withdrawn_and_what_is_left(runtime: Runtime) -> None:
    """It said «Согласия… вы не давали», though the consent record and the tickets are kept."""
    chat = DeskChat(runtime, channel="console", sender="anna")
    number = await chat.open_ticket("consultation", contact="8 (846) 555-12-34")
    await chat.say("отзываю согласие")
    shown = (await chat.say("мои данные"))[-1].text
    assert shown.startswith(t("mydata.withdrawn").split("{")[0]) and number in shown
    assert t("mydata.nothing") not in shown


async def test_the_words_of_an_organisation_s_name_stay_in_the_technical_content(runtime: Runtime) -> None:
    """«ООО Архив Сервис» was erased word by word: the ticket's description became «не пишется [удалено]»."""
    chat = DeskChat(runtime, channel="console", sender="archive")
    number = await chat.open_ticket(
        "consultation", organization="ООО Архив Сервис", description="Не пишется архив в Бастион-3, архив пустой"
    )
    await chat.say("отзываю согласие")
    async with runtime.desk.sessions() as session:
        [ticket] = (await session.exec(select(Ticket).where(Ticket.number == number))).all()
    assert ticket.fields["description"] == "Не пишется архив в Бастион-3, архив пустой"
    assert ticket.fields["organization"] == "" and "Архив Сервис" not in " ".join(await dump(runtime.desk.store))


async def test_a_name_and_organisation_told_only_in_the_first_message_are_erased_too(runtime: Runtime) -> None:
    """The name was never asked (the intake was dropped), so it was on file nowhere: after «отзываю согласие» the
    transcript still said «Зайцев Олег Петрович, ООО Альфа-Безопасность»; only the phone was cut."""
    chat = DeskChat(runtime, channel="console", sender="client-z")
    await chat.say(
        "Здравствуйте, Зайцев Олег Петрович, ООО Альфа-Безопасность, г. Липецк. Камеры пропали в Бастион-3, "
        "8-960-111-22-33, в телеге я @oleg_zaitsev, почта oleg.zaitsev@mail.ru"
    )
    await chat.press("consent:yes")
    await chat.say("отзываю согласие")
    everything = " ".join(await dump(runtime.desk.store))
    assert "Камеры пропали в Бастион-3" in everything  # the technical content stays
    for trace in ("Зайцев", "Олег", "Петрович", "Альфа-Безопасность", "zaitsev", "1112233"):
        assert trace.casefold() not in everything.casefold(), trace
