"""An engineer takes the ticket with a button; text, photos and documents go both ways between topic and client."""

from __future__ import annotations

from core.texts import t
from tests.telegram import updates
from tests.telegram.world import TelegramWorld


async def test_take_button_assigns_the_ticket_and_tells_the_client_who(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await telegram.engineer_presses(f"st:take:{number}", thread_id=thread_id)

    assert telegram.client_texts()[-1] == t("ticket.engineer_assigned", number=number, engineer="Алексей")
    assert telegram.group_texts(thread_id)[-1] == t("staff.taken", number=number, engineer="Алексей")
    ticket = await telegram.ticket(number)
    assert (ticket.assignee, ticket.status) == ("Алексей", "in_progress")
    assert telegram.bot_api.called("answerCallbackQuery")[-1]["callback_query_id"].startswith("cbq-")


async def test_take_command_in_the_topic_does_the_same(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()

    await telegram.engineer_says("/take", thread_id=await telegram.topic_of(number))

    assert telegram.client_texts()[-1] == t("ticket.engineer_assigned", number=number, engineer="Алексей")


async def test_engineer_text_photo_and_document_reach_the_client(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    telegram.bot_api.forget()

    await telegram.engineer_says("Здравствуйте! <Проверьте> версию драйвера.", thread_id=thread_id)
    await telegram.engineer_says(thread_id=thread_id, photo=[updates.PHOTO], caption="Вот где смотреть")
    await telegram.engineer_says(thread_id=thread_id, document=updates.DOCUMENT)

    text, photo, document = (call.data for call in telegram.bot_api.sent(updates.CLIENT_ID))
    author = f"<b>{t('telegram.author', author='Алексей')}</b>"
    assert text["text"] == f"{author}\nЗдравствуйте! &lt;Проверьте&gt; версию драйвера."
    assert photo["photo"] == updates.PHOTO["file_id"] and photo["caption"] == f"{author}\nВот где смотреть"
    assert document["document"] == updates.DOCUMENT["file_id"] and document["caption"] == author


async def test_client_messages_and_files_land_in_the_topic(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await telegram.client_says("Ошибка появилась снова")
    await telegram.client_says(document=updates.DOCUMENT, caption="лог за сегодня")

    assert telegram.client_texts()[-1] == t("ticket.message_added", number=number)
    header = f"<b>{t('staff.client_wrote')}</b>"
    *_, text, document = (call.data for call in telegram.bot_api.sent(updates.STAFF_CHAT_ID, thread_id=thread_id))
    assert text["text"] == f"{header}\nОшибка появилась снова"
    assert document["document"] == updates.DOCUMENT["file_id"] and document["caption"] == f"{header}\nлог за сегодня"


async def test_priority_by_command_word_and_button(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await telegram.engineer_says("/priority высокий", thread_id=thread_id)
    assert (await telegram.ticket(number)).priority == "high"
    assert telegram.group_texts(thread_id)[-1] == t("staff.priority_set", number=number, priority="высокий")

    await telegram.engineer_says("/priority срочно", thread_id=thread_id)
    assert telegram.group_texts(thread_id)[-1] == t("staff.priority_usage")

    await telegram.engineer_presses(f"st:priority:{number}", thread_id=thread_id)
    menu = telegram.bot_api.sent(updates.STAFF_CHAT_ID, thread_id=thread_id)[-1].data["reply_markup"]
    assert [row[0]["callback_data"] for row in menu["inline_keyboard"]][0] == f"st:priority:{number}:critical"

    await telegram.engineer_presses(f"st:priority:{number}:critical", thread_id=thread_id)
    assert (await telegram.ticket(number)).priority == "critical"
    assert telegram.client_texts()[-1].startswith(  # the client is not told of the change: still the confirmation
        t("ticket.opened", number=number, priority="обычный", deadline="26.11.2026 11:00")
    )


async def test_a_sticker_is_not_relayed_and_the_engineer_is_told(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    told = telegram.client_texts()
    sticker = {"file_id": "CAAC", "file_unique_id": "AgAD", "type": "regular", "width": 512, "height": 512}

    await telegram.engineer_says(thread_id=thread_id, sticker=sticker | {"is_animated": False, "is_video": False})
    await telegram.engineer_says(
        thread_id=thread_id,
        pinned_message={
            "message_id": 1,
            "date": 1764000000,
            "chat": {"id": updates.STAFF_CHAT_ID, "type": "supergroup"},
        },
    )

    assert telegram.client_texts() == told
    assert telegram.group_texts(thread_id)[-1] == t("staff.not_relayed")
    assert telegram.group_texts(thread_id).count(t("staff.not_relayed")) == 1
