"""No lock across the network: a ticket's topic is created outside any transaction and stored by compare-and-set.

While Telegram takes its time creating one ticket's topic, other chats are answered (on SQLite a transaction
holds the store's only writer). Two workers placing the same ticket at once keep one topic and one card: the
loser's topic is closed and its card deleted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from sqlmodel import select

from core.texts import t
from storage.models import OutboxItem
from tests.telegram import updates
from tests.telegram.test_staff_topic_and_card import SERVER_ERROR
from tests.telegram.world import TelegramWorld

TOPIC_SECONDS = 3.0
OTHER_CLIENT = 700000777


async def until(condition: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def ticket_without_topic(telegram: TelegramWorld) -> str:
    """A ticket whose topic Telegram refused at first: its notice waits in the outbox for a retry."""
    telegram.bot_api.fail("/createForumTopic", 500, SERVER_ERROR)
    number = await telegram.open_ticket()
    assert (await telegram.ticket(number)).staff_chat_id is None
    return number


async def replies_queued(telegram: TelegramWorld, chat: int) -> list[str]:
    async with telegram.runtime.desk.sessions() as session:
        items = await session.exec(select(OutboxItem).where(OutboxItem.queue == f"telegram:{chat}"))
        return [item.payload["text"] for item in items]


async def test_a_slow_topic_creation_does_not_delay_another_chats_reply(telegram: TelegramWorld) -> None:
    bot_api = telegram.bot_api
    number = await ticket_without_topic(telegram)
    bot_api.answer_slowly("createForumTopic", TOPIC_SECONDS, bot_api.new_topic(number))
    telegram.clock.advance(minutes=1)

    started = time.monotonic()
    placing = asyncio.create_task(telegram.runtime.dispatcher.run_once())
    await until(lambda: len(bot_api.called("createForumTopic")) == 2)  # Telegram is creating the topic now
    response = await telegram.post(updates.private_message(telegram.next_id(), OTHER_CLIENT, text="Здравствуйте"))
    await telegram.runtime.inbox.process_once()
    answered = time.monotonic() - started
    await placing
    placed = time.monotonic() - started

    assert response.status_code == 200
    assert await replies_queued(telegram, OTHER_CLIENT) == [t("menu.greeting")]
    assert answered < 1.0 and placed >= TOPIC_SECONDS, (answered, placed)
    await telegram.deliver()
    assert telegram.client_texts(OTHER_CLIENT) == [t("menu.greeting")]
    [card] = telegram.group_texts(await telegram.topic_of(number))
    assert number in card


async def test_two_workers_placing_one_ticket_keep_one_topic_and_close_the_other(telegram: TelegramWorld) -> None:
    bot_api = telegram.bot_api
    number = await ticket_without_topic(telegram)
    slow = bot_api.new_topic(number)
    bot_api.answer_slowly("createForumTopic", 1.0, slow)  # the first to ask gets its topic last and loses
    staff = telegram.runtime.senders["staff"]
    notice = {"type": "ticket_opened", "ticket": number}

    results = await asyncio.gather(staff.deliver(notice), staff.deliver(notice))

    assert all(result.ok for result in results)
    assert len(bot_api.called("createForumTopic")) == 3  # the refused one, then one per worker
    kept, lost = await telegram.topic_of(number), slow["message_thread_id"]
    assert kept != lost
    assert bot_api.called("closeForumTopic") == [
        {"chat_id": str(updates.STAFF_CHAT_ID), "message_thread_id": str(lost)}
    ]
    [card] = telegram.group_texts(kept)
    assert number in card and telegram.group_texts(lost) == []


async def test_two_workers_posting_one_card_keep_one_and_delete_the_other(telegram: TelegramWorld) -> None:
    bot_api = telegram.bot_api
    bot_api.forum = False  # no topics: engineers reply to the card, so exactly one card may count
    number = await ticket_without_topic(telegram)
    slow = bot_api.new_message(updates.STAFF_CHAT_ID)
    bot_api.answer_slowly("sendMessage", 1.0, slow)  # the first card sent is stored last and loses
    staff = telegram.runtime.senders["staff"]
    notice = {"type": "ticket_opened", "ticket": number}

    results = await asyncio.gather(staff.deliver(notice), staff.deliver(notice))

    assert all(result.ok for result in results)
    ticket = await telegram.ticket(number)
    assert ticket.staff_thread_id is None and ticket.staff_message_id not in (None, slow["message_id"])
    cards = [call for call in bot_api.called("sendMessage") if call["chat_id"] == str(updates.STAFF_CHAT_ID)]
    assert len(cards) == 2
    assert bot_api.called("deleteMessages") == [
        {"chat_id": str(updates.STAFF_CHAT_ID), "message_ids": [slow["message_id"]]}
    ]
