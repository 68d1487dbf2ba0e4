"""What becomes of a channel's items: kept in the inbox as they came, then unpacked and handled in order.

A webhook (``service/channels/webhook.py``) or a poller hands each client's message over as a
``Received``: it is stored in the inbox, keyed by the platform's id (Telegram's ``update_id``, Viber's
``message_token``, Twilio's ``MessageSid``) and queued per chat, and only then acknowledged. The inbox
hands the stored body back (``processor``): the adapter reads it again (``unpack``) and fetches its
media, which happens only after the deduplication, so a redelivery never downloads again; an
``Inbound`` goes to the desk. What a webhook settles at once (``settle``) needs no order and no
download: the status of the bot's own messages (recording it is idempotent) and Viber's
``conversation_started``, whose welcome is in the HTTP answer.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime, timedelta
from functools import cache
from types import UnionType
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

import structlog

from bots.channel import ReceivingChannel
from bots.media import discard
from bots.platform_events import UNSTORABLE, Ignored, PlatformEvent, StatusReport, Unsubscribed, storable
from core.messages import Attachment, Inbound
from core.texts import t
from service.inbox import Handler
from service.runtime import Runtime
from storage.repos import inbox, outbox

log = structlog.get_logger(__name__)

# how long a message waits for a file host that fails (5xx, no connection) before it goes on with the link: the
# chat's later messages wait behind it, so a minute (five or six tries), not the ten minutes it used to be
MEDIA_PATIENCE = timedelta(minutes=1)
Item = TypeVar("Item", Inbound, Attachment)


def keepable(event: Any) -> bool:
    """A webhook's ``Received`` or event can be kept as it is (in the inbox, or by ``settle``): each field holds
    what it declares (a signed body can put an object where an id goes), and no text the store cannot hold (in
    an id, a chat or a status, where a replacement character would make it another's)."""
    typed = all(isinstance(getattr(event, name), kinds) for name, kinds in _field_classes(type(event)).items())
    return typed and not any(UNSTORABLE.search(text) for text in _texts(event).values())


@cache
def _field_classes(kind: type) -> dict[str, tuple[type, ...]]:
    """The classes each field of the dataclass ``kind`` may hold, from its annotations (``str | None``: str, None)."""
    hints = get_type_hints(kind)
    return {field.name: _classes(hints[field.name]) for field in fields(kind)}


def _classes(hint: Any) -> tuple[type, ...]:
    members = get_args(hint) if isinstance(hint, UnionType) else (hint,)
    classes = tuple(origin for member in members if isinstance(origin := get_origin(member) or member, type))
    return classes or (object,)  # a Literal or the like: not checked here


def storable_message(message: Inbound) -> Inbound:
    """The message with every text ``storable``: the rest of what the client said still counts."""
    return _storable(replace(message, attachments=tuple(_storable(file) for file in message.attachments)))


def _storable(item: Item) -> Item:
    return replace(item, **{name: storable(text) for name, text in _texts(item).items()})


def _texts(item: Any) -> dict[str, str]:
    """The fields of a dataclass that hold text."""
    return {field.name: value for field in fields(item) if isinstance(value := getattr(item, field.name), str)}


def processor(runtime: Runtime, channel: ReceivingChannel) -> Handler:
    """The inbox's handler of the channel's kept items (``Runtime.keep`` made their bodies)."""
    capabilities = channel.capabilities
    limit = capabilities.received_text_limit
    share_phone = t(capabilities.share_phone) if capabilities.share_phone else None

    async def process(body: dict[str, Any], replayed: bool) -> None:
        key = f"{channel.name}:{body['id']}" if "id" in body else None  # Telegram's older bodies had only raw
        if replayed and key is not None and await _recorded(runtime, key):  # handled, but the inbox missed it (a crash)
            return
        event = await channel.unpack(body["raw"], retry_later=_waited(runtime, body) < MEDIA_PATIENCE)
        if isinstance(event, Inbound):
            event = replace(
                event,
                text_limit=limit,
                by_letter=capabilities.by_letter,
                choices_last=capabilities.choices_last,
                share_phone=share_phone,
            )
            await _record(runtime, key, storable_message(event))
        else:
            await settle(runtime, event)

    return process


def _waited(runtime: Runtime, body: dict[str, Any]) -> timedelta:
    received_at = body.get("received_at")
    return runtime.desk.clock() - datetime.fromisoformat(received_at) if received_at else timedelta(0)


async def _record(runtime: Runtime, key: str | None, message: Inbound) -> None:
    """The desk handles the message; files fetched for it are removed unless it was recorded with them."""
    try:
        recorded = await runtime.desk.handle(message)
    except Exception:
        try:
            recorded = key is not None and await _recorded(runtime, key)  # a failed commit may still have happened
        except Exception:
            recorded = True  # unknown: keep the files rather than lose what the transcript may point to
        if not recorded:
            discard(runtime.files, message.attachments)
        raise
    if not recorded:  # another process recorded it first, with files of its own
        discard(runtime.files, message.attachments)


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
        if item is None:  # not ours: another tool sending from the same number raised false alarms in a ticket
            log.info("status_of_unknown_message", channel=report.channel, message_id=report.message_id)
            return
        if item.status == "failed":
            return  # told already
        item.status, item.last_error = "failed", (report.error or report.status)[:500]
        chat, reason = item.queue.split(":", 1)[1], report.error or report.status
    await runtime.desk.report_undeliverable(report.channel, chat, unreachable=False, reason=reason)
