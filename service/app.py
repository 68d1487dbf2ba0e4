"""The FastAPI application: the only place where the web service is assembled."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service import api, metrics
from service.channels import install_routes, start_channels
from service.channels.webhook import WEBHOOKS
from service.desk import Clock, utc_now
from service.front import ServiceApp
from service.limits import BodyLimit
from service.runtime import Runtime
from service.settings import Settings
from service.web import install_web


class AcknowledgedWebhooks(logging.Filter):
    """Drops uvicorn's access line of a webhook answered 200: one per message a platform delivers, saying
    nothing that ``twinpro_webhooks_received`` does not count, and its formatting (masking included) cost
    a tenth of acknowledging. Refused webhooks (401, 400, 413, 404) and every other request keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args  # uvicorn's: client, method, path with query, HTTP version, status
        return not (isinstance(args, tuple) and len(args) == 5 and args[4] == 200 and str(args[2]).startswith(WEBHOOKS))


ACKNOWLEDGED_WEBHOOKS = AcknowledgedWebhooks()


def create_app(settings: Settings, *, clock: Clock = utc_now, started: Callable[[], None] | None = None) -> FastAPI:
    """The service's app; ``started`` runs once it is up (its runtime built, channels and loops started)."""
    logging.getLogger("uvicorn.access").addFilter(ACKNOWLEDGED_WEBHOOKS)  # added once, however many apps

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await Runtime.start(settings, clock=clock)
        app.state.runtime = runtime
        app.state.desk = runtime.desk
        app.state.faq = runtime.faq
        await start_channels(runtime)
        if settings.run_dispatcher:
            runtime.run_background()
        if started is not None:
            started()
        try:
            yield
        finally:
            await runtime.close()

    app = ServiceApp(title="TwinPro support bot", lifespan=lifespan)
    app.add_middleware(BodyLimit)
    app.state.settings = settings
    app.include_router(api.router)
    app.include_router(metrics.router)
    install_routes(app)
    install_web(app)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": "malformed request"}, status_code=400)

    return app
