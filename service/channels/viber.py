"""Viber wiring: the webhook route, the channel built from settings, and the webhook registration."""

from __future__ import annotations

import asyncio

import structlog
from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from bots.platform_events import PlatformEvent, Received, Started
from bots.viber import SIGNATURE_HEADER, ViberChannel
from service.channels.callbacks import processor, webhook_router
from service.channels.media import url_media
from service.runtime import Runtime

log = structlog.get_logger(__name__)

WEBHOOK_PATH = "/webhooks/viber"


def answer(channel: ViberChannel, event: PlatformEvent | Received) -> Response:
    if isinstance(event, Started):
        return JSONResponse(channel.welcome())  # the only message allowed before the client subscribes
    return Response(status_code=200)


def router() -> APIRouter:
    return webhook_router(WEBHOOK_PATH, "viber", SIGNATURE_HEADER, answer)


def connect(runtime: Runtime) -> ViberChannel | None:
    """The Viber channel when VIBER_AUTH_TOKEN is set; its HTTP client closes with the runtime."""
    settings = runtime.settings
    if not settings.viber_enabled or (media := url_media(runtime)) is None:
        return None
    channel = ViberChannel(
        auth_token=settings.viber_auth_token.get_secret_value(),
        bot_name=settings.viber_bot_name,
        api_base=settings.viber_api_base,
        http=media.http,
        store=media.store,
        links=media.links,
        clock=runtime.desk.clock,
    )
    runtime.senders["viber"] = runtime.channels["viber"] = channel
    runtime.inbox.handlers["viber"] = processor(runtime, channel)
    return channel


async def register_webhook(channel: ViberChannel, url: str) -> None:
    """Viber checks the URL by calling it, so this runs once the service answers; a failure is only logged."""
    result = await channel.set_webhook(url)
    if result.ok:
        log.info("webhook_registered", channel="viber")
    else:
        log.error("webhook_not_registered", channel="viber", error=result.error)


async def start(runtime: Runtime) -> None:
    channel = connect(runtime)
    if channel is None:
        return
    base = runtime.settings.public_base_url.rstrip("/")
    if not base.startswith("https://"):
        log.warning("webhook_not_registered", channel="viber", reason="PUBLIC_BASE_URL is not https")
        return
    task = asyncio.create_task(register_webhook(channel, base + WEBHOOK_PATH))
    runtime.tasks.add(task)
    task.add_done_callback(runtime.tasks.discard)
