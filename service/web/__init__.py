"""The web side: the desk for the support staff (/desk/…) and the intake form for clients (/form/…).

Server-rendered Jinja2 pages with autoescaping on (client text is never trusted), no build step.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

WEB_DIR = Path(__file__).parent
templates = Jinja2Templates(directory=WEB_DIR / "templates")  # autoescape on for .html


def install_web(app: FastAPI) -> None:
    """Mount the static files and include the desk's and the form's routers; their pages are not cached."""
    from service.web.no_store import NoStore

    app.add_middleware(NoStore)
    app.mount("/web-static", StaticFiles(directory=WEB_DIR / "static"), name="web-static")
    from service.web import desk_actions, desk_auth, desk_reports, desk_tickets  # import here: they use ``templates``

    app.include_router(desk_auth.router)
    app.include_router(desk_tickets.router)
    app.include_router(desk_actions.router)
    app.include_router(desk_reports.router)
    from service.web import form_pages

    app.include_router(form_pages.router)
