"""Logging in to the web desk: one answer for any wrong pair, guessing slowed down, cookies and forms that hold."""

from __future__ import annotations

import asyncio
import hashlib

import httpx
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from core.texts import t
from service import cli as cli_module
from service.cli import app as cli
from service.runtime import Runtime
from service.settings import Settings
from storage.models import DeskSession
from tests.fakes import FakeClock
from tests.service.app_client import running_app
from tests.web.desk_client import LOGIN, PASSWORD, add_user, form_value, log_in, seed_ticket


async def test_right_password_lets_in_and_any_wrong_pair_gets_the_same_answer(
    desk_app: tuple[httpx.AsyncClient, Runtime],
) -> None:
    http, _ = desk_app
    wrong_password = await log_in(http, password="не-тот-пароль-1")
    unknown_login = await log_in(http, login="nobody")
    assert wrong_password.status_code == unknown_login.status_code == 401
    assert t("desk.login.failed") in wrong_password.text and t("desk.login.failed") in unknown_login.text
    assert (await http.get("/desk/tickets")).status_code == 303  # still nobody

    right = await log_in(http)
    assert right.status_code == 303 and right.headers["location"] == "/desk/tickets"
    page = await http.get("/desk/tickets")
    assert page.status_code == 200 and LOGIN in page.text


async def test_a_page_needs_login_and_comes_back_after_it(desk_app: tuple[httpx.AsyncClient, Runtime]) -> None:
    http, _ = desk_app
    asked = await http.get("/desk/tickets?status=open&q=север")
    assert asked.status_code == 303
    assert asked.headers["location"].startswith("/desk/login?next=%2Fdesk%2Ftickets%3Fstatus%3Dopen")
    login_page = (await http.get(asked.headers["location"])).text
    answer = await http.post("/desk/login", data={
        "login": LOGIN, "password": PASSWORD, "csrf": form_value(login_page, "csrf"),
        "next": form_value(login_page, "next")})  # fmt: skip
    back = httpx.URL(answer.headers["location"])
    assert back.path == "/desk/tickets" and dict(back.params) == {"status": "open", "q": "север"}


async def test_next_leading_off_the_desk_is_ignored(desk_app: tuple[httpx.AsyncClient, Runtime]) -> None:
    http, _ = desk_app
    for target in ("https://evil.example/desk/", "//evil.example/desk/", "/\\evil.example", "/api/tickets"):
        answer = await log_in(http, next_path=target)
        assert answer.headers["location"] == "/desk/tickets", target


async def test_guessing_is_stopped_after_five_failures_per_login_and_per_address(
    desk_app: tuple[httpx.AsyncClient, Runtime], clock: FakeClock
) -> None:
    http, _ = desk_app
    for _ in range(5):
        assert (await log_in(http, password="угадываю-пароль")).status_code == 401
    blocked = await log_in(http)  # even the right password waits
    assert blocked.status_code == 429 and t("desk.login.too_many") in blocked.text
    assert (await http.get("/desk/tickets")).status_code == 303

    clock.advance(minutes=16)
    assert (await log_in(http)).status_code == 303

    for number in range(5):  # five different logins from one address
        await log_in(http, login=f"guess{number}")
    assert (await log_in(http)).status_code == 429


async def test_session_cookie_is_httponly_lax_desk_only_and_secure_behind_https(
    settings: Settings, clock: FakeClock
) -> None:
    await add_user(settings)
    for base, secure in (("https://support.example.test", True), ("http://localhost:8000", False)):
        async with running_app(settings.model_copy(update={"public_base_url": base}), clock) as (http, runtime):
            http.base_url = httpx.URL(base)
            answer = await log_in(http)
            cookie = answer.headers["set-cookie"].lower()
            token = answer.cookies["desk_session"]
            async with runtime.desk.sessions() as session:
                stored = list(await session.exec(select(DeskSession.token_hash)))
        assert "httponly" in cookie and "samesite=lax" in cookie and "path=/desk" in cookie
        assert ("secure" in cookie.split(";")[-1] or "; secure" in cookie) is secure, cookie
        assert hashlib.sha256(token.encode()).hexdigest() in stored and token not in stored


async def test_forms_without_the_session_token_are_refused(staff: httpx.AsyncClient, runtime_of_desk: Runtime) -> None:
    number = await seed_ticket(runtime_of_desk, "c1")
    page = (await staff.get(f"/desk/tickets/{number}")).text
    nonce = page.split('name="nonce" value="')[1].split('"')[0]
    for token in (None, "forged"):
        data = {"nonce": nonce} | ({"csrf": token} if token else {})
        refused = await staff.post(f"/desk/tickets/{number}/close", data=data)
        assert refused.status_code == 403
    assert "закрыта" not in (await staff.get(f"/desk/tickets/{number}")).text.split("<section")[0]
    assert (await staff.post("/desk/logout", data={"csrf": "forged"})).status_code == 403
    assert (await staff.get("/desk/tickets")).status_code == 200


async def test_logout_ends_the_session(staff: httpx.AsyncClient) -> None:
    page = (await staff.get("/desk/tickets")).text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    token = staff.cookies["desk_session"]
    assert (await staff.post("/desk/logout", data={"csrf": csrf})).status_code == 303
    staff.cookies.set("desk_session", token, path="/desk")  # a copied cookie is worth nothing afterwards
    assert (await staff.get("/desk/tickets")).status_code == 303


def test_desk_user_add_creates_and_resets_a_user(
    settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "configure_logging", lambda *args, **kwargs: None)  # keep the run's log
    runner = CliRunner()
    env = {"DATABASE_URL": settings.database_url}
    created = runner.invoke(
        cli, ["desk", "user", "add", "boris", "--password-stdin"], input="первый-пароль-1\n", env=env
    )
    assert created.exit_code == 0, created.output
    assert created.output.strip() == t("cli.desk_user.created", login="boris")
    short = runner.invoke(cli, ["desk", "user", "add", "boris", "--password-stdin"], input="abc12\n", env=env)
    assert short.exit_code == 1 and "abc12" not in short.output
    reset = runner.invoke(cli, ["desk", "user", "add", "boris", "--password-stdin"], input="второй-пароль-2\n", env=env)
    assert reset.exit_code == 0 and "второй" not in reset.output
    assert reset.output.strip() == t("cli.desk_user.reset", login="boris")
    assert asyncio.run(logins(settings, clock, ["первый-пароль-1", "второй-пароль-2"])) == [401, 303]


@pytest.mark.parametrize("login", ["", "  ", "ev\x01il", "анна петрова"])
def test_a_login_nobody_could_type_is_refused(login: str, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty login was «создан» with exit code 0, and could never log in."""
    monkeypatch.setattr(cli_module, "configure_logging", lambda *args, **kwargs: None)
    env = {"DATABASE_URL": settings.database_url}
    added = CliRunner().invoke(
        cli, ["desk", "user", "add", login, "--password-stdin"], input="пароль-длинный-1\n", env=env
    )
    assert added.exit_code == 1 and t("cli.desk_user.bad_login", most=200) in added.output


def test_serve_refuses_a_port_no_one_can_listen_on() -> None:
    """«--port 99999» logged «running on :99999» and listened on another port."""
    refused = CliRunner().invoke(cli, ["serve", "--port", "99999"])
    assert refused.exit_code == 2 and "65535" in refused.output


async def logins(settings: Settings, clock: FakeClock, passwords: list[str]) -> list[int]:
    """How the desk answers «boris» with each password."""
    async with running_app(settings, clock) as (http, _):
        return [(await log_in(http, "boris", password)).status_code for password in passwords]


async def test_no_desk_page_is_kept_by_the_browser(desk_app: tuple[httpx.AsyncClient, Runtime]) -> None:
    """After «Выход», Back showed a ticket with the client's contacts again, from the browser's cache."""
    http, runtime = desk_app
    number = await seed_ticket(runtime, "client-cache")
    assert (await http.get("/desk/login")).headers["cache-control"] == "no-store"
    await log_in(http)
    for path in ("/desk/tickets", f"/desk/tickets/{number}"):
        page = await http.get(path)
        assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "cache-control" not in (await http.get("/healthz")).headers  # nothing personal there
