"""Pages with people's data are not kept by the browser: after «Выход» the Back button showed a ticket again,
contacts and all, from the browser's cache (the server itself already sent the old cookie to the login page)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PRIVATE_PREFIXES = ("/desk", "/form")  # the engineers' desk; the intake form, filled in with the client's answers
NO_STORE = (b"cache-control", b"no-store")


class NoStore:
    """Adds ``Cache-Control: no-store`` to every answer under ``PRIVATE_PREFIXES`` that sets no caching of its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PRIVATE_PREFIXES):
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == NO_STORE[0] for name, _ in headers):
                    message = {**message, "headers": [*headers, NO_STORE]}
            await send(message)

        await self.app(scope, receive, sending)
