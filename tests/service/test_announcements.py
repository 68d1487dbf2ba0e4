"""Release announcements (regulation 4.8): each subscriber gets the news exactly once, in the messenger they
use now, within the platforms' rules; a repeated id sends nothing; the lead hears the counts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from sqlmodel import select

from service.settings import Settings
from storage.models import Client, Identity, OutboxItem
from storage.repos import erasure
from tests.fakes import FakeClock
from tests.service.announcement_world import ADMIN, Messengers, add_client, messengers
from tests.telegram import updates
from tests.whatsapp.world import ACCOUNT_SID, BUSINESS, sign

NEWS = "Вышла версия 5.2: отчёты по проходам за минуту"
TELEGRAM_OLD_VIBER, VIBER_ONLY, WHATSAPP = "700000011", "viber-B=", "+79160000001"
NOT_SUBSCRIBED, ERASED = "700000012", "700000013"


async def outbox_items(desk: Messengers) -> list[OutboxItem]:
    async with desk.runtime.desk.sessions() as session:
        return list(await session.exec(select(OutboxItem)))


@pytest.fixture
async def desk(settings: Settings, clock: FakeClock) -> AsyncIterator[Messengers]:
    async with messengers(settings, clock) as world:
        yield world


async def test_three_subscribers_in_three_messengers_get_it_once_and_a_repeat_sends_nothing(
    desk: Messengers, clock: FakeClock
) -> None:
    now = clock()
    runtime = desk.runtime
    # one client wrote in Viber last month and in Telegram an hour ago: the news goes to Telegram only
    chats = [
        ("viber", "viber-A=", now - timedelta(days=30)),
        ("telegram", TELEGRAM_OLD_VIBER, now - timedelta(hours=1)),
    ]
    await add_client(runtime, chats)
    await add_client(runtime, [("viber", VIBER_ONLY, now - timedelta(days=3))])
    await add_client(runtime, [("whatsapp", WHATSAPP, now - timedelta(hours=2))])
    await add_client(runtime, [("telegram", NOT_SUBSCRIBED, now)], subscribed=False)
    await add_client(runtime, [("telegram", ERASED, now)], anonymized=True)  # withdrew consent: erased

    assert (await desk.announce("release-5.2", NEWS))["recipients"] == 3
    await desk.telegram.deliver()

    assert [text for text in desk.telegram_texts(TELEGRAM_OLD_VIBER) if NEWS in text] == [
        f"📣 Новости ТвинПро: {NEWS}\n\nЧтобы не получать новости, напишите «Отписаться»."
    ]
    assert desk.viber_texts("viber-A=") == []
    assert [text for text in desk.viber_texts(VIBER_ONLY) if NEWS in text] != []
    assert len(desk.viber_texts(VIBER_ONLY)) == 1
    [whatsapp] = desk.whatsapp_sent(WHATSAPP)
    assert NEWS in whatsapp["Body"] and "ContentSid" not in whatsapp
    assert desk.telegram_texts(NOT_SUBSCRIBED) == [] and desk.telegram_texts(ERASED) == []

    again = await desk.announce("release-5.2", NEWS)
    await desk.telegram.deliver()
    assert again == {"id": "release-5.2", "recipients": 3, "created": False}
    assert len(desk.telegram_texts(TELEGRAM_OLD_VIBER)) + len(desk.viber_texts(VIBER_ONLY)) == 2
    assert len(desk.whatsapp_sent(WHATSAPP)) == 1

    counts = await desk.counts("release-5.2")
    assert (counts["recipients"], counts["delivered"], counts["failed"], counts["done"]) == (3, 3, 0, True)
    await desk.report()
    await desk.report()  # the final counts are told once
    reports = [text for text in desk.telegram.group_texts() if "Рассылка" in text]
    assert reports == [
        "📣 Рассылка «Вышла версия 5.2: отчёты по проходам за минуту» завершена: доставлено 3 из 3, не доставлено 0."
    ]


async def test_whatsapp_client_silent_for_a_day_gets_the_approved_template(
    settings: Settings, clock: FakeClock
) -> None:
    async with messengers(settings, clock, twilio_content_sid="HX0123456789abcdef0123456789abcdef") as desk:
        await add_client(desk.runtime, [("whatsapp", WHATSAPP, clock() - timedelta(hours=30))])
        await desk.announce("release-5.3", NEWS)
        await desk.telegram.deliver()

        [sent] = desk.whatsapp_sent(WHATSAPP)
        assert sent["ContentSid"] == "HX0123456789abcdef0123456789abcdef" and "Body" not in sent
        assert sent["ContentVariables"] == {"1": NEWS}
        assert (await desk.counts("release-5.3"))["delivered"] == 1


async def test_without_a_template_the_silent_whatsapp_client_is_counted_as_failed(
    desk: Messengers, clock: FakeClock
) -> None:
    await add_client(desk.runtime, [("whatsapp", WHATSAPP, clock() - timedelta(hours=30))])
    await add_client(desk.runtime, [("telegram", TELEGRAM_OLD_VIBER, clock())])
    desk.telegram.bot_api.fail_in_chat("sendMessage", int(TELEGRAM_OLD_VIBER), 403, BLOCKED)  # blocked the bot
    await desk.announce("release-5.4", NEWS)
    await desk.telegram.deliver()

    assert desk.whatsapp_sent(WHATSAPP) == []
    counts = await desk.counts("release-5.4")
    assert (counts["delivered"], counts["failed"], counts["done"]) == (0, 2, True)
    await desk.report()
    assert any("доставлено 0 из 2, не доставлено 2" in text for text in desk.telegram.group_texts())


BLOCKED = {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}


async def test_a_telegram_outage_only_delays_the_announcement(desk: Messengers, clock: FakeClock) -> None:
    chats = [str(700000100 + n) for n in range(3)]
    for chat in chats:
        await add_client(desk.runtime, [("telegram", chat, clock())])
    outage = {"ok": False, "error_code": 502, "description": "Bad Gateway"}
    desk.telegram.bot_api.fail("/sendMessage", 502, outage, times=3)

    await desk.announce("release-5.5", NEWS)
    await desk.telegram.deliver()
    assert all(desk.telegram_texts(chat) == [] for chat in chats)
    clock.advance(minutes=1)
    assert await desk.runtime.announcements.report_once() == 1  # still running: the lead hears the progress
    clock.advance(minutes=1)
    assert await desk.runtime.announcements.report_once() == 0  # nothing moved meanwhile: no repeat

    await desk.telegram.deliver()  # Telegram answers again
    assert all(len(desk.telegram_texts(chat)) == 1 for chat in chats)
    assert [text for text in desk.telegram.group_texts() if "идёт" in text] == [
        "📣 Рассылка «Вышла версия 5.2: отчёты по проходам за минуту» идёт: доставлено 0 из 3, не доставлено 0."
    ]
    await desk.report()
    assert any("завершена: доставлено 3 из 3, не доставлено 0" in text for text in desk.telegram.group_texts())


async def test_a_reply_is_not_stuck_behind_a_large_announcement(desk: Messengers, clock: FakeClock) -> None:
    async with desk.runtime.desk.transaction() as session:
        for n in range(500):
            client = Client(news_subscribed=True)
            session.add(client)
            await session.flush()
            assert client.id is not None
            chat = str(710000000 + n)
            session.add(Identity(client_id=client.id, channel="telegram", sender=chat, chat=chat))
    assert (await desk.announce("release-6.0", NEWS))["recipients"] == 500

    response = await desk.telegram.post(updates.private_message(desk.telegram.next_id(), text="/start"))
    assert response.status_code == 200
    await desk.runtime.inbox.process_once()  # the greeting waits in the outbox behind 500 copies
    await desk.runtime.dispatcher.run_once()  # one pass of the dispatcher

    assert desk.telegram.client_texts() != []  # the client talking now was answered in the first pass
    sent_copies = [c for c in desk.telegram.bot_api.delivered if NEWS in str(c.data.get("text"))]
    assert 0 < len(sent_copies) < 500  # the announcement goes on meanwhile, a batch at a time


async def test_a_copy_twilio_refuses_outside_the_window_is_counted_failed_not_held(
    desk: Messengers, clock: FakeClock
) -> None:
    await add_client(desk.runtime, [("whatsapp", WHATSAPP, clock() - timedelta(hours=23, minutes=59))])
    await desk.announce("release-5.6", NEWS)
    await desk.telegram.deliver()
    [item] = [i for i in await outbox_items(desk) if i.announcement_id == "release-5.6"]

    refused = {"MessageSid": item.platform_message_id, "MessageStatus": "undelivered", "ErrorCode": "63016",
               "AccountSid": ACCOUNT_SID, "From": BUSINESS, "To": "whatsapp:" + WHATSAPP}  # fmt: skip
    response = await desk.telegram.http.post(
        "/webhooks/whatsapp",
        content=urlencode(refused),
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sign(refused)},
    )
    assert response.status_code == 200
    await desk.telegram.deliver()

    counts = await desk.counts("release-5.6")
    assert (counts["delivered"], counts["failed"], counts["done"]) == (0, 1, True)
    assert len(desk.whatsapp_sent(WHATSAPP)) == 1  # no invitation, nothing held for later


async def test_the_announcement_api_wants_the_admin_token_and_a_text(desk: Messengers) -> None:
    http = desk.telegram.http
    body = {"id": "release-7", "text": NEWS}
    assert (await http.post("/api/announcements", json=body)).status_code == 401
    assert (await http.post("/api/announcements", json={**body, "text": "  "}, headers=ADMIN)).status_code == 400
    assert (await http.get("/api/announcements/release-7", headers=ADMIN)).status_code == 404
    assert (await http.get("/api/announcements/release-7")).status_code == 401


async def test_a_subscriber_who_withdraws_consent_before_delivery_gets_no_copy(
    desk: Messengers, clock: FakeClock
) -> None:
    runtime = desk.runtime
    staying = await add_client(runtime, [("viber", VIBER_ONLY, clock())])
    leaving = await add_client(runtime, [("telegram", TELEGRAM_OLD_VIBER, clock())])
    assert (await desk.announce("release-5.3", NEWS))["recipients"] == 2

    async with runtime.desk.transaction() as session:  # «отзываю согласие» before the dispatcher's turn
        client = await session.get(Client, leaving)
        assert client is not None
        await erasure.erase_person(session=session, client=client, now=clock())
    await desk.telegram.deliver()

    assert desk.telegram_texts(TELEGRAM_OLD_VIBER) == []
    assert [text for text in desk.viber_texts(VIBER_ONLY) if NEWS in text] != [] and staying
    counts = await desk.counts("release-5.3")
    assert (counts["delivered"], counts["failed"], counts["done"]) == (1, 1, True)
