"""The browser fixture itself: Debian's Chromium reaches the live app, its health check and its static files;
the helpers leave a ticket with a transcript both ways and a desk user who logs in through the login page."""

from __future__ import annotations

import json

from argon2 import PasswordHasher
from playwright.async_api import Page, expect

from tests.browser.conftest import ADMIN_TOKEN, LiveServer, Shoot, desk_user, log_in, seed_ticket


async def test_chromium_opens_the_live_apps_health_and_stylesheet(
    live_server: LiveServer, browser_page: Page, shoot: Shoot
) -> None:
    health = await browser_page.goto("/healthz")
    assert health is not None and health.ok
    assert json.loads(await browser_page.inner_text("body"))["status"] == "ok"

    css = await browser_page.goto("/web-static/site.css")
    assert css is not None and css.ok and "text/css" in css.headers["content-type"]
    assert "--" in await css.text()  # the shared CSS variables

    missing = await browser_page.goto("/web-static/no-such.css")
    assert missing is not None and missing.status == 404

    shots = await shoot(browser_page, "fixture-smoke")
    assert [p.name for p in shots] == ["fixture-smoke-phone.png", "fixture-smoke-desktop.png"]
    assert all(p.stat().st_size > 0 for p in shots)


async def test_seeded_ticket_has_a_transcript_both_ways_and_the_desk_user_a_verifiable_hash(
    live_server: LiveServer, browser_page: Page
) -> None:
    number = await seed_ticket(live_server, "client-7", answer="Перезапустите службу журнала")
    user = await desk_user(live_server, "anna", "верный пароль")

    response = await browser_page.request.get(
        f"/api/tickets/{number}", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    )
    assert response.ok
    ticket = await response.json()
    directions = {(m["direction"], m["channel"]) for m in ticket["messages"]}
    assert {("in", "console"), ("out", "console"), ("staff", "console")} <= directions
    assert "Перезапустите службу журнала" in [m["text"] for m in ticket["messages"]]
    assert PasswordHasher().verify(user.password_hash, "верный пароль")

    await log_in(browser_page, "anna", "верный пароль", f"/desk/tickets/{number}")
    await expect(browser_page.get_by_text("Перезапустите службу журнала")).to_be_visible()
