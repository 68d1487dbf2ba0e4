"""Viber: callbacks checked and parsed with viberbot's request classes, messages sent with httpx.

viberbot's own sender posts with blocking ``requests`` to a fixed URL; it is never used here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import httpx
import structlog
from viberbot.api import messages as viber_messages
from viberbot.api.event_type import EventType
from viberbot.api.messages.message_type import MessageType
from viberbot.api.viber_requests import (
    ViberConversationStartedRequest,
    ViberFailedRequest,
    ViberMessageRequest,
    ViberUnsubscribedRequest,
    create_request,
)
from viberbot.api.viber_requests.viber_delivered_request import ViberDeliveredRequest
from viberbot.api.viber_requests.viber_seen_request import ViberSeenRequest

from bots.base import BadRequest, DeliveryResult, Unauthorized
from bots.channel import Capabilities, Webhook, WebhookAnswer
from bots.delivery import refused, split_text, unreachable_api
from bots.files import FileStore
from bots.media import MediaLinks, MediaSources, fetch_media
from bots.platform_events import Ignored, PlatformEvent, Received, Started, StatusReport, Unsubscribed
from core.messages import Attachment, Choice, Inbound, Outbound
from core.render import engine_payload
from core.texts import t

log = structlog.get_logger(__name__)

SIGNATURE_HEADER = "X-Viber-Content-Signature"
TEXT_LIMIT = 7000
SENDER_NAME_LIMIT = 28
MIN_API_VERSION = 7
NOT_SUBSCRIBED = {5, 6}  # receiver not registered / not subscribed
TOO_MANY_REQUESTS = 12
# invalid auth token, inactive / blocked / unknown / suspended account, no webhook set, API version: the bot's own
# standing, fixed on our side; the message waits for it (a dead letter past the horizon), it is not dropped
ACCOUNT_TROUBLE = {2, 7, 8, 9, 10, 11, 13}
PICTURE_TYPES = ("image/jpeg", "image/png", "image/gif")
MESSAGE_TEXTS = ("text", "media", "thumbnail", "file_name", "tracking_data")  # sticker_id, size: numbers
EVENTS = frozenset(value for name, value in vars(EventType).items() if not name.startswith("_"))
MESSAGE_TYPES = frozenset(value for name, value in vars(MessageType).items() if not name.startswith("_"))
MEDIA_DOMAINS = ("viber.com",)  # dl-media.viber.com, media-direct.cdn.viber.com, share.cdn.viber.com
WEBHOOK_EVENTS = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"]
UNSUPPORTED = {
    viber_messages.LocationMessage: "location",
    viber_messages.StickerMessage: "sticker",
    viber_messages.VideoMessage: "video",
}


class ViberChannel:
    """The Viber bot, a ``WebhookChannel``: ``read`` a callback and ``unpack`` it when processed, ``answer`` it
    (``welcome``), ``deliver`` a payload."""

    name = "viber"
    capabilities = Capabilities(
        buttons=True,
        text_limit=TEXT_LIMIT,
        media=True,
        formatting="plain",
        received_text_limit=TEXT_LIMIT,
        share_phone="viber.share_phone",
        choices_last=True,
    )
    webhook = Webhook(SIGNATURE_HEADER)

    def __init__(
        self,
        *,
        auth_token: str,
        bot_name: str,
        api_base: str,
        http: httpx.AsyncClient,
        store: FileStore,
        links: MediaLinks,
        clock: Callable[[], datetime],
    ) -> None:
        self._token = auth_token
        self.bot_name = bot_name
        self.api_base = api_base.rstrip("/")
        self.media_sources = MediaSources(MEDIA_DOMAINS, self.api_base)
        self.http = http
        self.store = store
        self.links = links
        self.clock = clock

    # --- callbacks
    def read(self, raw: bytes, signature: str | None) -> PlatformEvent | Received:
        """A callback checked and read at the webhook, without fetching anything.

        A client's message and ``unsubscribed`` come back Received, to be stored and processed in
        order with the chat's other callbacks (see ``unpack``). The others are answered at once:
        ``conversation_started`` needs its welcome in the HTTP answer, and the status callbacks
        concern the bot's own messages and are idempotent (a failure is recorded and told once).
        Unauthorized for a bad signature, BadRequest for a malformed body.
        """
        # viberbot's Api.verify_signature is this HMAC compared with «==»; compare in constant time instead
        expected = hmac.new(self._token.encode(), raw, hashlib.sha256).hexdigest()
        if not signature or not hmac.compare_digest(signature.lower().encode(), expected.encode()):
            raise Unauthorized("viber signature")
        try:
            body = json.loads(raw)
            if isinstance(body, dict) and isinstance(body.get("event"), str) and body["event"] not in EVENTS:
                return Ignored(body["event"])  # newer than viberbot: answered 200, or Viber would retry for an hour
            request = create_request(_known(body))
            text = raw.decode()
        except Exception as error:  # viberbot raises bare Exception and KeyError for what it cannot read
            raise BadRequest("viber callback") from error
        if isinstance(request, ViberMessageRequest):
            if not _well_typed(body):  # viberbot takes any JSON type: refuse now what could never be processed
                raise BadRequest("viber message values of the wrong type")
            return Received("viber", str(request.message_token), request.sender.id, text)
        if isinstance(request, ViberUnsubscribedRequest):
            token = body.get("message_token") or f"unsubscribed-{request.user_id}-{request.timestamp}"
            return Received("viber", str(token), request.user_id, text)
        if isinstance(request, ViberConversationStartedRequest):
            return Started("viber", request.user.id)
        if isinstance(request, ViberFailedRequest):
            return StatusReport("viber", request.user_id, str(request.message_token), "failed", True, request.desc)
        if isinstance(request, ViberDeliveredRequest | ViberSeenRequest):
            return StatusReport("viber", request.user_id, str(request.message_token), request.event_type)
        return Ignored(request.event_type)

    async def unpack(self, raw: str, *, retry_later: bool) -> Inbound | Unsubscribed:
        """A stored callback (``read`` returned it Received) as the desk takes it; a picture or file is fetched now.

        With ``retry_later`` a file host that fails for now raises MediaUnavailable (see ``fetch_media``).
        """
        body = json.loads(raw)
        request = create_request(_known(body))
        if isinstance(request, ViberUnsubscribedRequest):
            return Unsubscribed("viber", request.user_id)
        return await self._inbound(request, body["message"], retry_later)

    async def _inbound(self, request: ViberMessageRequest, raw_message: dict[str, Any], retry_later: bool) -> Inbound:
        message = request.message
        sender = request.sender.id
        base = Inbound("viber", sender, sender, str(request.message_token), profile_name=request.sender.name)
        if isinstance(message, viber_messages.TextMessage):
            payload = engine_payload(message.text or "")
            return replace(base, choice=payload) if payload else replace(base, text=message.text)
        if isinstance(message, viber_messages.ContactMessage) and message.contact is not None:
            # Viber does not say whose card it is (any contact from the address book): a typed claim, not proof
            return replace(base, text=message.contact.phone_number or None)
        if isinstance(message, viber_messages.URLMessage):
            return replace(base, text=message.media)
        if isinstance(message, viber_messages.PictureMessage | viber_messages.FileMessage):
            kind = "image" if isinstance(message, viber_messages.PictureMessage) else "document"
            name = raw_message.get("file_name")
            attachment = await fetch_media(
                self.http,
                self.store,
                message.media,
                sources=self.media_sources,
                kind=kind,
                file_name=name,
                retry_later=retry_later,
            )
            return replace(base, text=raw_message.get("text") or None, attachments=(attachment,))
        return replace(base, unsupported=UNSUPPORTED.get(type(message), "other"))

    def answer(self, event: PlatformEvent | Received) -> WebhookAnswer:
        if isinstance(event, Started):
            return WebhookAnswer.json(self.welcome())  # the only message allowed before the client subscribes
        return WebhookAnswer()

    def welcome(self) -> dict[str, Any]:
        """The answer to ``conversation_started``: the one message Viber shows before the client subscribes.

        Its button sends the words «Оформить заявку», which the engine understands in any stage.
        """
        start = Choice(t("choice.new_ticket"), t("choice.new_ticket"))
        return self._message({"type": "text", "text": t("viber.welcome")}, keyboard=_keyboard((start,), False))

    # --- sending
    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        message = Outbound.from_dict(payload)
        bodies = [{"type": "text", "text": piece} for piece in split_text(message.text, TEXT_LIMIT)]
        bodies += [body for a in message.attachments if (body := self._media_body(a)) is not None]
        keyboard = _keyboard(message.choices, message.request_phone)
        result = DeliveryResult.sent()
        for index, body in enumerate(bodies):
            last = index == len(bodies) - 1
            body = self._message(body, keyboard if last else None, message.extras.get("author"))
            result = await self._call("send_message", {"receiver": message.chat, **body})
            if not result.ok:
                return result
        return result

    def _message(self, body: dict[str, Any], keyboard: dict[str, Any] | None, author: str | None = None) -> dict:
        name = t("viber.sender_with_author", author=author, bot=self.bot_name) if author else self.bot_name
        message = {"min_api_version": MIN_API_VERSION, "sender": {"name": name[:SENDER_NAME_LIMIT]}, **body}
        if keyboard is not None:
            message["keyboard"] = keyboard
        return message

    def _media_body(self, attachment: Attachment) -> dict[str, Any] | None:
        url = self.links.url(attachment.ref, self.clock())
        if url is None:
            log.warning("attachment_without_public_url", channel="viber")
            return None
        if attachment.kind == "image" and (attachment.mime_type or "image/jpeg") in PICTURE_TYPES:
            return {"type": "picture", "text": "", "media": url}
        name = attachment.file_name or attachment.ref.rsplit(":", 1)[-1]
        size = attachment.size or self.links.size(attachment.ref) or 0
        return {"type": "file", "media": url, "size": size, "file_name": name}

    async def _call(self, method: str, body: dict[str, Any]) -> DeliveryResult:
        try:
            response = await self.http.post(
                f"{self.api_base}/{method}", json=body, headers={"X-Viber-Auth-Token": self._token}
            )
        except httpx.HTTPError as error:
            return unreachable_api(error)
        failure = refused(response)
        if failure is not None:
            return failure
        try:
            answer = response.json()
            status = int(answer.get("status", -1))
        except (ValueError, AttributeError):
            return DeliveryResult.later("viber: unreadable answer")
        if status == 0:
            token = answer.get("message_token")
            return DeliveryResult.sent(str(token) if token is not None else None)
        error = f"viber status {status}: {answer.get('status_message', '')}"
        if status in NOT_SUBSCRIBED:
            return DeliveryResult.failed(error, unreachable=True)
        if status == TOO_MANY_REQUESTS or status in ACCOUNT_TROUBLE:
            return DeliveryResult.later(error)
        return DeliveryResult.failed(error)

    async def set_webhook(self, url: str) -> DeliveryResult:
        """Register ``url`` with Viber (it calls back with the ``webhook`` event before answering)."""
        return await self._call("set_webhook", {"url": url, "event_types": WEBHOOK_EVENTS, "send_name": True})


def _keyboard(choices: tuple[Choice, ...], request_phone: bool) -> dict[str, Any] | None:
    """Viber reply buttons: the payload comes back as the text of a message."""
    short = len(choices) <= 6 and all(len(c.title) <= 10 for c in choices)
    columns = 6 // len(choices) if short and choices else 6
    buttons = [_button("reply", c.payload, c.title, columns) for c in choices]
    if request_phone:
        buttons.append(_button("share-phone", "phone", t("viber.share_phone")))
    return {"Type": "keyboard", "DefaultHeight": False, "Buttons": buttons} if buttons else None


def _button(action: str, body: str, text: str, columns: int = 6) -> dict[str, Any]:
    return {"Columns": columns, "Rows": 1, "ActionType": action, "ActionBody": body, "Text": text}


def _known(body: Any) -> Any:
    """The callback as viberbot reads it: a message of a type newer than viberbot («hologram») becomes an empty
    keyboard message, which the desk answers as one it cannot read, instead of viberbot refusing the callback."""
    message = body.get("message") if isinstance(body, dict) and body.get("event") == "message" else None
    if isinstance(message, dict) and isinstance(message.get("type"), str) and message["type"] not in MESSAGE_TYPES:
        return {**body, "message": {"type": "keyboard"}}
    return body


def _well_typed(body: dict[str, Any]) -> bool:
    """Every value of a message callback that the desk reads has the type Viber documents.

    The ids need no check here: the webhook refuses any event whose fields are not of their declared type.
    """
    sender, message, token = body.get("sender"), body.get("message"), body.get("message_token")
    if not isinstance(sender, dict) or not isinstance(message, dict):
        return False
    if not isinstance(token, int) or isinstance(token, bool):  # «"abc"» was kept as a message's id
        return False
    if message.get("type") in ("picture", "file", "video", "url") and not isinstance(message.get("media"), str):
        return False
    texts = [sender.get("name"), *(message.get(key) for key in MESSAGE_TEXTS)]
    contact = message.get("contact")
    if contact is not None:
        if not isinstance(contact, dict):
            return False
        texts += [contact.get("name"), contact.get("phone_number")]
    return all(value is None or isinstance(value, str) for value in texts)
