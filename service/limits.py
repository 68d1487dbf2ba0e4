"""Request body limits, enforced before anything parses the body.

A webhook body larger than any the platform sends is refused with 413 as soon as its declared
length (or, without one, the bytes read so far) passes the route's limit: no multi-megabyte form or
JSON ever reaches a parser or sits in memory. Pure ASGI, so the check costs nothing per request; a
request that declares a length within the limit goes on untouched (the server reads no more than the
declared length as its body), only one without a declared length has its bytes counted.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bots.channel import MEGABYTE
from service.channels.registry import webhook_limits

LIMITS: dict[str, int] = webhook_limits()  # each channel's webhook declares the largest body its platform sends
DEFAULT_LIMIT = MEGABYTE


class BodyTooLarge(Exception):
    pass


def limit_for(path: str) -> int:
    exact = LIMITS.get(path)  # a webhook's own path: every request the platforms send
    if exact is not None:
        return exact
    return next((limit for prefix, limit in LIMITS.items() if path.startswith(prefix)), DEFAULT_LIMIT)


def _declared_length(scope: Scope) -> bytes | None:
    """The Content-Length header's value (the last, if there are several)."""
    declared = None
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            declared = value
    return declared


def declared_within_limit(scope: Scope) -> bool:
    """Whether the request declares a body length, and one within its route's limit."""
    declared = _declared_length(scope)
    return declared is not None and declared.isdigit() and int(declared) <= limit_for(scope["path"])


async def _refuse(send: Send) -> None:
    body = b'{"detail":"request body too large"}'
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Answers 413 to a request whose body is over its route's limit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        declared = _declared_length(scope)
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                await _refuse(send)
            else:
                await self.app(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send)
