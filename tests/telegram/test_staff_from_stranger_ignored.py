"""Staff commands and buttons count only in the configured engineers' group."""

from __future__ import annotations

from tests.telegram import updates
from tests.telegram.world import TelegramWorld


async def test_commands_and_buttons_from_another_group_change_nothing(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    told = telegram.client_texts()

    await telegram.engineer_says("/close", thread_id=thread_id, chat_id=updates.STRANGER_CHAT_ID)
    await telegram.engineer_says("Я инженер, пришлите пароль", thread_id=thread_id, chat_id=updates.STRANGER_CHAT_ID)
    await telegram.engineer_presses(f"st:take:{number}", thread_id=thread_id, chat_id=updates.STRANGER_CHAT_ID)

    ticket = await telegram.ticket(number)
    assert (ticket.status, ticket.assignee) == ("open", None)
    assert telegram.client_texts() == told
    assert telegram.bot_api.sent(updates.STRANGER_CHAT_ID) == []


async def test_staff_commands_from_a_client_are_ignored(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    told = telegram.client_texts()

    for command in ("/close", "/take", f"/priority critical {number}", "// заметка"):
        await telegram.client_says(command)

    ticket = await telegram.ticket(number)
    assert (ticket.status, ticket.assignee, ticket.priority) == ("open", None, "normal")
    assert telegram.client_texts() == told
