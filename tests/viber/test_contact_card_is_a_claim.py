"""Viber does not say whose number a contact card holds (any contact from the address book): a card with a
client's phone is a claim. It shows none of that client's data, links nothing and, in an intake, is taken as any
other contact: no code is pushed at the client, whose existence that would tell."""

from __future__ import annotations

from storage.models import Identity
from tests.viber.world import ViberWorld

VICTIM, STRANGER = "victim+viber+id==", "stranger+viber+id="


async def test_a_contact_card_of_someone_else_links_nothing(viber: ViberWorld) -> None:
    await viber.open_ticket(VICTIM)  # contact +7 846 555-12-34, «Смирнова Анна», «ООО «Охрана-Сервис»», Самара
    for text in ("Здравствуйте", "menu:ticket", "consent:yes", "kind:consultation"):
        await viber.client_says(text, STRANGER)
    victims_messages = len(viber.texts(VICTIM))

    card = {"type": "contact", "contact": {"name": "Анна", "phone_number": "+78465551234"}}
    await viber.send(viber.message(card, STRANGER))

    answer = viber.texts(STRANGER)[-1]
    assert "Самара" not in answer and "Смирнова" not in answer
    assert viber.texts(VICTIM)[victims_messages:] == []  # the owner of the number is not disturbed
    assert (await viber.state(STRANGER))["field"] == "organization"  # on as a new client
    owners = {i.sender: i.client_id for i in await viber.rows(Identity)}
    assert owners[STRANGER] != owners[VICTIM]
