"""Delivers reports to the engineers' group's general topic (outside any ticket), such as an announcement's counts.

Its outbox channel is ``bots.channel.GENERAL`` (named there, without aiogram); a payload is
``{"text": …, "mention": [Telegram user ids]}``, the text written when the event happened.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot

from bots.base import DeliveryResult
from bots.files import FileStore
from bots.staff_card import alert_pieces
from bots.telegram_send import Target, delivered, send_bundle


class GeneralTopicSender:
    def __init__(self, bot: Bot, files: FileStore, chat_id: str) -> None:
        self.bot = bot
        self.files = files
        self.chat_id = chat_id

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        mentioned = [int(user_id) for user_id in payload.get("mention") or ()]
        pieces = alert_pieces(str(payload.get("text") or ""), mentioned, "staff.mention.lead")
        return await delivered(send_bundle(self.bot, self.files, Target(int(self.chat_id)), pieces))
