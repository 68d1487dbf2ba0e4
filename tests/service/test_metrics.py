"""Issue 15, item 8: ``GET /metrics`` shows the desk's work in Prometheus format, and nobody's personal data.

A Viber desk against the fake Viber API; the engineers' group is a collecting sender that can be down.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service.settings import Settings
from service.staff_actions import Engineer
from storage.models import OutboxItem, Ticket
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import FakeClock
from tests.service.test_dead_letters import Messenger
from tests.viber.world import CLIENT, ViberWorld, sign, user, viber_world

Series = dict[tuple[str, frozenset[tuple[str, str]]], float]
CLIENTS = (CLIENT, "client-B-4711=", "client-C-0815=")
CONTACTS = ("+7 846 555-12-10", "+7 846 555-12-20")
LOOKUPS = "twinpro_faq_lookups_total"


async def scrape(viber: ViberWorld) -> tuple[str, Series]:
    response = await viber.http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    series = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }
    return response.text, series


def value(series: Series, name: str, **labels: str) -> float:
    return series.get((name, frozenset(labels.items())), 0.0)


async def open_ticket(viber: ViberWorld, client: str, contact: str) -> str:
    for text in ("Здравствуйте", "menu:ticket", "consent:yes", "kind:consultation"):
        await viber.client_says(text, client)

    async def answer(text: str) -> None:
        await viber.client_says(text, client)

    await viber.walk_intake(client, answer, contact=contact)
    await viber.client_says("sum:send", client)
    return (await viber.state(client))["ticket"]


async def test_webhooks_are_counted_by_channel_and_result(settings: Settings, clock: FakeClock) -> None:
    async with viber_world(settings, clock) as viber:
        _, before = await scrape(viber)
        message = viber.message({"type": "text", "text": "Здравствуйте"})

        assert (await viber.post(message, signature="0" * 64)).status_code == 401
        signed_garbage = {"X-Viber-Content-Signature": sign(b"{")}
        assert (await viber.http.post("/webhooks/viber", content=b"{", headers=signed_garbage)).status_code == 400
        assert (await viber.post(message)).status_code == 200
        assert (await viber.post(message)).status_code == 200  # Viber's redelivery
        assert (await viber.post({"event": "delivered", "timestamp": 1764000000001, "message_token": 1,
                                  "user_id": CLIENT})).status_code == 200  # fmt: skip
        assert (await viber.http.post("/webhooks/no-such-channel", content=b"{}")).status_code == 404

        _, after = await scrape(viber)
        counted = {
            labels: after[name, labels] - before.get((name, labels), 0.0)
            for name, labels in after
            if name == "twinpro_webhooks_received_total"
        }
        assert {dict(labels)["result"]: n for labels, n in counted.items() if n} == {
            "refused_signature": 1, "malformed": 1, "accepted": 1, "duplicate": 1, "settled": 1,
        }  # fmt: skip
        assert {dict(labels)["channel"] for labels, n in counted.items() if n} == {"viber"}


async def test_the_desk_s_series_come_from_the_store_without_personal_data(
    settings: Settings, clock: FakeClock
) -> None:
    async with viber_world(settings.model_copy(update={"retry_horizon_hours": 1}), clock) as viber:
        viber.runtime.senders["staff"] = Messenger()  # the group is down: its notices wait, then are dead letters
        first = await open_ticket(viber, CLIENTS[0], CONTACTS[0])
        second = await open_ticket(viber, CLIENTS[1], CONTACTS[1])
        clock.advance(minutes=40)
        await viber.runtime.staff.reply(first, Engineer("tg-501", "Алексей"), "Смотрим журнал", [], "tg:1")
        await viber.deliver()
        clock.now = (await viber.ticket(second)).reaction_due_at + timedelta(minutes=1)  # unanswered
        while any(i.channel == "staff" and i.status == "pending" for i in await viber.rows(OutboxItem)):
            await viber.runtime.dispatcher.run_once()
            clock.advance(minutes=10)
        _, before_faq = await scrape(viber)
        for text in ("Сколько стоит поддержка?", "faq:helped", "Как подключить гравицапу к пепелацу?"):
            await viber.client_says(text, CLIENTS[2])
        await viber.post(viber.message({"type": "text", "text": "Сколько стоит поддержка?"}, CLIENTS[2]))
        await viber.runtime.inbox.process_once()  # its answer is written, not delivered yet
        clock.advance(seconds=90)

        text, series = await scrape(viber)
        tickets = {(t.channel, t.kind, t.priority) for t in await viber.rows(Ticket)}
        to_group = [item.status for item in await viber.rows(OutboxItem) if item.channel == "staff"]

    assert tickets == {("viber", "consultation", "normal")}
    assert value(series, "twinpro_tickets_opened_total", channel="viber", kind="consultation", priority="normal") == 2
    reaction = {le: value(series, "twinpro_reaction_time_seconds_bucket", priority="normal", le=le)
                for le in ("1800.0", "3600.0", "+Inf")}  # fmt: skip
    assert reaction == {"1800.0": 0, "3600.0": 1, "+Inf": 1}
    assert value(series, "twinpro_reaction_time_seconds_sum", priority="normal") == pytest.approx(40 * 60, abs=0.01)
    assert value(series, "twinpro_reaction_deadlines_missed_total", priority="normal") == 1
    assert len(to_group) >= 2 and set(to_group) == {"dead"}  # both cards, at least
    assert value(series, "twinpro_outbox_dead_letters", channel="staff") == len(to_group)
    assert value(series, "twinpro_outbox_waiting", channel="viber") == 1
    assert value(series, "twinpro_outbox_oldest_waiting_seconds", channel="viber") == 90
    assert value(series, "twinpro_faq_feedback_total", result="helpful") == 1
    assert value(series, "twinpro_faq_unanswered_total") == 1
    looked_up = {
        r: value(series, LOOKUPS, result=r) - value(before_faq, LOOKUPS, result=r) for r in ("answered", "declined")
    }
    assert looked_up == {"answered": 2, "declined": 1}  # the same question twice, and the unknown one
    assert value(series, "twinpro_store_up") == 1
    personal = [*CONTACTS, VALID_ANSWERS["contact_name"], VALID_ANSWERS["organization"], user()["name"], *CLIENTS,
                "Алексей", "Смотрим журнал", "гравицап"]  # fmt: skip
    assert [word for word in [*personal, first, second] if word in text] == []  # nor a ticket's number
    assert [digit_run for digit_run in ("8465551210", "846 555", "555-12") if digit_run in text] == []
