"""Telegram wiring (issue 4): the webhook route, the bot and its routers, and the webhook registration."""

from __future__ import annotations

import json
import secrets
from typing import Annotated, Any

import structlog
from aiogram import Bot
from aiogram import Dispatcher as UpdateDispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import AiogramError
from aiogram.types import Update
from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import ValidationError

from bots.files import FileStore
from bots.staff import staff_router
from bots.staff_sender import StaffSender
from bots.telegram import ALLOWED_UPDATES, TelegramChannel, TelegramSender, client_router
from service.inbox import Inbox
from service.runtime import Runtime
from service.settings import Settings
from service.staff_directory import StaffDirectory

log = structlog.get_logger(__name__)

WEBHOOK_PATH = "/webhooks/telegram"


def _secret_matches(settings: Settings, given: str | None) -> bool:
    secret = settings.telegram_webhook_secret
    if secret is None or given is None:
        return False
    return secrets.compare_digest(given.encode(), secret.get_secret_value().encode())


def parse_update(raw: str, channel: TelegramChannel) -> Update:
    try:
        return Update.model_validate(json.loads(raw), context={"bot": channel.bot})
    except (ValueError, ValidationError, RecursionError) as error:  # RecursionError: JSON nested too deep
        raise HTTPException(400, "malformed update") from error


def chat_of(update: Update) -> str:
    """The chat whose updates must be handled in order; updates without one share a queue."""
    event = next((value for name, value in update if name != "update_id" and value is not None), None)
    chat = getattr(event, "chat", None) or getattr(getattr(event, "message", None), "chat", None)
    if chat is not None:
        return str(chat.id)
    user = getattr(event, "from_user", None)
    return f"user:{user.id}" if user is not None else "other"


def router() -> APIRouter:
    routes = APIRouter()

    @routes.post(WEBHOOK_PATH)
    async def telegram_webhook(
        request: Request,
        x_telegram_bot_api_secret_token: Annotated[str | None, Header()] = None,
    ) -> dict[str, bool]:
        if not _secret_matches(request.app.state.settings, x_telegram_bot_api_secret_token):
            raise HTTPException(401, "bad or missing secret token")
        channel: TelegramChannel | None = request.app.state.runtime.channels.get("telegram")
        if channel is None:
            raise HTTPException(404, "the Telegram channel is off")
        raw = (await request.body()).decode("utf-8", errors="replace")
        update = parse_update(raw, channel)
        inbox: Inbox = request.app.state.runtime.inbox
        await inbox.accept(
            channel="telegram", platform_id=str(update.update_id), chat=chat_of(update), body={"raw": raw}
        )
        return {"ok": True}

    return routes


def connect(runtime: Runtime) -> TelegramChannel | None:
    """Build the bot, its routers and senders when TELEGRAM_BOT_TOKEN is set; its session closes with the runtime."""
    settings = runtime.settings
    if settings.telegram_bot_token is None:
        return None
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        session=AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    runtime.resources.push_async_callback(bot.session.close)
    files = FileStore(settings.files_dir)
    # no FSM: the conversation lives in the store, and aiogram's in-memory storage would keep a record per chat
    updates = UpdateDispatcher(disable_fsm=True, desk=runtime.desk, files=files)
    staff_chat_id = settings.telegram_staff_chat_id
    if staff_chat_id is not None:
        directory = StaffDirectory(runtime.desk, staff_chat_id)
        updates.workflow_data.update(staff=runtime.staff, directory=directory, staff_chat_id=int(staff_chat_id))
        updates.include_router(staff_router())
        runtime.senders["staff"] = StaffSender(bot, files, directory, staff_chat_id, settings.timezone)
    updates.include_router(client_router())
    runtime.senders["telegram"] = TelegramSender(bot, files)
    channel = TelegramChannel(bot, updates)
    runtime.channels["telegram"] = channel

    async def process(body: dict[str, Any]) -> None:
        await channel.feed(Update.model_validate(json.loads(body["raw"]), context={"bot": bot}))

    runtime.inbox.handlers["telegram"] = process
    return channel


async def register_webhook(bot: Bot, settings: Settings) -> None:
    """Point Telegram at this service; a failure is logged, the service runs on (and can be retried by a restart)."""
    if settings.telegram_webhook_secret is None:
        log.warning("webhook_not_registered", channel="telegram", reason="TELEGRAM_WEBHOOK_SECRET is not set")
        return
    try:
        await bot.set_webhook(
            url=settings.public_base_url.rstrip("/") + WEBHOOK_PATH,
            secret_token=settings.telegram_webhook_secret.get_secret_value(),
            allowed_updates=list(ALLOWED_UPDATES),
        )
    except AiogramError as error:
        log.error("webhook_not_registered", channel="telegram", error=type(error).__name__)
        return
    log.info("webhook_registered", channel="telegram")


async def start(runtime: Runtime) -> None:
    channel = connect(runtime)
    if channel is not None:
        await register_webhook(channel.bot, runtime.settings)
