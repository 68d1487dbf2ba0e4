"""The real FastAPI app with its lifespan, served in-process to an httpx client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from service.app import create_app
from service.desk import Clock
from service.runtime import Runtime
from service.settings import Settings


@asynccontextmanager
async def running_app(settings: Settings, clock: Clock) -> AsyncIterator[tuple[httpx.AsyncClient, Runtime]]:
    app: FastAPI = create_app(settings, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client, app.state.runtime
