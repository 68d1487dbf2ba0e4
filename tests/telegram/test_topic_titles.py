"""Issue 15: a ticket's topic title always shows its status and priority, renamed on every change."""

from __future__ import annotations

from tests.telegram.staff_group import titles
from tests.telegram.world import TelegramWorld

SUBJECT = "ООО «Охрана-Сервис» · журнал событий зависает"


async def test_the_title_follows_take_reply_the_client_priority_close_and_reopen(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await telegram.engineer_presses(f"st:take:{number}", thread_id=thread_id)
    await telegram.engineer_says("Пришлите, пожалуйста, лог службы.", thread_id=thread_id)
    await telegram.client_says("Лог пришлю через час")
    await telegram.engineer_says("/note жду лог", thread_id=thread_id)  # no change: no rename
    await telegram.engineer_says("/priority высокий", thread_id=thread_id)
    await telegram.engineer_says("/close", thread_id=thread_id)
    await telegram.engineer_says("/reopen", thread_id=thread_id)

    assert titles(telegram, thread_id) == [
        f"{number} · в работе · обычный · {SUBJECT}",
        f"{number} · ждёт ответа клиента · обычный · {SUBJECT}",
        f"{number} · в работе · обычный · {SUBJECT}",
        f"{number} · в работе · высокий · {SUBJECT}",
        f"{number} · закрыта · высокий · {SUBJECT}",
        f"{number} · в работе · высокий · {SUBJECT}",
    ]
    assert (await telegram.ticket(number)).status == "in_progress"


async def test_a_rename_lost_in_an_outage_is_retried(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    telegram.bot_api.fail("/editForumTopic", 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})

    await telegram.engineer_says("/take", thread_id=thread_id)
    telegram.clock.advance(minutes=11)
    await telegram.deliver()

    renames = telegram.bot_api.called("editForumTopic")
    assert len(renames) == 2 and titles(telegram, thread_id)[-1] == f"{number} · в работе · обычный · {SUBJECT}"
