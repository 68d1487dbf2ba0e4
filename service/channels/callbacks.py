"""What a webhook does once its adapter has read the callback: the same for every messenger."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import structlog
from fastapi import HTTPException, Request

from bots.base import BadRequest, Unauthorized
from bots.platform_events import Ignored, PlatformEvent, StatusReport, Unsubscribed
from core.messages import Inbound
from service.runtime import Runtime
from storage.repos import outbox

log = structlog.get_logger(__name__)


async def read(parsing: Awaitable[PlatformEvent]) -> PlatformEvent:
    """The adapter's verdict as HTTP: a bad signature is 401, a malformed body 400; nothing is stored."""
    try:
        return await parsing
    except Unauthorized as error:
        raise HTTPException(401, "bad or missing signature") from error
    except BadRequest as error:
        raise HTTPException(400, "malformed callback") from error


async def receive(request: Request, name: str, signature_header: str) -> tuple[Runtime, Any, PlatformEvent]:
    """The runtime, the channel ``name`` and what its adapter read from the request; 404 when the channel is off."""
    runtime: Runtime = request.app.state.runtime
    channel = runtime.channels.get(name)
    if channel is None:
        raise HTTPException(404, f"the {name} channel is off")
    event = await read(channel.parse(await request.body(), request.headers.get(signature_header)))
    return runtime, channel, event


async def settle(runtime: Runtime, event: PlatformEvent) -> None:
    if isinstance(event, Inbound):
        await runtime.desk.handle(event)
    elif isinstance(event, Unsubscribed):
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
