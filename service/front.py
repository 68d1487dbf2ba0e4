"""The service's app, with the platforms' webhooks answered ahead of its middleware stack.

A platform posts every client's message to a webhook, as fast as the service answers: the one request
whose cost decides how many messages a second the service takes. Starlette's and FastAPI's layers
(error and exception middlewares, telemetry, the body limit, the scan of the routes) cost more per request
than acknowledging itself (about 0.1 ms of CPU against 0.18, measured in process), and a webhook needs
none of them: ``webhook.Endpoint`` answers its own refusals, and a body of a declared length within
the route's limit needs no counting. Everything else, webhooks without a declared length included, goes
through the stack as before.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from service.channels.webhook import Endpoint, webhook_name
from service.limits import declared_within_limit


class WebhooksFirst:
    """The outermost layer: ``POST /webhooks/{name}`` of a declared length within limit to ``Endpoint``."""

    def __init__(self, stack: ASGIApp) -> None:
        self.stack = stack
        self.endpoint = Endpoint()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            name = webhook_name(scope["path"])
            if name is not None and declared_within_limit(scope):
                await self.endpoint(scope, receive, send, name)
                return
        await self.stack(scope, receive, send)


class ServiceApp(FastAPI):
    """FastAPI, with ``WebhooksFirst`` around the middleware stack it builds."""

    def build_middleware_stack(self) -> ASGIApp:
        return WebhooksFirst(super().build_middleware_stack())
