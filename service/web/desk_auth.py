"""Who is logged in to the web desk: argon2 passwords, session cookies, CSRF tokens, slowed-down guessing.

The cookie holds a random token; the store keeps only its SHA-256, with the session's CSRF token that
every form posts back. Failed logins are counted per login and per address, and both answers for a wrong
login and a wrong password are the same.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated
from urllib.parse import quote

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from core.texts import t
from service.desk import Desk
from service.web import templates
from storage.models import DeskUser
from storage.repos import desk_users

COOKIE = "desk_session"
LOGIN_COOKIE = "desk_login_csrf"  # the login form's own CSRF token, before there is a session
COOKIE_PATH = "/desk"
SESSION_LIFETIME = timedelta(hours=12)
FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
MIN_PASSWORD = 10
HOME = "/desk/tickets"
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text holds no NUL: such a value is a malformed request, not a store error

hasher = PasswordHasher()
# verified against when the login is unknown, so that a wrong login takes as long as a wrong password
_NOBODY_HASH = hasher.hash(secrets.token_urlsafe(16))

router = APIRouter()


@dataclass(frozen=True)
class DeskLogin:
    """The person behind a request and the CSRF token their forms carry."""

    user: DeskUser
    csrf: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


LOGIN_AT_MOST = 200  # the login form's limit


def check_login(login: str) -> str:
    """The login as it will be typed on /desk/login: 1 to 200 characters, none of them a space or a control
    character (an empty one was created, and could never log in)."""
    if not 0 < len(login) <= LOGIN_AT_MOST or any(char.isspace() or not char.isprintable() for char in login):
        raise ValueError(t("cli.desk_user.bad_login", most=LOGIN_AT_MOST))
    return login


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(t("cli.desk_user.too_short", min=MIN_PASSWORD))
    return hasher.hash(password)


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def local_path(target: str | None) -> str:
    """``target`` when it is a path of this site's desk, HOME otherwise: ``next`` never leads elsewhere."""
    if target and target.startswith("/desk/") and not target.startswith("//") and "\\" not in target:
        return target
    return HOME


def _desk(request: Request) -> Desk:
    return request.app.state.desk


def _secure(request: Request) -> bool:
    return request.app.state.settings.public_base_url.startswith("https://")


async def current_login(request: Request) -> DeskLogin:
    """The logged-in desk user; anyone else is sent to the login page, to come back here afterwards."""
    token = request.cookies.get(COOKIE)
    desk = _desk(request)
    found = None
    if token:
        async with desk.sessions() as session:
            found = await desk_users.find_session(session=session, token_hash=hash_token(token), now=desk.clock())
    if found is None:
        back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise HTTPException(303, headers={"Location": f"/desk/login?next={quote(back, safe='')}"})
    desk_session, user = found
    return DeskLogin(user, desk_session.csrf_token)


LoggedIn = Annotated[DeskLogin, Depends(current_login)]


def same_token(sent: str, expected: str) -> None:
    """A form's CSRF token must be the expected one (compared in constant time): 403 otherwise."""
    if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(403, t("desk.forbidden"))


def _login_page(request: Request, *, next_path: str, error: str | None = None, status: int = 200) -> HTMLResponse:
    csrf = secrets.token_urlsafe(24)
    page = templates.TemplateResponse(
        request, "desk/login.html", {"t": t, "next": next_path, "csrf": csrf, "error": error}, status_code=status
    )
    page.set_cookie(LOGIN_COOKIE, csrf, path=COOKIE_PATH, httponly=True, samesite="lax", secure=_secure(request))
    return page


@router.get("/desk/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return _login_page(request, next_path=local_path(next))


@router.post("/desk/login", response_model=None)
async def login(
    request: Request,
    login: Annotated[str, Form(max_length=LOGIN_AT_MOST, pattern=NO_NUL)],
    password: Annotated[str, Form(max_length=1000)],
    csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=2000)] = HOME,
) -> Response:
    same_token(csrf, request.cookies.get(LOGIN_COOKIE, ""))
    desk, next_path = _desk(request), local_path(next)
    now = desk.clock()
    keys = [f"login:{login.casefold()}", f"ip:{request.client.host if request.client else '-'}"]
    async with desk.sessions() as session:
        tried = await desk_users.recent_failures(session=session, keys=keys, since=now - FAILURE_WINDOW)
        user = await desk_users.get_user(session=session, login=login)
    if tried >= MAX_FAILURES:
        return _login_page(request, next_path=next_path, error=t("desk.login.too_many"), status=429)
    # argon2 is meant to be slow: verifying on the event loop would stall every other request
    matches = await asyncio.to_thread(_password_matches, user.password_hash if user else _NOBODY_HASH, password)
    if user is None or not matches:
        async with desk.transaction() as session:
            await desk_users.add_failures(session=session, keys=keys, now=now, forget_before=now - FAILURE_WINDOW)
        return _login_page(request, next_path=next_path, error=t("desk.login.failed"), status=401)
    return await _start_session(request, user, now, next_path)


async def _start_session(request: Request, user: DeskUser, now: datetime, next_path: str) -> Response:
    token = secrets.token_urlsafe(32)
    assert user.id is not None
    async with _desk(request).transaction() as session:
        await desk_users.start_session(
            session=session,
            user_id=user.id,
            token_hash=hash_token(token),
            csrf_token=secrets.token_urlsafe(24),
            now=now,
            expires_at=now + SESSION_LIFETIME,
        )
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path=COOKIE_PATH,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    response.delete_cookie(LOGIN_COOKIE, path=COOKIE_PATH)
    return response


@router.post("/desk/logout")
async def logout(request: Request, me: LoggedIn, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    same_token(csrf, me.csrf)
    async with _desk(request).transaction() as session:
        await desk_users.end_session(session=session, token_hash=hash_token(request.cookies.get(COOKIE, "")))
    response = RedirectResponse("/desk/login", status_code=303)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
    return response
