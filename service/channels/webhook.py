"""``POST /webhooks/{name}``: one route for every channel the platform calls (a ``WebhookChannel``).

404 while the channel is off (or there is no such channel), 401 for a bad signature, 400 for a body the
platform would never send; nothing is stored then. Otherwise a client's message is kept in the inbox
before the answer, or the callback is settled at once (``service.channels.intake``), and the platform
gets the answer its adapter gives.

The platforms call this route at their own rate, as fast as it answers, so it is served by a bare ASGI
app (``Endpoint``) that ``service.front`` calls ahead of everything FastAPI does: none of Starlette's
and FastAPI's work per request (exception middlewares, the scan of the routes, dependencies, parameter
validation, response encoding), which cost more than acknowledging itself. The FastAPI route of the same
path (``router``) documents it in the OpenAPI document and answers what the front leaves to the stack (a
body without a declared length, counted by ``service.limits``); both refuse with the same JSON answer.
"""

from __future__ import annotations

import structlog
from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import ClientDisconnect
from starlette.types import Receive, Scope, Send

from bots.base import BadRequest, Unauthorized
from bots.channel import WebhookChannel
from bots.platform_events import PlatformEvent, Received
from service.channels.intake import keepable, settle
from service.metrics import webhook_received
from service.runtime import Runtime
from service.settings import Settings

WEBHOOKS = "/webhooks"
WEBHOOKS_PREFIX = WEBHOOKS + "/"
STORE_RETRY_AFTER = "5"  # seconds, for a platform whose update the store could not take

log = structlog.get_logger(__name__)


def webhook_path(name: str) -> str:
    return f"{WEBHOOKS}/{name}"


def webhook_url(settings: Settings, name: str) -> str:
    """Where the platform calls the channel (Twilio signs exactly this URL)."""
    return settings.public_base_url.rstrip("/") + webhook_path(name)


def webhook_name(path: str) -> str | None:
    """The channel's name in a webhook's path, as the route's ``{name}`` matches it; None for another path."""
    if not path.startswith(WEBHOOKS_PREFIX):
        return None
    name = path[len(WEBHOOKS_PREFIX) :]
    return name if name and "/" not in name else None


class Endpoint:
    """The webhook as a bare ASGI app, for ``POST webhook_path(name)``, ``scope["app"]`` the service's app.

    While it answers, the runtime's background loops wait (``Runtime.acks``): acknowledging goes first.
    A refusal is answered here as FastAPI's handler would answer it; a client that hung up is not answered.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send, name: str) -> None:
        runtime: Runtime = scope["app"].state.runtime
        try:
            channel = _channel(runtime, name)
            with runtime.acks.answering():
                header = channel.webhook.signature_header.lower().encode("latin-1")
                signature = next((value.decode("latin-1") for key, value in scope["headers"] if key == header), None)
                response = await _acknowledge(runtime, channel, await _body(receive), signature)
        except HTTPException as refusal:
            response = JSONResponse({"detail": refusal.detail}, refusal.status_code, refusal.headers)
        except ClientDisconnect:
            return
        await response(scope, receive, send)


async def _body(receive: Receive) -> bytes:
    """The whole request body (what ``Request.body`` reads, without building a ``Request``)."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def router() -> APIRouter:
    routes = APIRouter()

    @routes.post(webhook_path("{name}"), name="webhook")
    async def receive(name: str, request: Request) -> Response:
        runtime: Runtime = request.app.state.runtime
        channel = _channel(runtime, name)
        with runtime.acks.answering():
            signature = request.headers.get(channel.webhook.signature_header)
            return await _acknowledge(runtime, channel, await request.body(), signature)

    return routes


def _channel(runtime: Runtime, name: str) -> WebhookChannel:
    channel = runtime.webhooks.get(name)
    if channel is None:
        raise HTTPException(404, f"no {name} channel, or it is off")
    return channel


async def _acknowledge(runtime: Runtime, channel: WebhookChannel, raw: bytes, signature: str | None) -> Response:
    """Keep or settle what the platform sent; the answer its adapter gives.

    When the store cannot take it, 503 with Retry-After: the platform sends the update again later
    (Telegram, Viber and Twilio all retry a 5xx), so nothing is lost and nothing was half-kept.
    """
    event = _read(channel, raw, signature)
    try:
        if isinstance(event, Received):
            webhook_received(channel.name, "accepted" if await runtime.keep(event) else "duplicate")
        else:
            await settle(runtime, event)
            webhook_received(channel.name, "settled")
    except (SQLAlchemyError, OSError, TimeoutError) as error:
        webhook_received(channel.name, "store_unavailable")
        log.warning("webhook_not_kept_store_unavailable", channel=channel.name, error=type(error).__name__)
        raise HTTPException(503, "store unavailable, send again later", {"Retry-After": STORE_RETRY_AFTER}) from error
    answer = channel.answer(event)
    return Response(answer.body, media_type=answer.media_type)


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
