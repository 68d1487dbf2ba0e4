"""``POST /webhooks/{name}``: one route for every channel the platform calls (a ``WebhookChannel``).

404 while the channel is off (or there is no such channel), 401 for a bad signature, 400 for a body the
platform would never send; nothing is stored then. Otherwise a client's message is kept in the inbox
before the answer, or the callback is settled at once (``service.channels.intake``), and the platform
gets the answer its adapter gives.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from bots.base import BadRequest, Unauthorized
from bots.channel import WebhookChannel
from bots.platform_events import PlatformEvent, Received
from service.channels.intake import keepable, settle
from service.metrics import webhook_received
from service.runtime import Runtime
from service.settings import Settings

WEBHOOKS = "/webhooks"


def webhook_path(name: str) -> str:
    return f"{WEBHOOKS}/{name}"


def webhook_url(settings: Settings, name: str) -> str:
    """Where the platform calls the channel (Twilio signs exactly this URL)."""
    return settings.public_base_url.rstrip("/") + webhook_path(name)


def router() -> APIRouter:
    routes = APIRouter()

    @routes.post(webhook_path("{name}"), name="webhook")
    async def receive(name: str, request: Request) -> Response:
        runtime: Runtime = request.app.state.runtime
        channel = runtime.webhooks.get(name)
        if channel is None:
            raise HTTPException(404, f"no {name} channel, or it is off")
        event = _read(channel, await request.body(), request.headers.get(channel.webhook.signature_header))
        if isinstance(event, Received):
            webhook_received(channel.name, "accepted" if await runtime.keep(event) else "duplicate")
        else:
            await settle(runtime, event)
            webhook_received(channel.name, "settled")
        answer = channel.answer(event)
        return Response(answer.body, media_type=answer.media_type)

    return routes


def _read(channel: WebhookChannel, raw: bytes, signature: str | None) -> PlatformEvent | Received:
    """The adapter's verdict as HTTP: a bad signature is 401, a malformed body 400; nothing is stored.

    A body whose ids or texts the store cannot keep (``bots.platform_events.UNSTORABLE``) is malformed too:
    on PostgreSQL it would fail the inbox's write, and with it every webhook written in the same batch.
    """
    try:
        event = channel.read(raw, signature)
    except Unauthorized as error:
        webhook_received(channel.name, "refused_signature")
        raise HTTPException(401, "bad or missing signature") from error
    except BadRequest as error:
        webhook_received(channel.name, "malformed")
        raise HTTPException(400, "malformed callback") from error
    if not keepable(event):
        webhook_received(channel.name, "malformed")
        raise HTTPException(400, "malformed callback")
    return event
