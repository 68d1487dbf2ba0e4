"""The reports page in Chromium: a lead logs in, sees the charts drawn, picks a period, and nothing is wider than
a phone's screen."""

from __future__ import annotations

from datetime import timedelta

from playwright.async_api import Page, expect

from core.texts import t
from tests.browser.conftest import PHONE, LiveServer, Shoot, desk_user, log_in, seed_ticket
from tests.store.dialogue import DeskChat


async def test_a_lead_reads_the_reports_on_a_desktop_and_a_phone(
    live_server: LiveServer, browser_page: Page, shoot: Shoot
) -> None:
    clock = live_server.clock
    clock.advance(days=-2)  # Monday
    await seed_ticket(live_server, "c1", answer="Смотрим журнал")
    await seed_ticket(live_server, "v1", channel="viber")
    clock.advance(days=1, hours=1)
    rated = await seed_ticket(live_server, "c2", answer="Обновите драйвер")
    await live_server.runtime.staff.close(rated, platform_id=None)
    client = DeskChat(live_server.runtime, sender="c2")
    await client.press("rate:4")
    await client.press("nav:skip")
    asking = DeskChat(live_server.runtime, sender="f1")
    await asking.say("Сколько стоит поддержка?")
    await asking.press("faq:helped")
    clock.now += timedelta(days=1)
    await desk_user(live_server, "lead", "долгий-пароль-2026")

    await log_in(browser_page, "lead", "долгий-пароль-2026", "/desk/reports")

    await expect(browser_page.get_by_role("heading", name=t("desk.reports.title"))).to_be_visible()
    scope = t("desk.reports.scope", first="27.10.2026", last="25.11.2026", total=3)
    await expect(browser_page.locator("#scope")).to_have_text(scope)
    charts = browser_page.get_by_role("img")
    await expect(charts).to_have_count(4)
    await expect(browser_page.get_by_role("img", name=t("desk.reports.per_day"))).to_be_visible()
    await expect(browser_page.locator("#chart-per-day rect:has(title)")).to_have_count(
        3
    )  # Monday: two channels; Tuesday
    await shoot(browser_page, "desk-reports")

    await browser_page.set_viewport_size(PHONE)
    overflow = await browser_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    box = await browser_page.locator("#chart-per-day").bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]

    await browser_page.get_by_label(t("desk.reports.from"), exact=True).fill("2026-11-24")
    await browser_page.get_by_label(t("desk.reports.to"), exact=True).fill("2026-11-24")
    await browser_page.get_by_role("button", name=t("desk.filter.apply")).click()
    await browser_page.wait_for_url("**/desk/reports?from=2026-11-24&to=2026-11-24")
    tuesday = t("desk.reports.scope", first="24.11.2026", last="24.11.2026", total=1)
    await expect(browser_page.locator("#scope")).to_have_text(tuesday)
