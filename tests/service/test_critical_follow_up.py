"""Issue 14: a critical ticket opens before its intake ends; the answers given after it join its fields, reach
its engineers and are remembered for the client's next ticket."""

from __future__ import annotations

from service.settings import Settings
from storage.repos.tickets import get_ticket
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import CollectingSender, FakeClock
from tests.service.app_client import running_app
from tests.store.dialogue import DeskChat


async def test_answers_after_a_critical_ticket_opened_are_added_to_it(settings: Settings, clock: FakeClock) -> None:
    async with running_app(settings, clock) as (_, runtime):
        runtime.desk.staff_enabled = True
        staff = runtime.senders["staff"] = CollectingSender()
        chat = DeskChat(runtime)
        await chat.say("Вся СКУД легла, ничего не работает")
        await chat.press("consent:yes")
        for key in ("contact", "organization", "city"):
            replies = await chat.say(VALID_ANSWERS[key])
        number = (await chat.state())["ticket"]
        assert number and any(number in reply.text for reply in replies)
        await chat.say(VALID_ANSWERS["contact_name"])
        await chat.say(VALID_ANSWERS["product_name"])
        async with runtime.desk.sessions() as session:
            ticket = await get_ticket(session=session, number=number)
        client_messages = [p["text"] for p in staff.sent if p.get("type") == "client_message"]
    assert ticket is not None and ticket.priority == "critical"
    assert ticket.fields["contact_name"] == "Смирнова Анна" and ticket.fields["product_name"] == "АПК «Бастион-3»"
    assert "Контактное лицо: Смирнова Анна" in client_messages and "Продукт: АПК «Бастион-3»" in client_messages
