"""The service's app, with the platforms' webhooks answered ahead of everything FastAPI does per request.

A platform posts every client's message to a webhook, as fast as the service answers: the one request
whose cost decides how many messages a second the service takes. FastAPI's and Starlette's layers (the
telemetry check, error and exception middlewares, the body limit, the scan of the routes) cost more per
request than acknowledging itself (about 0.1 ms of CPU against 0.18, measured in process), and a webhook
needs none of them: ``webhook.Endpoint`` answers its own refusals, and a body of a declared length within
the route's limit needs no counting. Everything else, webhooks without a declared length included, goes
through FastAPI as before.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from service.channels.webhook import Endpoint, webhook_name
from service.limits import declared_within_limit

WEBHOOK = Endpoint()


class ServiceApp(FastAPI):
    """FastAPI, but ``POST /webhooks/{name}`` of a declared length within its limit goes to ``Endpoint`` first."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            name = webhook_name(scope["path"])
            if name is not None and declared_within_limit(scope):
                scope["app"] = self
                await WEBHOOK(scope, receive, send, name)
                return
        await super().__call__(scope, receive, send)
