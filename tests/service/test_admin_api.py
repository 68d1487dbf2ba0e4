"""GET /api/tickets and /api/tickets/{number} per CONTRACT: every collected field and the transcript."""

from __future__ import annotations

from service.settings import Settings
from tests.fakes import FakeClock
from tests.service.app_client import running_app
from tests.store.dialogue import DeskChat

AUTH = {"Authorization": "Bearer test-admin-token"}


async def test_ticket_has_every_collected_field_and_the_transcript(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings, clock) as (client, runtime):
        number = await DeskChat(runtime).open_ticket("problem")
        response = await client.get(f"/api/tickets/{number}", headers=AUTH)
    assert response.status_code == 200
    ticket = response.json()
    assert ticket["number"] == number and ticket["status"] == "open"
    assert ticket["kind"] == "problem" and ticket["priority"] == "critical" and ticket["channel"] == "console"
    assert ticket["reaction_due_at"].startswith("2026-11-26T08:00")
    assert ticket["fields"]["os"] == "Windows Server 2019 64-бит"
    assert ticket["fields"]["contact"] == "+78465551234"
    assert ticket["fields"]["steps"].startswith("1) открыть")
    assert ticket["client"]["name"] == "Смирнова Анна"
    transcript = ticket["messages"]
    assert transcript[0]["direction"] == "in" and transcript[0]["text"] == "Здравствуйте"
    assert any(number in (m["text"] or "") for m in transcript if m["direction"] == "out")


async def test_list_is_newest_first_and_filters(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings, clock) as (client, runtime):
        first = await DeskChat(runtime, sender="a").open_ticket("consultation")
        clock.advance(minutes=5)
        second = await DeskChat(runtime, sender="b").open_ticket("wish")
        listed = (await client.get("/api/tickets", headers=AUTH)).json()
        filtered = (await client.get("/api/tickets?status=closed", headers=AUTH)).json()
        by_channel = (await client.get("/api/tickets?channel=viber", headers=AUTH)).json()
    assert [t["number"] for t in listed] == [second, first]
    assert filtered == [] and by_channel == []


async def test_admin_api_requires_the_token(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings, clock) as (client, _):
        assert (await client.get("/api/tickets")).status_code == 401
        assert (await client.get("/api/tickets", headers={"Authorization": "Bearer wrong"})).status_code == 401
        assert (await client.get("/api/tickets/TP-99999", headers=AUTH)).status_code == 404


async def test_admin_api_is_off_without_a_token(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings.model_copy(update={"admin_api_token": None}), clock) as (client, _):
        assert (await client.get("/api/tickets", headers=AUTH)).status_code == 503


async def test_health_and_faq_search(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings, clock) as (client, _):
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        found = (await client.get("/api/faq/search", params={"q": "сколько стоит техподдержка", "limit": 2})).json()
    assert found["answered"] is True
    assert set(found) == {"query", "answered", "results"}
    assert "бесплатн" in found["results"][0]["answer"].lower()
