"""Telegram wiring: the bot and its routers (clients, and the engineers' group when it is set), the staff
sender, and the webhook registration on start."""

from __future__ import annotations

import structlog
from aiogram import Bot
from aiogram import Dispatcher as UpdateDispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import AiogramError

from bots.channel import GENERAL
from bots.general_topic import GeneralTopicSender
from bots.reply_templates import shipped_templates
from bots.staff import staff_router
from bots.staff_sender import StaffSender
from bots.telegram import ALLOWED_UPDATES, TelegramChannel, client_router
from bots.telegram_session import TelegramSession
from service.channels.webhook import webhook_url
from service.runtime import Runtime
from service.settings import Settings
from service.staff_directory import StaffDirectory

log = structlog.get_logger(__name__)


def connect(runtime: Runtime) -> TelegramChannel:
    """The bot, its routers and the staff group's sender (``runtime.senders["staff"]``) from TELEGRAM_* settings;
    its session closes with the runtime."""
    settings = runtime.settings
    assert settings.telegram_bot_token is not None
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        session=TelegramSession(api=TelegramAPIServer.from_base(settings.telegram_api_base)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    runtime.resources.push_async_callback(bot.session.close)
    files = runtime.files
    # no FSM: the conversation lives in the store, and aiogram's in-memory storage would keep a record per chat
    updates = UpdateDispatcher(disable_fsm=True)
    staff_chat_id = settings.telegram_staff_chat_id
    if staff_chat_id is not None:
        directory = StaffDirectory(runtime.desk, staff_chat_id)
        updates.workflow_data.update(
            staff=runtime.staff, directory=directory, files=files, staff_chat_id=int(staff_chat_id)
        )
        updates.include_router(staff_router())
        shipped_templates()  # read now: a broken template file stops the start, named in the error
        runtime.senders["staff"] = StaffSender(bot, files, directory, staff_chat_id, settings.timezone)
        updates.workflow_data["announcements"] = runtime.announcements
        runtime.senders[GENERAL] = GeneralTopicSender(bot, files, staff_chat_id)
    updates.include_router(client_router())
    secret = settings.telegram_webhook_secret
    return TelegramChannel(bot, updates, files, secret.get_secret_value() if secret is not None else None)


async def start(runtime: Runtime) -> TelegramChannel:
    """The channel, with Telegram pointed at this service's webhook."""
    channel = connect(runtime)
    await register_webhook(channel.bot, runtime.settings)
    return channel


async def register_webhook(bot: Bot, settings: Settings) -> None:
    """Point Telegram at this service; a failure is logged, the service runs on (and can be retried by a restart)."""
    if settings.telegram_webhook_secret is None:
        log.warning("webhook_not_registered", channel="telegram", reason="TELEGRAM_WEBHOOK_SECRET is not set")
        return
    try:
        await bot.set_webhook(
            url=webhook_url(settings, TelegramChannel.name),
            secret_token=settings.telegram_webhook_secret.get_secret_value(),
            allowed_updates=list(ALLOWED_UPDATES),
        )
    except AiogramError as error:
        log.error("webhook_not_registered", channel="telegram", error=type(error).__name__)
        return
    log.info("webhook_registered", channel="telegram")
