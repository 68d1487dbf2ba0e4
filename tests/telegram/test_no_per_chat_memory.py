"""No per-chat memory in the process: aiogram's FSM storage is off, the conversation lives only in the store."""

from __future__ import annotations

import json
from typing import Any

from aiogram.fsm.storage.memory import MemoryStorage
from sqlmodel import func, select

from core.messages import Inbound
from storage.models import Conversation
from tests.telegram import updates
from tests.telegram.world import TelegramWorld

CHATS = 200
CLIENTS = 20  # every tenth chat is a client's; the others are groups the bot was added to (cheaper to run)


def update_from(chat: int, update_id: int) -> dict[str, Any]:
    if chat % (CHATS // CLIENTS) == 0:
        return updates.private_message(update_id, 800000000 + chat, text="Здравствуйте")
    user = updates.client_user(800000000 + chat)
    return updates.group_message(update_id, chat_id=-1005000000000 - chat, user=user, text="всем привет")


async def test_updates_from_many_chats_leave_nothing_in_the_dispatchers_storage(telegram: TelegramWorld) -> None:
    channel = telegram.runtime.channels["telegram"]
    for chat in range(CHATS):
        event = await channel.unpack(json.dumps(update_from(chat, telegram.next_id())), retry_later=False)
        if isinstance(event, Inbound):
            await telegram.runtime.desk.handle(event)

    async with telegram.runtime.desk.sessions() as session:
        assert (await session.exec(select(func.count()).select_from(Conversation))).one() == CLIENTS
    storage = channel.updates.storage
    assert isinstance(storage, MemoryStorage) and len(storage.storage) == 0
