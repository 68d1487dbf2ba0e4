"""The desk in Chromium: log in, filter the register, open a ticket, read its transcript, answer the client."""

from __future__ import annotations

from playwright.async_api import Page, expect

from core.texts import t
from tests.browser.conftest import LiveServer, Shoot, desk_user, seed_ticket
from tests.fakes import CollectingSender


async def test_an_engineer_finds_a_ticket_and_answers_the_client_from_the_browser(
    live_server: LiveServer, browser_page: Page, shoot: Shoot
) -> None:
    number = await seed_ticket(live_server, "client-1", organization="ООО «Ромашка»", answer="Перезапустите службу")
    await seed_ticket(live_server, "client-2", kind="wish")
    await desk_user(live_server, "anna", "верный пароль 2026")
    client: CollectingSender = live_server.runtime.senders["console"]  # type: ignore[assignment]
    page = browser_page

    await page.goto("/desk/tickets")
    await expect(page).to_have_url(f"{live_server.url}/desk/login?next=%2Fdesk%2Ftickets")
    await page.get_by_label(t("desk.login.login")).fill("anna")
    await page.get_by_label(t("desk.login.password")).fill("верный пароль 2026")
    await shoot(page, "desk-login")
    await page.get_by_role("button", name=t("desk.login.submit")).click()
    await expect(page.get_by_text(t("desk.list.found", count=2))).to_be_visible()

    await page.get_by_label(t("desk.filter.text")).fill("ромашка")
    await page.get_by_label(t("desk.filter.kind")).select_option("consultation")
    await page.get_by_role("button", name=t("desk.filter.apply")).click()
    await expect(page.get_by_text(t("desk.list.found", count=1))).to_be_visible()
    await shoot(page, "desk-tickets")

    await page.get_by_role("link", name=number).click()
    await expect(page.get_by_role("heading", name=t("desk.ticket.title", number=number))).to_be_visible()
    transcript = page.locator(".transcript")
    await expect(transcript).to_contain_text("Перезапустите службу")
    await expect(transcript.locator(".message.in").first).to_contain_text(t("desk.direction.in"))
    await expect(page.locator(".fields")).to_contain_text("ООО «Ромашка»")

    client.sent.clear()
    await page.locator("form[action$='/reply'] textarea").fill("Обновите, пожалуйста, до версии 3.2.")
    await page.get_by_role("button", name=t("desk.action.reply")).click()
    await expect(page.get_by_role("status")).to_have_text(t("desk.flash.reply"))
    await expect(transcript.locator(".message.staff").last).to_contain_text("Обновите, пожалуйста, до версии 3.2.")
    await live_server.deliver()
    assert [message.text for message in client.take()] == ["Обновите, пожалуйста, до версии 3.2."]
    await shoot(page, "desk-ticket")
