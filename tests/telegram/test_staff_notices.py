"""The engineers learn in the ticket's topic what happens to its client outside the dialogue: a withdrawal of
consent (the ticket's personal data is gone) and WhatsApp's closed 24-hour window."""

from __future__ import annotations

from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS
from tests.telegram.world import TelegramWorld

TOPIC_GONE = {"ok": False, "error_code": 400, "description": "Bad Request: TOPIC_ID_INVALID"}
NO_RIGHTS = {"ok": False, "error_code": 400, "description": "Bad Request: not enough rights to manage topics"}


async def test_withdrawal_of_consent_is_told_in_the_tickets_topic(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    await telegram.client_says("отзываю согласие на обработку персональных данных")
    topic = await telegram.topic_of(number)
    assert any(t("staff.consent_withdrawn")[:40] in text for text in telegram.group_texts(topic))


async def test_withdrawal_deletes_the_topic_with_the_persons_messages_and_opens_a_clean_one(
    telegram: TelegramWorld,
) -> None:
    """The topic kept what the client wrote (relayed there), the card their name and phone, the title their
    organisation, in the group, after the store had forgotten them."""
    number = await telegram.open_ticket()
    old_topic = await telegram.topic_of(number)
    await telegram.client_says("меня зовут Смирнова Анна, телефон 8 846 555-12-34, не работает турникет")
    await telegram.client_says("отзываю согласие на обработку персональных данных")
    assert [int(call["message_thread_id"]) for call in telegram.bot_api.called("deleteForumTopic")] == [old_topic]
    new_topic = await telegram.topic_of(number)
    [*_, title] = [call["name"] for call in telegram.bot_api.called("createForumTopic")]
    assert new_topic != old_topic and number in title and VALID_ANSWERS["organization"] not in title
    [card, notice] = telegram.group_texts(new_topic)
    assert number in card and VALID_ANSWERS["contact_name"] not in card
    assert VALID_ANSWERS["organization"] not in card and "846" not in card
    assert notice == t("staff.consent_withdrawn_topic_deleted")


async def test_a_topic_deleted_already_is_not_a_failure(telegram: TelegramWorld) -> None:
    """A retry after the topic went (or an admin deleted it by hand): Telegram calls the id invalid."""
    number = await telegram.open_ticket()
    telegram.bot_api.fail("/deleteForumTopic", 400, TOPIC_GONE)
    await telegram.client_says("отзываю согласие на обработку персональных данных")
    new_topic = await telegram.topic_of(number)
    assert telegram.group_texts(new_topic)[-1] == t("staff.consent_withdrawn_topic_deleted")


async def test_without_the_right_to_delete_topics_the_title_and_the_card_are_rebuilt(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    topic = await telegram.topic_of(number)
    telegram.bot_api.fail("/deleteForumTopic", 400, NO_RIGHTS)
    await telegram.client_says("отзываю согласие на обработку персональных данных")
    assert await telegram.topic_of(number) == topic
    [*_, title] = [call["name"] for call in telegram.bot_api.called("editForumTopic")]
    assert number in title and VALID_ANSWERS["organization"] not in title
    [card] = telegram.bot_api.called("editMessageText")
    assert number in card["text"] and VALID_ANSWERS["contact_name"] not in card["text"]
    assert VALID_ANSWERS["organization"] not in card["text"] and "846" not in card["text"]
    assert telegram.group_texts(topic)[-1] == t("staff.consent_withdrawn")


async def test_a_notice_worded_by_the_desk_reaches_the_topic(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    text = t("whatsapp.window_closed", number=number)
    result = await telegram.runtime.senders["staff"].deliver(
        {"type": "whatsapp_window_closed", "ticket": number, "text": text}
    )
    assert result.ok
    assert any(text[:40] in posted for posted in telegram.group_texts(await telegram.topic_of(number)))
