"""Every channel the service knows, in one list.

A channel is an adapter in ``bots/`` (a ``bots.channel.Channel``: its name, capabilities and, for a
webhook channel, its ``webhook``, are class attributes), an entry here, the text ``channel.<name>``
that names it to people (and its own texts) in ``core/texts.py``, and its settings. From this list the
service starts the channels that are on (``service.channels.start_channels``): their webhook at
``POST /webhooks/<name>``, their poller, the inbox's handler and the dispatcher's sender; the body
limits of the webhooks come from here too. ``check_texts`` fails the start-up when a registered channel
has no name to show, rather than an engineer's ticket card later.

Telegram's adapter is listed by where it lives (a ``Deferred``), with its name and webhook written
out: it imports aiogram (about 165 MB of pydantic models), which only a process with Telegram on needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from operator import attrgetter

import structlog

from bots.channel import Channel, Webhook
from bots.console import ConsoleChannel
from bots.email import EmailChannel
from bots.email_settings import email_settings
from bots.viber import ViberChannel
from bots.whatsapp import WhatsAppChannel
from core.texts import TEXTS, channel_key
from service.channels.media import url_media
from service.channels.webhook import webhook_path, webhook_url
from service.runtime import Runtime
from service.settings import Settings

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Deferred:
    """An adapter imported only when asked for; its name and webhook, the class attributes the registry
    reads of every channel, are written out here (``tests/service/test_imports.py`` holds them equal)."""

    module: str
    qualname: str
    name: str
    webhook: Webhook | None

    def load(self) -> type[Channel]:
        adapter: type[Channel] = getattr(importlib.import_module(self.module), self.qualname)
        return adapter


@dataclass(frozen=True)
class Entry:
    declared: type[Channel] | Deferred  # the adapter, or where it is when importing it costs
    enabled: Callable[[Settings], bool]  # on exactly when its credentials are set
    start: Callable[[Runtime], Awaitable[Channel]] | None  # builds it when enabled; None: started by its command

    @property
    def adapter(self) -> type[Channel]:
        return self.declared.load() if isinstance(self.declared, Deferred) else self.declared

    @property
    def name(self) -> str:
        return self.declared.name

    @property
    def webhook(self) -> Webhook | None:
        return getattr(self.declared, "webhook", None)


TELEGRAM = Deferred("bots.telegram", "TelegramChannel", "telegram", Webhook("X-Telegram-Bot-Api-Secret-Token"))


async def start_telegram(runtime: Runtime) -> Channel:
    from service.channels import telegram  # aiogram: imported by the processes with Telegram on only

    return await telegram.start(runtime)


async def start_viber(runtime: Runtime) -> ViberChannel:
    settings, media = runtime.settings, url_media(runtime)
    assert settings.viber_auth_token is not None and media is not None
    channel = ViberChannel(
        auth_token=settings.viber_auth_token.get_secret_value(),
        bot_name=settings.viber_bot_name,
        api_base=settings.viber_api_base,
        http=media.http,
        store=media.store,
        links=media.links,
        clock=runtime.desk.clock,
    )
    url = webhook_url(settings, channel.name)
    if url.startswith("https://"):
        runtime.spawn(_register_viber(channel, url))  # Viber calls the URL before it answers: once the service runs
    else:
        log.warning("webhook_not_registered", channel="viber", reason="PUBLIC_BASE_URL is not https")
    return channel


async def _register_viber(channel: ViberChannel, url: str) -> None:
    """A failure is only logged: the service runs on, and a restart tries again."""
    result = await channel.set_webhook(url)
    if result.ok:
        log.info("webhook_registered", channel="viber")
    else:
        log.error("webhook_not_registered", channel="viber", error=result.error)


async def start_whatsapp(runtime: Runtime) -> WhatsAppChannel:
    """Twilio has no webhook registration for WhatsApp senders: the URLs are set in its console."""
    settings, media = runtime.settings, url_media(runtime)
    assert settings.twilio_account_sid and settings.twilio_auth_token and settings.twilio_whatsapp_from and media
    return WhatsAppChannel(
        account_sid=settings.twilio_account_sid,
        auth_token=settings.twilio_auth_token.get_secret_value(),
        sender=settings.twilio_whatsapp_from,
        api_base=settings.twilio_api_base,
        webhook_url=webhook_url(settings, WhatsAppChannel.name),  # what Twilio signs
        content_sid=settings.twilio_content_sid,
        http=media.http,
        store=media.store,
        links=media.links,
        clock=runtime.desk.clock,
    )


async def start_email(runtime: Runtime) -> EmailChannel:
    """The help@ mailbox: letters polled over IMAP (``run_background`` starts the poller), answers by SMTP."""
    settings = runtime.settings
    secret = settings.email_smtp_url.get_secret_value() if settings.email_smtp_url else None
    assert settings.email_imap_url is not None
    mail = email_settings(settings.email_imap_url.get_secret_value(), secret, settings.email_from)
    assert mail is not None
    return EmailChannel(settings=mail, store=runtime.files, clock=runtime.desk.clock)


CHANNELS: tuple[Entry, ...] = (
    Entry(TELEGRAM, attrgetter("telegram_enabled"), start_telegram),
    Entry(ViberChannel, attrgetter("viber_enabled"), start_viber),
    Entry(WhatsAppChannel, attrgetter("whatsapp_enabled"), start_whatsapp),
    Entry(EmailChannel, attrgetter("email_enabled"), start_email),
    Entry(ConsoleChannel, lambda settings: False, None),  # `support-bot chat` connects it for its terminal
)


def enabled(settings: Settings) -> list[Entry]:
    """The channels to start: on by their settings, and not left to a command of their own."""
    return [entry for entry in CHANNELS if entry.enabled(settings) and entry.start is not None]


def webhook_limits() -> dict[str, int]:
    """The largest body each webhook's platform sends, by path."""
    return {webhook_path(e.name): e.webhook.body_limit for e in CHANNELS if e.webhook is not None}


class MissingTexts(RuntimeError):
    """A registered channel has no ``channel.<name>`` text in core/texts.py."""


def check_texts() -> None:
    """Every registered channel, on or off, has the text naming it (a ticket of it may be shown any time)."""
    missing = [channel_key(entry.name) for entry in CHANNELS if channel_key(entry.name) not in TEXTS]
    if missing:
        raise MissingTexts(f"add to core/texts.py: {', '.join(missing)}")
