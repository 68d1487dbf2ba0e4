"""The webhook of a messenger that sends callbacks signed over their body (Viber, WhatsApp), and the
processing of what it stored: one generic path, the adapters supply the platform's reading.

At the webhook the adapter checks the signature and reads the callback without fetching anything
(``read``). A client's message is stored in the inbox, keyed by the platform's id (Viber's
``message_token``, Twilio's ``MessageSid``) and queued per chat, and the platform gets its 200 once
it is stored. The inbox then hands the stored body back (``process``): the adapter reads it again
(``unpack``) and fetches its media, which happens only after the deduplication, so a redelivery
never downloads again. What stays inline is what needs no order and no download: the status of the
bot's own messages (recording it is idempotent) and Viber's ``conversation_started``, whose welcome
must be in the HTTP answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

import structlog
from fastapi import APIRouter, HTTPException, Request, Response

from bots.base import BadRequest, Unauthorized
from bots.files import FileStore
from bots.media import discard
from bots.platform_events import Ignored, PlatformEvent, Received, StatusReport, Unsubscribed
from core.messages import Inbound
from service.inbox import Handler
from service.runtime import Runtime
from storage.repos import inbox, outbox

log = structlog.get_logger(__name__)

# how long a message waits for a file host that fails (5xx, no connection) before it goes on with the link
MEDIA_PATIENCE = timedelta(minutes=10)


class SignedChannel(Protocol):
    name: str
    store: FileStore

    def read(self, raw: bytes, signature: str | None) -> PlatformEvent | Received: ...

    async def unpack(self, raw: str, *, retry_later: bool) -> Inbound | Unsubscribed: ...


Answer = Callable[[Any, PlatformEvent | Received], Response]


def webhook_router(path: str, name: str, signature_header: str, answer: Answer) -> APIRouter:
    """``POST path``: 404 while the channel is off, 401 for a bad signature, 400 for a malformed body;
    otherwise the callback is stored (or settled, see the module) and ``answer(channel, event)`` is sent."""
    routes = APIRouter()

    @routes.post(path, name=f"{name}_webhook")
    async def receive(request: Request) -> Response:
        runtime: Runtime = request.app.state.runtime
        channel: SignedChannel | None = runtime.channels.get(name)
        if channel is None:
            raise HTTPException(404, f"the {name} channel is off")
        event = read(channel, await request.body(), request.headers.get(signature_header))
        if isinstance(event, Received):
            received_at = runtime.desk.clock().isoformat()
            body = {"raw": event.raw, "id": event.platform_id, "received_at": received_at}
            await runtime.inbox.accept(channel=name, platform_id=event.platform_id, chat=event.chat, body=body)
        else:
            await settle(runtime, event)
        return answer(channel, event)

    return routes


def read(channel: SignedChannel, raw: bytes, signature: str | None) -> PlatformEvent | Received:
    """The adapter's verdict as HTTP: a bad signature is 401, a malformed body 400; nothing is stored."""
    try:
        return channel.read(raw, signature)
    except Unauthorized as error:
        raise HTTPException(401, "bad or missing signature") from error
    except BadRequest as error:
        raise HTTPException(400, "malformed callback") from error


def processor(runtime: Runtime, channel: SignedChannel) -> Handler:
    """The inbox's handler of the channel's stored callbacks."""

    async def process(body: dict[str, Any]) -> None:
        key = f"{channel.name}:{body['id']}"
        if await _recorded(runtime, key):  # processed, but the inbox did not learn it (a crash in between)
            return
        waited = runtime.desk.clock() - datetime.fromisoformat(body["received_at"])
        event = await channel.unpack(body["raw"], retry_later=waited < MEDIA_PATIENCE)
        if isinstance(event, Inbound):
            await _record(runtime, channel.store, key, event)
        else:
            await settle(runtime, event)

    return process


async def _record(runtime: Runtime, store: FileStore, key: str, message: Inbound) -> None:
    """The desk handles the message; files fetched for it are removed unless it was recorded with them."""
    try:
        recorded = await runtime.desk.handle(message)
    except Exception:
        try:
            recorded = await _recorded(runtime, key)  # a failed commit may still have happened
        except Exception:
            recorded = True  # unknown: keep the files rather than lose what the transcript may point to
        if not recorded:
            discard(store, message.attachments)
        raise
    if not recorded:  # another process recorded it first, with files of its own
        discard(store, message.attachments)


async def _recorded(runtime: Runtime, key: str) -> bool:
    async with runtime.desk.sessions() as session:
        return await inbox.processed(session=session, key=key)


async def settle(runtime: Runtime, event: PlatformEvent) -> None:
    """What needs no dialogue: a chat that left, a status of a sent message, nothing (Started is answered)."""
    if isinstance(event, Unsubscribed):
        await runtime.desk.report_undeliverable(event.channel, event.chat, unreachable=True, reason="unsubscribed")
    elif isinstance(event, StatusReport):
        await record_status(runtime, event)
    elif isinstance(event, Ignored):
        log.debug("callback_ignored", what=event.what)


async def record_status(runtime: Runtime, report: StatusReport) -> None:
    """Log every status (ids and codes only); a failure is kept on the outbox item and told to the engineers."""
    log.info(
        "message_status", channel=report.channel, message_id=report.message_id, status=report.status, error=report.error
    )
    if not report.failed:
        return
    if report.outside_window and await runtime.staff.window.failed_outside(report.message_id):
        return
    async with runtime.desk.transaction() as session:
        item = await outbox.find_sent(session=session, channel=report.channel, message_id=report.message_id)
        if item is not None and item.status == "failed":
            return  # told already
        if item is not None:
            item.status, item.last_error = "failed", (report.error or report.status)[:500]
        chat = item.queue.split(":", 1)[1] if item is not None else report.chat
    if chat is not None:
        reason = report.error or report.status
        await runtime.desk.report_undeliverable(report.channel, chat, unreachable=False, reason=reason)
