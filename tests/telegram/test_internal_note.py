"""«//» or /note in a ticket's topic is kept as an internal note and never reaches the client."""

from __future__ import annotations

import pytest
from sqlmodel import select

from storage.models import Message
from tests.telegram.world import TelegramWorld


@pytest.mark.parametrize("written", ["// проверить лицензию клиента", "/note проверить лицензию клиента"])
async def test_note_is_stored_and_not_sent(telegram: TelegramWorld, written: str) -> None:
    number = await telegram.open_ticket()
    told = len(telegram.client_texts())

    await telegram.engineer_says(written, thread_id=await telegram.topic_of(number))

    assert len(telegram.client_texts()) == told
    ticket = await telegram.ticket(number)
    async with telegram.runtime.desk.sessions() as session:
        notes = (await session.exec(select(Message).where(Message.direction == "note"))).all()
    assert [(n.ticket_id, n.author, n.text) for n in notes] == [(ticket.id, "Алексей", "проверить лицензию клиента")]
