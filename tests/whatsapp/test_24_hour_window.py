"""WhatsApp's 24-hour rule: a reply to a client silent for longer is held, the engineers are told, the client
is invited back by the template when one is configured, and the held reply goes out when the client writes."""

from __future__ import annotations

from core.messages import Attachment
from core.texts import t
from service.settings import Settings
from service.staff_actions import Engineer
from storage.models import OutboxItem
from tests.fakes import FakeClock
from tests.whatsapp.world import CLIENT, WhatsAppWorld, whatsapp_world

ENGINEER = Engineer("tg-501", "Иван")
CONTENT_SID = "HX0123456789abcdef0123456789abcdef"


async def test_reply_within_the_window_goes_out_at_once(whatsapp: WhatsAppWorld) -> None:
    number = await whatsapp.open_ticket()
    whatsapp.clock.advance(hours=23)
    await whatsapp.runtime.staff.reply(number, ENGINEER, "Перезапустите службу", [], "tg-1")
    await whatsapp.deliver()
    assert whatsapp.bodies()[-1].endswith("Перезапустите службу")
    assert whatsapp.staff_notices("whatsapp_window_closed") == []


async def test_reply_after_24_hours_is_held_until_the_client_writes(whatsapp: WhatsAppWorld) -> None:
    number = await whatsapp.open_ticket()
    sent_before = len(whatsapp.sent())
    whatsapp.clock.advance(hours=25)

    await whatsapp.runtime.staff.reply(number, ENGINEER, "Перезапустите службу", [], "tg-1")
    await whatsapp.runtime.staff.reply(number, ENGINEER, "И пришлите лог", [], "tg-2")
    await whatsapp.deliver()

    assert len(whatsapp.sent()) == sent_before  # no free text outside the window
    notices = whatsapp.staff_notices("whatsapp_window_closed")
    assert [n["ticket"] for n in notices] == [number, number]
    assert notices[0]["text"] == t("whatsapp.window_closed", number=number)

    await whatsapp.client_says("Добрый день, что там с заявкой?")
    bodies = whatsapp.bodies()[sent_before:]
    assert bodies[0].endswith("Перезапустите службу") and bodies[1].endswith("И пришлите лог")
    assert t("whatsapp.author", author="Иван") in bodies[0]
    assert len(bodies) == 2  # the engineer has the ticket: the client's words go to the topic, not answered by bot
    assert [n["text"] for n in whatsapp.staff_notices("client_message")] == ["Добрый день, что там с заявкой?"]


async def test_template_invites_the_client_back_once(settings: Settings, clock: FakeClock) -> None:
    async with whatsapp_world(settings, clock, twilio_content_sid=CONTENT_SID) as whatsapp:
        number = await whatsapp.open_ticket()
        clock.advance(hours=30)
        await whatsapp.runtime.staff.reply(number, ENGINEER, "Перезапустите службу", [], "tg-1")
        await whatsapp.runtime.staff.reply(number, ENGINEER, "И пришлите лог", [], "tg-2")
        await whatsapp.deliver()

        [invitation] = [m for m in whatsapp.sent() if "ContentSid" in m]
        assert invitation["ContentSid"] == CONTENT_SID and invitation["ContentVariables"] == {"1": number}
        assert "Body" not in invitation
        notice = whatsapp.staff_notices("whatsapp_window_closed")[0]
        assert notice["text"] == t("whatsapp.window_closed_invited", number=number)

        await whatsapp.client_says("Слушаю")
        assert whatsapp.bodies()[-2].endswith("Перезапустите службу")
        assert whatsapp.bodies()[-1].endswith("И пришлите лог")


async def test_refused_with_63016_is_held_and_sent_again_when_the_client_writes(
    settings: Settings, clock: FakeClock
) -> None:
    async with whatsapp_world(settings, clock, twilio_content_sid=CONTENT_SID) as whatsapp:
        number = await whatsapp.open_ticket()
        picture = Attachment("image", "https://files.example/schema.png", "image/png", 10, "schema.png")
        await whatsapp.runtime.staff.reply(number, ENGINEER, "Вот схема", [picture], "tg-1")
        await whatsapp.deliver()
        [item] = [i for i in await whatsapp.rows(OutboxItem) if i.payload.get("text") == "Вот схема"]
        assert item.platform_message_id is not None

        # Twilio accepted it, then WhatsApp refused: the client's window had closed on its side
        await whatsapp.status(item.platform_message_id, "undelivered", "63016")
        await whatsapp.status(item.platform_message_id, "undelivered", "63016")
        assert [n["ticket"] for n in whatsapp.staff_notices("whatsapp_window_closed")] == [number]
        assert len([m for m in whatsapp.sent() if "ContentSid" in m]) == 1

        resent_before = len(whatsapp.bodies())
        await whatsapp.client_says("Я тут")
        assert whatsapp.bodies()[resent_before].endswith("Вот схема")
        assert whatsapp.sent()[-1]["MediaUrl"] == "https://files.example/schema.png"


async def test_a_failure_of_a_message_the_bot_never_sent_alarms_no_one(whatsapp: WhatsAppWorld) -> None:
    """A signed «failed» for another tool's message from the same number was told in the ticket of whoever it was
    sent to (matched by «To»)."""
    await whatsapp.open_ticket()
    await whatsapp.status("SM" + "a" * 32, "failed", "30008")
    assert whatsapp.staff_notices("delivery_failed") == []


async def test_other_failures_are_told_to_the_engineers(whatsapp: WhatsAppWorld) -> None:
    number = await whatsapp.open_ticket()
    last = [i for i in await whatsapp.rows(OutboxItem) if i.channel == "whatsapp"][-1]
    assert last.platform_message_id is not None
    await whatsapp.status(last.platform_message_id, "delivered")
    await whatsapp.status(last.platform_message_id, "failed", "63024")
    [notice] = whatsapp.staff_notices("delivery_failed")
    assert notice["ticket"] == number and notice["reason"] == "63024"
    assert CLIENT in [m["To"].removeprefix("whatsapp:") for m in whatsapp.sent()]
