"""A WhatsApp client who later writes from another messenger and asks to join it to the earlier chat is not
believed on their word: nothing of the data on file is shown until the one-time code sent to their WhatsApp comes
back. With the code, the data is offered back and the new ticket belongs to the same client."""

from __future__ import annotations

import re

from core.texts import t
from storage.models import Client, Identity
from tests.fakes import CollectingSender, inbound
from tests.whatsapp.world import CLIENT, WhatsAppWorld


def code_in(bodies: list[str]) -> str:
    [code] = [m.group(1) for body in bodies if (m := re.search(r"\b(\d{6})\b", body))]
    return code


async def test_typed_whatsapp_phone_needs_the_code_sent_to_that_whatsapp(whatsapp: WhatsAppWorld) -> None:
    first = await whatsapp.open_ticket(contact="+7 916 123-45-67")  # the number WhatsApp reports as WaId
    console = CollectingSender()
    whatsapp.runtime.senders["console"] = console

    async def say(text: str | None = None, **kwargs: object) -> str:
        await whatsapp.runtime.desk.handle(inbound(text, sender="desk-pc", **kwargs))  # type: ignore[arg-type]
        await whatsapp.deliver()
        return "\n".join(m.text for m in console.take())

    await say("Здравствуйте")
    await say("мои заявки")
    assert t("link.ask") in await say(choice="link:start")
    before = len(whatsapp.bodies())
    asked = await say("+7 916 123-45-67")  # the WhatsApp number
    assert asked == t("verify.sent")
    code = code_in(whatsapp.bodies()[before:])  # the code went to the client's own WhatsApp chat
    assert t("verify.ok") in await say(code)

    await say(choice="menu:ticket")
    offered = await say(choice="kind:consultation")  # consent was given in WhatsApp
    assert t("returning.offer", summary="")[:20] in offered and "Самара" in offered
    await say(choice="ret:yes")
    await whatsapp.walk_intake("desk-pc", say, channel="console")
    # the same description as the client's open WhatsApp ticket: asked about it (4.13), «Нет, новая заявка»
    assert (await whatsapp.state("desk-pc", "console"))["asked_ticket"] == first
    await say(choice="menu:ticket")
    confirmation = await say(choice="sum:send")
    assert "зарегистрирована" in confirmation

    [client] = [c for c in await whatsapp.rows(Client) if c.phone == CLIENT]
    identities = {(i.channel, i.client_id) for i in await whatsapp.rows(Identity)}
    assert identities == {("whatsapp", client.id), ("console", client.id)}
    numbers = [n["ticket"] for n in whatsapp.staff_notices("ticket_opened")]
    assert len(numbers) == 2 and numbers[0] == first
    assert {(await whatsapp.ticket(number)).client_id for number in numbers} == {client.id}
