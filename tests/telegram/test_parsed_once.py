"""An update the webhook has read is validated once (issue 17): its processing, a moment later, feeds the
routers the very update the webhook parsed, instead of validating the kept text a second time."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram.types import Update

from service.settings import Settings
from tests.fakes import FakeClock
from tests.telegram import updates
from tests.telegram.world import telegram_world


async def test_a_webhook_update_is_validated_once_from_its_post_to_the_reply(
    settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[int] = []

    def counting(validate: Any) -> Any:
        def counted(data: Any, *args: Any, **kwargs: Any) -> Update:
            update = validate(data, *args, **kwargs)
            validated.append(update.update_id)
            return update

        return counted

    async with telegram_world(settings, clock) as telegram:
        for way in ("model_validate", "model_validate_json"):  # from the parsed JSON, or straight from its text
            monkeypatch.setattr(Update, way, counting(getattr(Update, way)))
        first, second = telegram.next_id(), telegram.next_id()
        await telegram.send(updates.private_message(first, text="/start"))
        await telegram.send(updates.private_message(second, text="Здравствуйте"))
        assert len(telegram.client_texts()) >= 2  # both were answered
    assert validated == [first, second]
