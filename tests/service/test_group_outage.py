"""The engineers' group unreachable for six minutes while Viber clients open tickets: nothing is lost or doubled.

The group's Bot API answers 502 (what ``bots.telegram_send`` makes of it: retry later) until it recovers.
Meanwhile ``/healthz`` says degraded; afterwards every card and every client message reaches the group
exactly once, the cards first, each ticket's notices in order, and the engineers' replies reach the clients.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bots.base import DeliveryResult
from service.settings import Settings
from service.staff_actions import Engineer
from storage.models import OutboxItem
from tests.fakes import CollectingSender, FakeClock
from tests.viber.world import ViberWorld, viber_world

CLIENTS = ("01234567890A=", "01234567890B=", "01234567890C=")
OUTAGE = timedelta(minutes=6)


class GroupOutage:
    """The engineers' group behind a Bot API that answers 502 Bad Gateway until ``until``."""

    def __init__(self, group: CollectingSender, clock: FakeClock, until: datetime) -> None:
        self.group = group
        self.clock = clock
        self.until = until
        self.refused = 0

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        if self.clock() < self.until:
            self.refused += 1
            return DeliveryResult.later("TelegramServerError")
        return await self.group.deliver(payload)


async def health(viber: ViberWorld) -> dict[str, Any]:
    response = await viber.http.get("/healthz")
    assert response.status_code == 200
    return response.json()


async def open_ticket(viber: ViberWorld, client: str) -> str:
    """Viber's whole intake, each client with a contact of their own; the ticket number."""
    for text in ("Здравствуйте", "menu:ticket", "consent:yes", "kind:consultation"):
        await viber.client_says(text, client)

    async def answer(text: str) -> None:
        await viber.client_says(text, client)

    await viber.walk_intake(client, answer, contact=f"+7 846 555-12-{CLIENTS.index(client)}0")
    await viber.client_says("sum:send", client)
    number = (await viber.state(client))["ticket"]
    assert number
    return number


async def queued_texts(viber: ViberWorld, client: str) -> list[str]:
    """What the desk wrote to ``client``, in the order written."""
    items = sorted((i for i in await viber.rows(OutboxItem) if i.queue == f"viber:{client}"), key=lambda i: i.id)
    assert all(item.status == "sent" for item in items)
    return [item.payload["text"] for item in items]


def notices(viber: ViberWorld) -> list[tuple[str, str, str | None]]:
    return [(p["type"], p["ticket"], p.get("text")) for p in viber.staff.sent]


async def test_a_six_minute_group_outage_loses_and_doubles_nothing(settings: Settings, clock: FakeClock) -> None:
    async with viber_world(settings, clock) as viber:
        numbers = [await open_ticket(viber, CLIENTS[0])]  # before the outage: its card is in the group
        assert notices(viber) == [("ticket_opened", numbers[0], None)]
        start = clock.now
        outage = GroupOutage(viber.staff, clock, until=start + OUTAGE)
        viber.runtime.senders["staff"] = outage

        await viber.client_says("Есть новости по заявке?", CLIENTS[0])
        for client in CLIENTS[1:]:
            clock.advance(minutes=1)
            await viber.deliver()
            numbers.append(await open_ticket(viber, client))
            await viber.client_says("Ошибка повторяется после перезагрузки", client)
        await viber.client_says("И ещё: журнал пуст", CLIENTS[0])
        assert await health(viber) == {"status": "ok"}  # nothing has waited five minutes yet

        while clock.now < start + OUTAGE - timedelta(seconds=30):
            clock.advance(seconds=30)
            await viber.deliver()
        during = await health(viber)
        assert outage.refused > 0 and len(viber.staff.sent) == 1
        assert during["status"] == "degraded" and during["dead_letters"] == 0
        assert during["undelivered"] == 6 and during["oldest_s"] >= 5 * 60  # 2 cards, 4 client messages

        clock.advance(minutes=10)  # the Bot API is back; every waiting notice's retry is due
        await viber.deliver()

        first, second, third = numbers
        assert notices(viber)[1:] == [  # each exactly once; the new tickets' cards first, each ticket's in order
            ("ticket_opened", second, None),
            ("ticket_opened", third, None),
            ("client_message", first, "Есть новости по заявке?"),
            ("client_message", second, "Ошибка повторяется после перезагрузки"),
            ("client_message", third, "Ошибка повторяется после перезагрузки"),
            ("client_message", first, "И ещё: журнал пуст"),
        ]
        assert await health(viber) == {"status": "ok"}

        for number in numbers:
            await viber.runtime.staff.reply(number, Engineer("e-1", "Иван"), f"Ответ по {number}", [], f"tg-{number}")
        await viber.deliver()
        for client, number in zip(CLIENTS, numbers, strict=True):
            assert viber.texts(client) == await queued_texts(viber, client)  # each exactly once, in order
            assert viber.texts(client)[-1] == f"Ответ по {number}"
