"""When Viber cannot reach the client: unsubscribed, «not subscribed» answers, failed callbacks, outages."""

from __future__ import annotations

from core.texts import t
from service.staff_actions import Engineer
from storage.models import Identity, OutboxItem
from tests.viber.world import CLIENT, ViberWorld


async def test_unsubscribed_client_is_marked_unreachable_and_engineers_are_told(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    unsubscribed = {"event": "unsubscribed", "timestamp": 1764000000000, "user_id": CLIENT}
    await viber.send(unsubscribed)
    await viber.send(unsubscribed)  # stored once, in the chat's order: the engineers are told once
    [identity] = await viber.rows(Identity)
    assert identity.unreachable
    [notice] = viber.staff_notices("client_unreachable")
    assert notice["ticket"] == number


async def test_not_subscribed_answer_fails_the_message_for_good(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    viber.api.fail("/send_message", 200, {"status": 6, "status_message": "notSubscribed"})
    await viber.client_says("Ещё вопрос по заявке")
    failed = [item for item in await viber.rows(OutboxItem) if item.status == "failed"]
    assert len(failed) == 1 and "status 6" in (failed[0].last_error or "")
    assert [n["ticket"] for n in viber.staff_notices("client_unreachable")] == [number]


async def test_server_errors_are_retried_later(viber: ViberWorld) -> None:
    viber.api.fail("/send_message", 503, {"status": 503})
    await viber.client_says("Сколько стоит поддержка?")
    greeting = t("menu.greeting")
    assert viber.texts() == [greeting]  # refused once; the answer waits behind it, in order
    viber.clock.advance(minutes=10)
    await viber.deliver()
    assert viber.texts()[1] == greeting and "бесплатна" in viber.texts()[2]


async def test_failed_callback_is_recorded_and_told(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    last = [item for item in await viber.rows(OutboxItem) if item.channel == "viber"][-1]
    assert last.platform_message_id is not None
    failed = {"event": "failed", "timestamp": 1764000000000, "message_token": int(last.platform_message_id),
              "user_id": CLIENT, "desc": "failed"}  # fmt: skip
    await viber.send(failed)
    await viber.send(failed)  # told once, even if Viber repeats itself
    statuses = {item.id: item.status for item in await viber.rows(OutboxItem)}
    assert statuses[last.id] == "failed"
    assert [n["ticket"] for n in viber.staff_notices("delivery_failed")] == [number]


async def test_delivered_and_seen_change_nothing(viber: ViberWorld) -> None:
    await viber.client_says("Здравствуйте")
    before = [(i.id, i.status) for i in await viber.rows(OutboxItem)]
    for event in ("delivered", "seen"):
        callback = {"event": event, "timestamp": 1764000000000, "message_token": 1, "user_id": CLIENT}
        await viber.send(callback)
    assert [(i.id, i.status) for i in await viber.rows(OutboxItem)] == before


async def test_long_text_is_split_under_the_limit(viber: ViberWorld) -> None:
    number = await viber.open_ticket()

    long = ("Проверьте настройки порта. " * 400).strip()
    await viber.runtime.staff.reply(number, Engineer("e", "Иван"), long, [], "tg-long")
    await viber.deliver()
    pieces = viber.texts()[-2:]
    assert all(len(piece) <= 7000 for piece in pieces)
    assert " ".join(pieces) == long


async def test_location_gets_a_polite_answer(viber: ViberWorld) -> None:
    for text in ("Здравствуйте", "menu:ticket", "consent:yes", "kind:consultation"):
        await viber.client_says(text)
    await viber.send(viber.message({"type": "location", "location": {"lat": 53.2, "lon": 50.1}}))
    assert "геопозиция" in viber.texts()[-1]


async def test_a_refused_auth_token_keeps_the_messages_until_the_token_is_fixed(viber: ViberWorld) -> None:
    """Viber's «invalid auth token» is about the bot, not the message: it used to fail it for good, lost."""
    viber.api.fail("/send_message", 200, {"status": 2, "status_message": "invalid auth token"}, times=3)
    await viber.client_says("Сколько стоит поддержка?")
    await viber.retried_until_sent(3)  # the first try and two more refused, then the token is put right
    assert viber.texts()[-2] == t("menu.greeting") and "бесплатна" in viber.texts()[-1]
