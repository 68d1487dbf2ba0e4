"""A local HTTP server that stands in for a messenger's API: records every call, answers as scripted.

Tests point the real adapters at it through the ``*_API_BASE`` settings. Failures are queued per
path (``fail("/sendMessage", 429, {...})``) and consumed in order; otherwise ``respond`` answers.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    data: dict[str, Any] = field(default_factory=dict)  # JSON or form fields, nested JSON strings decoded


Responder = Callable[[Call], tuple[int, Any]]


def _decode(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeApi:
    def __init__(self, respond: Responder) -> None:
        self.respond = respond
        self.calls: list[Call] = []
        self.failures: dict[str, deque[tuple[int, Any, float]]] = defaultdict(deque)
        self.redirects: dict[str, str] = {}
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def fail(self, path_suffix: str, status: int, body: Any = None, *, delay: float = 0.0, times: int = 1) -> None:
        for _ in range(times):
            self.failures[path_suffix].append((status, body, delay))

    def redirect(self, path_suffix: str, location: str) -> None:
        """Answer requests to ``path_suffix`` with a 307 to ``location`` (as Twilio hands media on to its CDN)."""
        self.redirects[path_suffix] = location

    def calls_to(self, path_suffix: str) -> list[Call]:
        return [c for c in self.calls if c.path.endswith(path_suffix)]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        call = Call(request.method, request.path, dict(request.headers), body)
        if request.content_type == "application/json" and body:
            call.data = json.loads(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            call.data = {k: (_decode(v) if isinstance(v, str) else v) for k, v in form.items()}
        self.calls.append(call)
        for suffix, location in self.redirects.items():
            if request.path.endswith(suffix):
                raise web.HTTPTemporaryRedirect(location)
        for suffix, queue in self.failures.items():
            if request.path.endswith(suffix) and queue:
                status, payload, delay = queue.popleft()
                if delay:
                    await asyncio.sleep(delay)
                return web.json_response(payload, status=status)
        status, payload = self.respond(call)
        if isinstance(payload, bytes):
            return web.Response(body=payload, status=status)
        return web.json_response(payload, status=status)

    async def start(self) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
