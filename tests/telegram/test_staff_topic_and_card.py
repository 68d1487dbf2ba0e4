"""A new ticket opens a forum topic in the engineers' group with the whole card, its buttons and the files."""

from __future__ import annotations

from core.texts import t
from service.settings import Settings
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import FakeClock
from tests.telegram import updates
from tests.telegram.fake_bot_api import NOT_A_FORUM, FakeBotApi
from tests.telegram.world import TelegramWorld, telegram_world

SERVER_ERROR = {"ok": False, "error_code": 500, "description": "Internal Server Error"}


async def test_topic_is_named_after_the_ticket_and_holds_the_card_then_the_screenshot(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket(photo=[updates.PHOTO])

    [topic] = telegram.bot_api.called("createForumTopic")
    assert topic["chat_id"] == str(updates.STAFF_CHAT_ID)
    assert topic["name"] == f"{number} · новая · обычный · ООО «Охрана-Сервис» · журнал событий зависает"
    thread_id = await telegram.topic_of(number)

    card, screenshot = telegram.bot_api.sent(updates.STAFF_CHAT_ID, thread_id=thread_id)
    text = card.data["text"]
    assert text.startswith(f"<b>{t('staff.card.header', number=number)}</b>")
    assert f"{t('staff.card.kind')}: {t('kind.consultation')}" in text
    assert f"{t('staff.card.priority')}: {t('priority.normal')}" in text
    assert f"{t('staff.card.deadline')}: 26.11.2026 11:00 (МСК)" in text
    assert f"{t('staff.card.channel')}: Telegram" in text
    for key in ("organization", "city", "contact_name", "product_name", "description"):
        assert f"{t(f'field.{key}.label')}: {VALID_ANSWERS[key]}" in text
    assert f"{t('field.contact.label')}: +78465551234" in text
    buttons = card.data["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in buttons] == ["Взять", "Приоритет", "Закрыть"]
    assert buttons[2]["callback_data"] == f"st:close:{number}:ask"  # asks before closing
    assert screenshot.path.endswith("/sendPhoto") and screenshot.data["photo"] == updates.PHOTO["file_id"]
    assert (await telegram.ticket(number)).staff_message_id is not None


async def test_a_retried_notice_reuses_the_topic_and_does_not_repeat_the_card(telegram: TelegramWorld) -> None:
    telegram.bot_api.fail_in_chat("sendMessage", updates.STAFF_CHAT_ID, 500, SERVER_ERROR)

    number = await telegram.open_ticket()
    assert telegram.group_texts() == []  # the topic exists, the card was refused

    telegram.clock.advance(minutes=1)
    await telegram.deliver()

    assert len(telegram.bot_api.called("createForumTopic")) == 1
    [card] = telegram.group_texts(await telegram.topic_of(number))
    assert number in card


async def test_without_topics_the_card_is_posted_and_engineers_reply_to_it(
    settings: Settings, clock: FakeClock
) -> None:
    bot_api = FakeBotApi()
    bot_api.fail("/createForumTopic", 400, NOT_A_FORUM)
    async with telegram_world(settings, clock, bot_api=bot_api) as telegram:
        number = await telegram.open_ticket()
        ticket = await telegram.ticket(number)
        assert ticket.staff_thread_id is None and ticket.staff_message_id is not None
        [card] = telegram.bot_api.sent(updates.STAFF_CHAT_ID)
        assert "message_thread_id" not in card.data and t("staff.card.hint_reply") in card.data["text"]

        await telegram.engineer_says("Проверьте версию драйвера.", reply_to=ticket.staff_message_id)
        await telegram.client_says("Проверил, версия 2.1")

    assert telegram.client_texts()[-1].endswith("Проверьте версию драйвера.")
    relayed = telegram.bot_api.sent(updates.STAFF_CHAT_ID)[-1].data
    assert relayed["text"].endswith("Проверил, версия 2.1")
    assert relayed["reply_parameters"]["message_id"] == ticket.staff_message_id
