"""Telegram redelivers an update it got no 2xx for: the same update_id must have no second effect."""

from __future__ import annotations

from tests.telegram import updates
from tests.telegram.world import TelegramWorld


async def test_redelivered_message_is_acknowledged_and_answered_once(telegram: TelegramWorld) -> None:
    update = updates.private_message(telegram.next_id(), text="/start")

    await telegram.send(update)
    await telegram.send(update)

    assert len(telegram.client_texts()) == 1


async def test_redelivered_button_press_is_acknowledged_and_answered_once(telegram: TelegramWorld) -> None:
    await telegram.client_says("/start")
    press = updates.button(telegram.next_id(), "menu:ticket")

    await telegram.send(press)
    await telegram.send(press)

    assert len(telegram.client_texts()) == 2
    assert (await telegram.state())["stage"] == "consent"
