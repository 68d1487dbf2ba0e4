"""WhatsApp through Twilio: callbacks checked with twilio's RequestValidator, messages sent with httpx.

Choices become a numbered list (the client answers «1», «2» or the words); bold is ``*text*``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

import httpx
import structlog
from starlette.datastructures import ImmutableMultiDict
from twilio.request_validator import RequestValidator

from bots.base import BadRequest, DeliveryResult, Unauthorized
from bots.channel import Capabilities, Webhook, WebhookAnswer
from bots.delivery import refused, split_text, unreachable_api
from bots.files import FileStore
from bots.media import MediaLinks, MediaSources, discard, fetch_media, kind_of
from bots.platform_events import PlatformEvent, Received, StatusReport
from core.messages import Attachment, Inbound, Outbound
from core.render import choices_as_text, engine_payload
from core.texts import t

log = structlog.get_logger(__name__)

SIGNATURE_HEADER = "X-Twilio-Signature"
PREFIX = "whatsapp:"
SENDER = re.compile(re.escape(PREFIX) + r"\+\d{6,15}")  # E.164, as WhatsApp numbers are
BODY_LIMIT = 1600
TEMPLATE = "content_variables"  # Outbound.extras key: send the approved template with these variables
OUTSIDE_WINDOW = "63016"
FAILED = ("failed", "undelivered")
OPTED_OUT = {21610}  # Twilio: the recipient unsubscribed
UNSUPPORTED_MEDIA = {"audio": "voice", "video": "video"}
MEDIA_DOMAINS = ("api.twilio.com",)  # MediaUrl is always the API; it redirects to the CDN for the bytes
FORM_LIMIT = 64 * 1024  # Twilio's form of one message is a few kilobytes
EMPTY_TWIML = b"<Response/>"
WINDOW = timedelta(hours=24)  # free text reaches a client only this long after the client's last message


class WhatsAppChannel:
    """A Twilio WhatsApp sender, a ``WebhookChannel``: ``read`` a webhook and ``unpack`` a message when processed,
    ``deliver`` a payload."""

    name = "whatsapp"
    capabilities = Capabilities(
        buttons=False,  # choices as a numbered list (or, where numbers would mislead, the words)
        text_limit=BODY_LIMIT,
        media=True,
        formatting="markdown",  # WhatsApp's own marks: *bold*
        delivery_window=WINDOW,
        choices_last=True,
    )
    webhook = Webhook(SIGNATURE_HEADER, body_limit=FORM_LIMIT)

    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        sender: str,
        api_base: str,
        webhook_url: str,
        content_sid: str | None,
        http: httpx.AsyncClient,
        store: FileStore,
        links: MediaLinks,
        clock: Callable[[], datetime],
    ) -> None:
        self.account_sid = account_sid
        self._auth = (account_sid, auth_token)
        self.validator = RequestValidator(auth_token)
        self.sender = sender if sender.startswith(PREFIX) else PREFIX + sender
        self.api_base = api_base.rstrip("/")
        self.media_sources = MediaSources(MEDIA_DOMAINS, self.api_base)
        self.webhook_url = webhook_url
        self.content_sid = content_sid
        self.http = http
        self.store = store
        self.links = links
        self.clock = clock

    # --- callbacks
    def read(self, raw: bytes, signature: str | None) -> StatusReport | Received:
        """A webhook checked and read without fetching anything: a client's message Received, to be stored
        and unpacked when processed; a status callback at once (it concerns a message the bot sent, and
        recording it is idempotent: a failure is kept and told once). Unauthorized for a bad signature,
        BadRequest if malformed."""
        if not signature:
            raise Unauthorized("no twilio signature")
        try:
            text = raw.decode()
            params = _form(text, strict=bool(raw))
        except (UnicodeDecodeError, ValueError) as error:
            raise BadRequest("twilio form") from error
        # every posted parameter counts, blank ones included: validate the form exactly as received
        if not self.validator.validate(self.webhook_url, params, signature):
            raise Unauthorized("twilio signature")
        if not params.get("MessageSid"):
            raise BadRequest("no MessageSid")
        if "MessageStatus" in params:
            return _status(params)
        if not SENDER.fullmatch(params.get("From", "")):  # «whatsapp:notaphone» got three messages sent to it
            raise BadRequest("not a WhatsApp sender")
        return Received("whatsapp", params["MessageSid"], params["From"].removeprefix(PREFIX), text)

    def answer(self, event: PlatformEvent | Received) -> WebhookAnswer:
        return WebhookAnswer(EMPTY_TWIML, "text/xml")  # Twilio reads TwiML; an empty one sends nothing

    async def unpack(self, raw: str, *, retry_later: bool) -> Inbound:
        """A stored message (``read`` returned it Received) as the desk takes it; its media are fetched now.

        With ``retry_later`` a media host that fails for now raises MediaUnavailable (see ``fetch_media``),
        and nothing fetched for the message is kept.
        """
        params = _form(raw)
        chat = params["From"].removeprefix(PREFIX)
        wa_id = params.get("WaId")
        inbound = Inbound(
            channel="whatsapp",
            sender=chat,
            chat=chat,
            platform_id=params["MessageSid"],
            text=params.get("Body") or None,
            choice=engine_payload(params.get("ButtonPayload", "")),
            verified_phone=f"+{wa_id.lstrip('+')}" if wa_id else chat,
            profile_name=params.get("ProfileName") or None,
        )
        if params.get("MessageType") in ("location", "sticker"):
            return replace(inbound, unsupported=params["MessageType"])
        if inbound.text is None and inbound.choice is None and not _count(params):
            # a reaction, an unsupported message, an empty Body: nothing to read (it answered the contact question
            # with the chat's own number)
            return replace(inbound, unsupported=params.get("MessageType") or "other")
        media = [(params.get(f"MediaUrl{i}"), params.get(f"MediaContentType{i}")) for i in range(_count(params))]
        unsupported = [UNSUPPORTED_MEDIA[kind] for _, mime in media if (kind := kind_of(mime)) in UNSUPPORTED_MEDIA]
        if unsupported:
            return replace(inbound, unsupported=unsupported[0])
        attachments: list[Attachment] = []
        try:
            for url, mime in media:
                if url:
                    attachments.append(await self._fetch(url, mime, retry_later))
        except BaseException:
            discard(self.store, attachments)  # the message is read again later, all its files with it
            raise
        return replace(inbound, attachments=tuple(attachments))

    async def _fetch(self, url: str, mime: str | None, retry_later: bool) -> Attachment:
        return await fetch_media(
            self.http,
            self.store,
            url,
            sources=self.media_sources,
            kind=kind_of(mime),
            auth=self._auth,  # sent only to the configured API base's origin
            mime_type=mime,
            retry_later=retry_later,
        )

    # --- sending
    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        message = Outbound.from_dict(payload)
        base = {"From": self.sender, "To": PREFIX + message.chat, "StatusCallback": self.webhook_url}
        if TEMPLATE in message.extras and self.content_sid:
            forms = [{**base, "ContentSid": self.content_sid, "ContentVariables": message.extras[TEMPLATE]}]
        else:
            forms = [{**base, "Body": piece} for piece in split_text(_text(message), BODY_LIMIT)]
            forms += [{**base, "MediaUrl": url} for url in self._media_urls(message.attachments)]
        result = DeliveryResult.sent()
        for form in forms:
            result = await self._create(form)
            if not result.ok:
                return result
        return result

    def _media_urls(self, attachments: tuple[Attachment, ...]) -> list[str]:
        urls = [self.links.url(a.ref, self.clock()) for a in attachments]
        if None in urls:
            log.warning("attachment_without_public_url", channel="whatsapp")
        return [url for url in urls if url is not None]

    async def _create(self, form: dict[str, str]) -> DeliveryResult:
        url = f"{self.api_base}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        try:
            response = await self.http.post(url, data=form, auth=self._auth)
        except httpx.HTTPError as error:
            return unreachable_api(error)
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        failure = refused(response)
        if failure is not None and not failure.retry:
            code = answer.get("code") if isinstance(answer, dict) else None
            return DeliveryResult.failed(f"twilio {code or response.status_code}", unreachable=code in OPTED_OUT)
        return failure or DeliveryResult.sent(answer.get("sid") if isinstance(answer, dict) else None)


def _text(message: Outbound) -> str:
    """Plain text with WhatsApp's own marks: the engineer's name in bold, choices numbered or as words."""
    text = message.text
    if message.extras.get("unnumbered") and message.choices:
        text += "\n\n" + t("whatsapp.answer_in_words", options=" · ".join(f"«{c.title}»" for c in message.choices))
    else:
        text = choices_as_text(text, message.choices)
    author = message.extras.get("author")
    return t("whatsapp.author", author=author) + "\n" + text if author else text


def _status(params: ImmutableMultiDict[str, str]) -> StatusReport:
    status, code = params["MessageStatus"], params.get("ErrorCode") or None
    failed = status in FAILED
    return StatusReport(
        channel="whatsapp",
        chat=params.get("To", "").removeprefix(PREFIX) or None,
        message_id=params["MessageSid"],
        status=status,
        failed=failed,
        error=code,
        outside_window=failed and code == OUTSIDE_WINDOW,
    )


def _form(raw: str, *, strict: bool = False) -> ImmutableMultiDict[str, str]:
    return ImmutableMultiDict(parse_qsl(raw, keep_blank_values=True, strict_parsing=strict))


def _count(params: ImmutableMultiDict[str, str]) -> int:
    value = params.get("NumMedia")
    return min(int(value), 10) if value and value.isascii() and value.isdigit() else 0
