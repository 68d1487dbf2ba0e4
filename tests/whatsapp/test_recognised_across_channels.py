"""A client who opened a ticket in WhatsApp and later writes from another messenger with the same phone is
recognised as the same client: the data on file is offered back and the new ticket belongs to that client."""

from __future__ import annotations

from core.texts import t
from storage.models import Client, Identity
from tests.fakes import CollectingSender, inbound
from tests.whatsapp.world import CLIENT, WhatsAppWorld


async def test_whatsapp_client_is_recognised_in_another_messenger_by_phone(whatsapp: WhatsAppWorld) -> None:
    first = await whatsapp.open_ticket(contact="+7 916 123-45-67")  # the number WhatsApp reports as WaId
    console = CollectingSender()
    whatsapp.runtime.senders["console"] = console

    async def say(text: str | None = None, **kwargs: object) -> str:
        await whatsapp.runtime.desk.handle(inbound(text, sender="desk-pc", **kwargs))  # type: ignore[arg-type]
        await whatsapp.deliver()
        return "\n".join(m.text for m in console.take())

    await say("Здравствуйте")
    for payload in ("menu:ticket", "consent:yes", "kind:consultation"):
        await say(choice=payload)
    offered = await say("+7 916 123-45-67")  # the WhatsApp number, typed as the contact
    assert offered.startswith(t("returning.offer", summary="")[:20]) and "Самара" in offered
    await say(choice="ret:yes")
    await whatsapp.walk_intake("desk-pc", say, channel="console")
    confirmation = await say(choice="sum:send")
    assert "зарегистрирована" in confirmation

    [client] = [c for c in await whatsapp.rows(Client) if c.phone == CLIENT]
    identities = {(i.channel, i.client_id) for i in await whatsapp.rows(Identity)}
    assert identities == {("whatsapp", client.id), ("console", client.id)}
    numbers = [n["ticket"] for n in whatsapp.staff_notices("ticket_opened")]
    assert len(numbers) == 2 and numbers[0] == first
    assert {(await whatsapp.ticket(number)).client_id for number in numbers} == {client.id}
