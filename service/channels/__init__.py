"""The messengers the service can talk to. A channel is on exactly when its credentials are set.

Each channel module offers ``router() -> APIRouter`` (its webhook, registered when the app is built)
and ``async start(runtime)`` (adapter, sender and webhook registration at start-up).
"""

from __future__ import annotations

from fastapi import FastAPI

from service.channels import media, telegram, viber, whatsapp
from service.runtime import Runtime


def install_routes(app: FastAPI) -> None:
    """Webhook routes exist even for channels that are off: they answer 401/404, never 5xx."""
    app.include_router(telegram.router())
    app.include_router(viber.router())
    app.include_router(whatsapp.router())
    app.include_router(media.router())


async def start_channels(runtime: Runtime) -> None:
    """Build and register the senders of every configured channel."""
    await telegram.start(runtime)
    await viber.start(runtime)
    await whatsapp.start(runtime)
