"""``GET /media/...``: files of the store, for Viber and Twilio to fetch by signed links that expire."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

from bots.delivery import http_client
from bots.files import FileStore
from bots.media import MEDIA_PATH, MediaLinks, derive_key, media_type
from service.runtime import Runtime
from service.settings import Settings


@dataclass(frozen=True)
class UrlMedia:
    """What a channel that exchanges files by URL needs."""

    http: httpx.AsyncClient
    store: FileStore
    links: MediaLinks


def media_links(settings: Settings) -> MediaLinks | None:
    """Links keyed by the Twilio or Viber secret (whichever is set): the same in every process."""
    secret = settings.twilio_auth_token or settings.viber_auth_token
    if secret is None:
        return None
    return MediaLinks(derive_key(secret.get_secret_value()), settings.public_base_url, FileStore(settings.files_dir))


def url_media(runtime: Runtime) -> UrlMedia | None:
    """An HTTP client closed with the runtime, the file store and the signed links; None without a secret."""
    links = media_links(runtime.settings)
    if links is None:
        return None
    http = http_client()
    runtime.resources.push_async_callback(http.aclose)
    return UrlMedia(http, links.store, links)


INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif"})
SAFE_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"}


def router() -> APIRouter:
    routes = APIRouter()
    route = MEDIA_PATH + "/{expires}/{signature}/{key}"

    # one route per method: a route with both would give both operations one OpenAPI id (FastAPI warns)
    @routes.get(route)
    @routes.head(route)
    async def media(expires: int, signature: str, key: str, request: Request) -> FileResponse:
        links = media_links(request.app.state.settings)
        now = request.app.state.runtime.desk.clock()
        path = links.resolve(expires, signature, key, now) if links is not None else None
        if path is None:
            raise HTTPException(404, "no such file, or the link has expired")
        kind = media_type(path)
        # a client's page.html must never run as a page of this origin: only images show inline
        disposition = "inline" if kind in INLINE_TYPES else "attachment"
        return FileResponse(
            path, media_type=kind, filename=path.name, content_disposition_type=disposition, headers=SAFE_HEADERS
        )

    return routes
