"""The FastAPI application: the only place where the web service is assembled."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service import api, metrics
from service.channels import install_routes, start_channels
from service.desk import Clock, utc_now
from service.limits import BodyLimit
from service.runtime import Runtime
from service.settings import Settings
from service.web import install_web


def create_app(settings: Settings, *, clock: Clock = utc_now) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await Runtime.start(settings, clock=clock)
        app.state.runtime = runtime
        app.state.desk = runtime.desk
        app.state.faq = runtime.faq
        await start_channels(runtime)
        if settings.run_dispatcher:
            runtime.run_background()
        try:
            yield
        finally:
            await runtime.close()

    app = FastAPI(title="TwinPro support bot", lifespan=lifespan)
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
