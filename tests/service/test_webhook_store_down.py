"""A webhook the store cannot take is answered 503 with Retry-After, never 500 and never 200: the platform
sends the update again, and once the store is back the retry is kept and answered like any message."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from service.channels.webhook import STORE_RETRY_AFTER
from service.settings import Settings
from storage.repos import inbox as inbox_repo
from tests.fakes import FakeClock
from tests.telegram import updates
from tests.telegram.world import telegram_world


async def test_a_webhook_the_store_cannot_take_is_503_and_its_retry_is_answered(
    settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def store_down(**_: Any) -> set[str]:
        raise OperationalError("INSERT INTO inboxitem", {}, ConnectionRefusedError("the database is down"))

    async with telegram_world(settings, clock) as telegram:
        update = updates.private_message(telegram.next_id(), text="/start")
        with monkeypatch.context() as patched:
            patched.setattr(inbox_repo, "insert_new", store_down)
            refused = await telegram.post(update)
        assert refused.status_code == 503 and refused.headers["Retry-After"] == STORE_RETRY_AFTER
        assert not telegram.bot_api.sent(updates.CLIENT_ID)

        retried = await telegram.post(update)  # the platform sends the same update again
        assert retried.status_code == 200
        await telegram.runtime.inbox.process_once()
        await telegram.deliver()
        assert telegram.bot_api.sent(updates.CLIENT_ID)
