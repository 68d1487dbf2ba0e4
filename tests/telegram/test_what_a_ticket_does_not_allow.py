"""What the ticket's state does not allow is refused in its topic, and nothing reaches the client: a reply to a
closed ticket (the client's answer would have met the bot, not an engineer), a repeated /take (the client was told
twice), a command that is none of the topic's (it went to the client word for word)."""

from __future__ import annotations

import pytest

from core.texts import t
from tests.telegram import updates
from tests.telegram.world import TelegramWorld

BORIS = {"id": 555002, "is_bot": False, "first_name": "Борис"}


async def _closed_ticket(telegram: TelegramWorld) -> tuple[str, int]:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    await telegram.engineer_says("/close", thread_id=thread_id)
    return number, thread_id


async def test_a_reply_to_a_closed_ticket_is_refused_and_the_engineer_told_to_reopen(telegram: TelegramWorld) -> None:
    number, thread_id = await _closed_ticket(telegram)
    sent_before = len(telegram.client_texts())

    await telegram.engineer_says("Проверьте ещё диск E:", thread_id=thread_id)

    assert len(telegram.client_texts()) == sent_before
    assert telegram.group_texts(thread_id)[-1] == t("staff.closed_no_reply", number=number)
    assert (await telegram.ticket(number)).status == "closed"


async def test_taking_a_closed_ticket_is_refused_and_leaves_it_closed(telegram: TelegramWorld) -> None:
    number, thread_id = await _closed_ticket(telegram)
    sent_before = len(telegram.client_texts())

    await telegram.engineer_presses(f"st:take:{number}", thread_id=thread_id)

    assert len(telegram.client_texts()) == sent_before
    assert telegram.group_texts(thread_id)[-1] == t("staff.closed_no_take", number=number)
    assert (await telegram.ticket(number)).status == "closed"


async def test_a_second_close_says_it_is_closed_already(telegram: TelegramWorld) -> None:
    number, thread_id = await _closed_ticket(telegram)

    await telegram.engineer_says("/close", thread_id=thread_id)

    assert telegram.group_texts(thread_id)[-1] == t("staff.already_closed", number=number)


async def test_reopen_of_an_open_ticket_says_there_is_nothing_to_reopen(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await telegram.engineer_says("/reopen", thread_id=thread_id)

    assert telegram.group_texts(thread_id)[-1] == t("staff.not_closed", number=number)


async def test_take_repeated_by_its_engineer_tells_the_client_once(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    assigned = t("ticket.engineer_assigned", number=number, engineer="Алексей")

    await telegram.engineer_says("/take", thread_id=thread_id)
    await telegram.engineer_says("/take@TwinProBot", thread_id=thread_id)

    assert telegram.client_texts().count(assigned) == 1
    assert telegram.group_texts(thread_id)[-1] == t("staff.already_yours", number=number)


async def test_another_engineer_taking_it_over_is_told_to_the_client(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    await telegram.engineer_says("/take", thread_id=thread_id)

    await telegram.send(updates.group_message(telegram.next_id(), thread_id=thread_id, user=BORIS, text="/take"))

    assert telegram.client_texts()[-1] == t("ticket.engineer_assigned", number=number, engineer="Борис")
    assert (await telegram.ticket(number)).assignee == "Борис"


@pytest.mark.parametrize("typed", ["/queue", "/help", "/заметка проверить позже", "/", "/announce Вышла 3.1.17"])
async def test_a_command_that_is_none_of_the_topic_s_is_not_sent_to_the_client(
    telegram: TelegramWorld, typed: str
) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    sent_before = len(telegram.client_texts())

    await telegram.engineer_says(typed, thread_id=thread_id)

    assert len(telegram.client_texts()) == sent_before
    assert telegram.group_texts(thread_id)[-1] == t("staff.unknown_command", command=typed.split()[0])
    assert (await telegram.ticket(number)).status == "open"


async def test_a_path_that_begins_with_a_slash_is_an_answer(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()

    await telegram.engineer_says("/var/log/bastion — пришлите файлы оттуда", thread_id=await telegram.topic_of(number))

    assert telegram.client_texts()[-1].endswith("/var/log/bastion — пришлите файлы оттуда")


async def test_a_message_of_an_anonymous_admin_is_refused_with_why(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    sent_before = len(telegram.client_texts())
    anonymous = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
    update = updates.group_message(telegram.next_id(), thread_id=thread_id, user=anonymous, text="Здравствуйте!")
    update["message"]["sender_chat"] = {"id": updates.STAFF_CHAT_ID, "type": "supergroup", "title": "Инженеры"}

    await telegram.send(update)

    assert len(telegram.client_texts()) == sent_before
    assert telegram.group_texts(thread_id)[-1] == t("staff.anonymous")


async def test_an_engineer_s_edit_is_answered_that_the_client_keeps_the_first_version(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    await telegram.engineer_says("Перезапустите службу Бастион", thread_id=thread_id)
    sent = telegram.client_texts()
    edit = updates.group_message(telegram.next_id(), thread_id=thread_id, text="Перезапустите службу Бастион-3")
    edit["edited_message"] = edit.pop("message")

    await telegram.send(edit)

    assert telegram.client_texts() == sent
    assert telegram.group_texts(thread_id)[-1] == t("staff.edit_not_sent")
