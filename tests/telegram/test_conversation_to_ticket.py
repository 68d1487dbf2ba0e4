"""A client goes from /start to a registered ticket in Telegram, with buttons, a shared contact and a screenshot."""

from __future__ import annotations

from core.texts import t
from tests.telegram import updates
from tests.telegram.world import TelegramWorld


async def test_start_shows_the_greeting_with_a_button(telegram: TelegramWorld) -> None:
    await telegram.client_says("/start")

    [greeting] = telegram.bot_api.sent(updates.CLIENT_ID)
    assert greeting.data["text"] == t("menu.greeting")
    assert greeting.data["parse_mode"] == "HTML"
    buttons = greeting.data["reply_markup"]["inline_keyboard"]
    assert buttons == [[{"text": t("choice.new_ticket"), "callback_data": "menu:ticket"}]]
    assert telegram.bot_api.called("answerCallbackQuery") == []


async def test_pressed_buttons_are_answered(telegram: TelegramWorld) -> None:
    await telegram.client_says("/start")
    await telegram.client_presses("menu:ticket")

    assert telegram.client_texts()[-1].startswith(t("consent.request", policy_url="x")[:40])
    [answered] = telegram.bot_api.called("answerCallbackQuery")
    assert answered["callback_query_id"].startswith("cbq-")


async def test_phone_question_offers_to_share_the_contact_and_accepts_it(telegram: TelegramWorld) -> None:
    await telegram.client_says("/start")
    for data in ("menu:ticket", "consent:yes", "kind:consultation"):
        await telegram.client_presses(data)

    asked = telegram.bot_api.sent(updates.CLIENT_ID)[-1].data
    keyboard = asked["reply_markup"]["keyboard"]
    assert keyboard[0][0] == {"text": t("telegram.share_contact"), "request_contact": True}

    contact = {"phone_number": "+78461234567", "first_name": "Пётр", "user_id": updates.CLIENT_ID}
    await telegram.client_says(contact=contact)

    state = await telegram.state()
    assert state["answers"]["contact"] == "+78461234567"
    assert state["field"] == "organization"
    assert telegram.bot_api.sent(updates.CLIENT_ID)[-1].data["reply_markup"] == {"remove_keyboard": True}


async def test_whole_conversation_opens_a_ticket_with_the_screenshot(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket(photo=[updates.PHOTO], caption="скриншот ошибки")

    assert t("intake.files_received", count=1) in telegram.client_texts()
    assert number in telegram.client_texts()[-1]
    ticket = await telegram.ticket(number)
    assert ticket.channel == "telegram" and ticket.chat == str(updates.CLIENT_ID)
    assert ticket.fields["organization"] == "ООО «Охрана-Сервис»"
    [screenshot] = ticket.fields["attachments"]
    assert screenshot["kind"] == "image" and screenshot["ref"].endswith(updates.PHOTO["file_id"])


async def test_stickers_are_refused_politely(telegram: TelegramWorld) -> None:
    await telegram.client_says("/start")
    for data in ("menu:ticket", "consent:yes", "kind:consultation"):
        await telegram.client_presses(data)

    sticker = {
        "file_id": "CAACAgI",
        "file_unique_id": "AgAD",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    await telegram.client_says(sticker=sticker)

    assert telegram.client_texts()[-1].startswith(t("intake.unsupported", what=t("unsupported.sticker"), prompt=""))


async def test_html_in_client_texts_is_escaped_and_long_texts_are_split(telegram: TelegramWorld) -> None:
    sender = telegram.runtime.senders["telegram"]
    long_text = "<b>не жирный</b> & " + "слово " * 1200
    result = await sender.deliver(
        {"channel": "telegram", "chat": str(updates.CLIENT_ID), "text": long_text, "extras": {"author": "Алексей"}}
    )

    assert result.ok
    pieces = telegram.client_texts()
    assert len(pieces) == 2 and all(len(piece) <= 4096 for piece in pieces)
    assert pieces[0].startswith(f"<b>{t('telegram.author', author='Алексей')}</b>\n&lt;b&gt;не жирный&lt;/b&gt; &amp;")
    assert "".join(pieces).count("слово") == 1200
