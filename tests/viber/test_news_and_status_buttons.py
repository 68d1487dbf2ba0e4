"""Issue 15 through Viber, which sends a pressed button's payload back as text: the ticket's confirmation asks
about the release news with buttons, a press subscribes or declines; «мои заявки» answers with the status."""

from __future__ import annotations

from core.texts import t
from storage.models import Client
from tests.viber.world import ViberWorld


async def consenting_client(viber: ViberWorld) -> Client:
    [client] = [c for c in await viber.rows(Client) if c.consent_at is not None]
    return client


async def test_the_news_button_on_the_confirmation_subscribes(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    confirmation = viber.texts()[-1]
    assert number in confirmation and confirmation.endswith(t("news.offer"))
    assert viber.buttons() == ["menu:news-yes", "menu:news-no"]

    await viber.client_says("menu:news-yes")
    assert viber.texts()[-1] == t("news.subscribed")
    client = await consenting_client(viber)
    assert client.news_subscribed and client.news_changed_at == viber.clock.now
    assert viber.staff_notices("client_message") == []  # the press went nowhere near the ticket

    await viber.client_says("Мои заявки")
    line = f"• {number} — новая, ещё не взята. Ответ инженера — не позднее 26.11.2026 11:00 (МСК)."
    assert t("requests.list", lines=line) in viber.texts()[-2:]


async def test_no_thanks_is_stored_and_the_chat_goes_on_with_the_ticket(viber: ViberWorld) -> None:
    await viber.open_ticket()
    await viber.client_says("menu:news-no")
    assert viber.texts()[-1] == t("news.declined")
    client = await consenting_client(viber)
    assert not client.news_subscribed and client.news_changed_at == viber.clock.now

    await viber.client_says("Журнал по-прежнему пуст")
    assert [n["text"] for n in viber.staff_notices("client_message")] == ["Журнал по-прежнему пуст"]
