"""WhatsApp (Twilio) wiring: the webhook for inbound messages and status callbacks, and the channel."""

from __future__ import annotations

from fastapi import APIRouter, Response

from bots.platform_events import PlatformEvent, Received
from bots.whatsapp import SIGNATURE_HEADER, WhatsAppChannel
from service.channels.callbacks import processor, webhook_router
from service.channels.media import url_media
from service.runtime import Runtime

WEBHOOK_PATH = "/webhooks/whatsapp"
EMPTY_TWIML = "<Response/>"


def answer(channel: WhatsAppChannel, event: PlatformEvent | Received) -> Response:
    return Response(EMPTY_TWIML, media_type="text/xml")


def router() -> APIRouter:
    return webhook_router(WEBHOOK_PATH, "whatsapp", SIGNATURE_HEADER, answer)


def connect(runtime: Runtime) -> WhatsAppChannel | None:
    """The channel when the Twilio account and sender are set; its HTTP client closes with the runtime."""
    settings = runtime.settings
    if not (settings.whatsapp_enabled and settings.twilio_whatsapp_from) or (media := url_media(runtime)) is None:
        return None
    assert settings.twilio_account_sid is not None and settings.twilio_auth_token is not None
    channel = WhatsAppChannel(
        account_sid=settings.twilio_account_sid,
        auth_token=settings.twilio_auth_token.get_secret_value(),
        sender=settings.twilio_whatsapp_from,
        api_base=settings.twilio_api_base,
        webhook_url=settings.public_base_url.rstrip("/") + WEBHOOK_PATH,  # what Twilio signs
        content_sid=settings.twilio_content_sid,
        http=media.http,
        store=media.store,
        links=media.links,
        clock=runtime.desk.clock,
    )
    runtime.senders["whatsapp"] = runtime.channels["whatsapp"] = channel
    runtime.inbox.handlers["whatsapp"] = processor(runtime, channel)
    return channel


async def start(runtime: Runtime) -> None:
    """Twilio has no webhook registration for WhatsApp senders: the URLs are set in its console."""
    connect(runtime)
