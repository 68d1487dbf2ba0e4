"""Issue 15 (4.8): /announce in the general topic — the lead only, with a confirmation showing the count; sent once
however often «Отправить» is pressed, and the final counts come back to the general topic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from core.texts import t
from service.settings import Settings
from tests.fakes import FakeClock
from tests.service.announcement_world import Messengers, add_client, messengers
from tests.telegram import updates
from tests.telegram.staff_group import general_texts

LEAD = {"id": 424242, "is_bot": False, "first_name": "Ольга"}
SUBSCRIBERS = ("700000021", "700000022")
COMMAND = "/announce\nВышла версия 5.2.\nНовое: отчёты по проходам."  # the text may begin on the next line
NEWS = "Вышла версия 5.2.\nНовое: отчёты по проходам."


@pytest.fixture
async def desk(settings: Settings, clock: FakeClock) -> AsyncIterator[Messengers]:
    async with messengers(settings, clock, staff_lead_ids=str(LEAD["id"])) as world:
        for chat in SUBSCRIBERS:
            await add_client(world.runtime, [("telegram", chat, clock())])
        await add_client(world.runtime, [("telegram", "700000023", clock())], subscribed=False)
        yield world


async def say_in_general(desk: Messengers, text: str, user: dict[str, Any]) -> int:
    """A message in the group's general topic; its message id."""
    update = updates.group_message(desk.telegram.next_id(), user=user, text=text)
    await desk.telegram.send(update)
    return int(update["message"]["message_id"])


async def press(desk: Messengers, data: str, command_id: int, user: dict[str, Any]) -> None:
    """A button under the bot's confirmation, which replies to the command (Telegram sends that reply along)."""
    update = updates.button(desk.telegram.next_id(), data, chat_id=updates.STAFF_CHAT_ID, user=user)
    message = update["callback_query"]["message"]
    message["reply_to_message"] = {
        "message_id": command_id,
        "date": 1764000000,
        "chat": message["chat"],
        "from": LEAD,
        "text": COMMAND,
    }
    await desk.telegram.send(update)


def news_received(desk: Messengers) -> int:
    texts = [text for chat in SUBSCRIBERS for text in desk.telegram_texts(chat)]
    return sum(text.startswith("📣 Новости ТвинПро: Вышла версия 5.2.") for text in texts)


async def test_an_engineer_who_is_not_a_lead_is_refused(desk: Messengers) -> None:
    command_id = await say_in_general(desk, COMMAND, updates.ENGINEER)
    assert general_texts(desk.telegram)[-1] == t("announce.leads_only")

    await press(desk, "ann:send", command_id, updates.ENGINEER)  # nor can an engineer press the lead's button
    assert news_received(desk) == 0 and desk.telegram.bot_api.called("answerCallbackQuery")[-1]["text"] == t(
        "announce.leads_only"
    )


async def test_the_lead_confirms_and_the_news_goes_out_once_even_if_pressed_twice(desk: Messengers) -> None:
    command_id = await say_in_general(desk, COMMAND, LEAD)

    [confirmation] = [c.data for c in desk.telegram.bot_api.sent(updates.STAFF_CHAT_ID) if "reply_markup" in c.data]
    assert confirmation["text"] == t("announce.confirm", count=2, text=NEWS)
    buttons = [b["callback_data"] for row in confirmation["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["ann:send", "ann:cancel"]
    assert news_received(desk) == 0  # nothing goes before the confirmation

    await press(desk, "ann:send", command_id, LEAD)
    await press(desk, "ann:send", command_id, LEAD)

    assert news_received(desk) == 2
    said = general_texts(desk.telegram)
    assert t("announce.started", count=2) in said and t("announce.already", count=2) in said
    await desk.report()
    final = general_texts(desk.telegram)[-1]
    assert "завершена: доставлено 2 из 2, не доставлено 0." in final
    assert f'<a href="tg://user?id={LEAD["id"]}">' in final  # the lead who sent it is called


async def test_cancel_sends_nothing(desk: Messengers) -> None:
    command_id = await say_in_general(desk, COMMAND, LEAD)
    await press(desk, "ann:cancel", command_id, LEAD)

    assert general_texts(desk.telegram)[-1] == t("announce.cancelled")
    await desk.telegram.deliver()
    assert news_received(desk) == 0


async def test_the_command_without_text_explains_itself(desk: Messengers) -> None:
    await say_in_general(desk, "/announce", LEAD)
    assert general_texts(desk.telegram)[-1] == t("announce.usage")
