"""The channels the service talks through: listed in ``registry``, started here when their settings are set.

Starting a channel makes it live in the runtime: the generic webhook answers for it (a
``WebhookChannel``), the background runs its poller (a ``PollingChannel``), the inbox unpacks its kept
items and the dispatcher delivers its outbox.
"""

from __future__ import annotations

from fastapi import FastAPI

from bots.channel import Channel, ReceivingChannel, WebhookChannel
from service.channels import media, registry, webhook
from service.channels.intake import processor
from service.runtime import Runtime


def install_routes(app: FastAPI) -> None:
    """The webhook route answers for channels that are off too: 404, never 5xx.

    Most of its requests never reach it: ``service.front`` hands them to ``webhook.Endpoint`` first.
    """
    app.include_router(webhook.router())
    app.include_router(media.router())


async def start_channels(runtime: Runtime) -> None:
    """Start every channel that is on; fails first if a registered channel has no name to show."""
    registry.check_texts()
    for entry in registry.enabled(runtime.settings):
        assert entry.start is not None
        attach(runtime, await entry.start(runtime))


def attach(runtime: Runtime, channel: Channel) -> None:
    """Make ``channel`` live: its webhook and poller, the inbox's handler of its items, its outbox sender."""
    runtime.channels[channel.name] = channel
    runtime.senders[channel.name] = channel
    if isinstance(channel, WebhookChannel):  # decided once: a check against a Protocol costs each request
        runtime.webhooks[channel.name] = channel
    if isinstance(channel, ReceivingChannel):
        runtime.inbox.handlers[channel.name] = processor(runtime, channel)
