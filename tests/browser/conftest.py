"""Browser tests: the real app served by uvicorn on 127.0.0.1, driven by Debian's Chromium through Playwright.

How to use (async tests, pytest-asyncio's auto mode)::

    from playwright.async_api import Page, expect
    from tests.browser.conftest import LiveServer, Shoot, desk_user, log_in, seed_ticket

    async def test_login(live_server: LiveServer, browser_page: Page, shoot: Shoot) -> None:
        number = await seed_ticket(live_server, answer="Перезапустите службу")  # a ticket with a transcript
        await desk_user(live_server, "anna", "верный пароль")
        await log_in(browser_page, "anna", "верный пароль", f"/desk/tickets/{number}")  # relative URLs
        await expect(browser_page.get_by_text("Перезапустите службу")).to_be_visible()
        await shoot(browser_page, "desk-login")         # tests/artifacts/desk-login-phone.png and -desktop.png

- The server, the browser driver and the test share the test's event loop: while the test awaits the page, the
  server answers. Between page actions the test can reach the store directly (``live_server.runtime``,
  ``live_server.deliver()``).
- The clock is frozen (``live_server.clock``, Wednesday 25.11.2026 11:00 MSK): move it to age tickets.
- The store is the ``settings`` fixture's: SQLite, and PostgreSQL too when TEST_POSTGRES_URL is set (each test
  runs on both). ``public_base_url`` is the server's own address, the admin token is ``ADMIN_TOKEN``.
- More settings (a fake messenger API, a bot token) come from overriding ``server_overrides`` in a module::

      @pytest.fixture
      async def viber_api() -> AsyncIterator[FakeApi]:
          api = FakeApi(lambda call: (200, {"status": 0}))
          await api.start()
          yield api
          await api.stop()

      @pytest.fixture
      def server_overrides(viber_api: FakeApi) -> dict[str, Any]:
          return {"viber_auth_token": SecretStr("…"), "viber_api_base": viber_api.base_url}

- Engineers' notices land in ``live_server.staff`` (a collecting sender), so no Telegram group is needed; the FAQ
  is ``tests.fakes.FakeFaq``.
- Chromium is /usr/bin/chromium (Debian's package; override with BROWSER_PATH); nothing is downloaded. Without it,
  or without Playwright, every test here is skipped with the reason.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from core.staff import Engineer
from core.texts import t
from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.web.desk_auth import hash_password
from storage.models import DeskUser
from storage.repos import desk_users
from tests.fakes import CollectingSender, FakeClock, FakeFaq
from tests.store.dialogue import DeskChat

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page

BROWSER_PATH = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ADMIN_TOKEN = "test-admin-token"  # the ``settings`` fixture's
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ENGINEER = Engineer("701", "Иван")


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if shutil.which(BROWSER_PATH) is None:
        return f"no Chromium at {BROWSER_PATH} (apt-get install chromium, or set BROWSER_PATH)"
    return None


MISSING = _missing()
if MISSING and "Playwright" in MISSING:  # test modules import Playwright at the top: do not even collect them
    collect_ignore_glob = ["test_*.py"]


def pytest_report_header() -> str | None:
    return f"browser tests skipped: {MISSING}" if MISSING else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if MISSING:
        here = Path(__file__).parent
        for item in items:
            if here in item.path.parents:
                item.add_marker(pytest.mark.skip(reason=MISSING))


class _QuietServer(uvicorn.Server):
    """Uvicorn without its signal handlers: Ctrl+C belongs to pytest, and the test stops the server."""

    def capture_signals(self):  # type: ignore[no-untyped-def, override]
        return nullcontext()


@dataclass
class LiveServer:
    url: str  # http://127.0.0.1:<port>, no trailing slash
    app: FastAPI
    clock: FakeClock
    staff: CollectingSender  # notices meant for the engineers' group

    @property
    def runtime(self) -> Runtime:
        return self.app.state.runtime

    async def deliver(self) -> None:
        """Run the outbox until nothing is due (the server's dispatcher does not run in the background)."""
        await self.runtime.drain()


@asynccontextmanager
async def serve(settings: Settings, clock: FakeClock, **overrides: Any) -> AsyncIterator[LiveServer]:
    """The app on a free port of 127.0.0.1, started (migrated store) and answering /healthz."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        settings = settings.model_copy(update={"public_base_url": url, "run_dispatcher": False, **overrides})
        app = create_app(settings, clock=clock)
        async with app.router.lifespan_context(app):  # our lifespan, so the runtime is ready before serving
            runtime: Runtime = app.state.runtime
            runtime.desk.faq = FakeFaq()
            runtime.desk.staff_enabled = True
            staff = CollectingSender()
            runtime.senders["staff"] = staff
            config = uvicorn.Config(  # uvicorn leaves the run's logging alone and logs no requests
                app, lifespan="off", log_config=None, log_level="warning", access_log=False, timeout_graceful_shutdown=1
            )
            server = _QuietServer(config)
            task = asyncio.create_task(server.serve(sockets=[sock]))
            try:
                await _answering(url, task)
                yield LiveServer(url, app, clock, staff)
            finally:
                server.should_exit = True
                await task


async def _answering(url: str, task: asyncio.Task[None]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=1) as client:
        for _ in range(100):
            if task.done():
                task.result()  # the server failed to start: raise its error
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)
    raise RuntimeError(f"the live server at {url} did not answer /healthz")


@pytest.fixture
def server_overrides() -> dict[str, Any]:
    """Settings to add to the live server's; override in a module (see the docstring on top)."""
    return {}


@pytest.fixture
async def live_server(
    settings: Settings, clock: FakeClock, server_overrides: dict[str, Any]
) -> AsyncIterator[LiveServer]:
    async with serve(settings, clock, **server_overrides) as server:
        yield server


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    from playwright.async_api import async_playwright

    args = ["--no-sandbox"] if os.geteuid() == 0 else []  # Chromium's sandbox refuses to run as root
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=BROWSER_PATH, headless=True, args=args)
        yield browser
        await browser.close()


@pytest.fixture
async def browser_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[Page]:
    """A page in a fresh context (no cookies) whose relative URLs go to the live server; Russian locale."""
    context = await browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="ru-RU")
    context.set_default_timeout(10_000)
    page = await context.new_page()
    yield page
    await context.close()


Shoot = Callable[["Page", str], Awaitable[list[Path]]]


@pytest.fixture
def shoot() -> Shoot:
    """``await shoot(page, "desk-ticket")``: full-page screenshots at phone and desktop widths into tests/artifacts/."""

    async def take(page: Page, name: str) -> list[Path]:
        ARTIFACTS.mkdir(exist_ok=True)
        shown = page.viewport_size
        paths = []
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            await page.set_viewport_size(size)
            path = ARTIFACTS / f"{name}-{label}.png"
            await page.screenshot(path=str(path), full_page=True)
            paths.append(path)
        if shown is not None:
            await page.set_viewport_size(shown)
        return paths

    return take


async def desk_user(server: LiveServer, login: str, password: str) -> DeskUser:
    """A desk user as ``support-bot desk user add`` creates one: the desk's argon2 hashing (10+ characters)."""
    password_hash = await asyncio.to_thread(hash_password, password)
    async with server.runtime.desk.transaction() as session:
        await desk_users.save_user(session=session, login=login, password_hash=password_hash)
        user = await desk_users.get_user(session=session, login=login)
    assert user is not None
    return user


async def log_in(page: Page, login: str, password: str, path: str = "/desk/tickets") -> None:
    """Open ``path`` as a stranger, get sent to the login page, type the login and password, come back to ``path``."""
    await page.goto(path)
    await page.get_by_label(t("desk.login.login")).fill(login)
    await page.get_by_label(t("desk.login.password")).fill(password)
    await page.get_by_role("button", name=t("desk.login.submit")).click()
    await page.wait_for_url(f"**{path}")


async def seed_ticket(
    server: LiveServer,
    client: str = "client-1",
    *,
    channel: str = "console",
    kind: str = "consultation",
    answer: str | None = None,
    **fields: str,
) -> str:
    """A ticket opened by a client talking to the desk (the whole chat intake), its number.

    ``fields`` override intake answers (see tests/engine/intake_answers.py); ``answer`` is an engineer's reply
    sent to the client through the same code as the group's, so the transcript goes both ways.
    """
    chat = DeskChat(server.runtime, channel=channel, sender=client)
    number = await chat.open_ticket(kind, **fields)
    if answer is not None:
        await server.runtime.staff.reply(number, ENGINEER, answer, (), platform_id=None)
        await server.deliver()
    return number
