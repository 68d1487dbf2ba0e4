"""`support-bot telegram-polling`: the webhook is removed first, then fetched updates are kept and handled as
posted ones."""

from __future__ import annotations

import asyncio

from core.texts import t
from tests.telegram import updates
from tests.telegram.fake_bot_api import method_of
from tests.telegram.world import TelegramWorld


async def test_polling_deletes_the_webhook_then_answers_fetched_updates(telegram: TelegramWorld) -> None:
    channel = telegram.runtime.channels["telegram"]
    telegram.bot_api.forget()
    telegram.bot_api.pending_updates.append(updates.private_message(telegram.next_id(), text="/start"))

    stop = asyncio.Event()
    polling = asyncio.create_task(channel.poll(telegram.runtime.keep, stop))
    try:
        for _ in range(100):
            await telegram.deliver()
            if telegram.client_texts():
                break
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await polling

    assert telegram.client_texts() == [t("menu.greeting")]
    methods = [method_of(call) for call in telegram.bot_api.calls]
    assert methods.index("deleteWebhook") < methods.index("getUpdates")
