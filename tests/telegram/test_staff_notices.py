"""The engineers learn in the ticket's topic what happens to its client outside the dialogue: a withdrawal of
consent (the ticket's personal data is gone) and WhatsApp's closed 24-hour window."""

from __future__ import annotations

from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS
from tests.telegram.world import TelegramWorld


async def test_withdrawal_of_consent_is_told_in_the_tickets_topic(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    await telegram.client_says("отзываю согласие на обработку персональных данных")
    topic = await telegram.topic_of(number)
    assert any(t("staff.consent_withdrawn")[:40] in text for text in telegram.group_texts(topic))


async def test_withdrawal_takes_the_person_off_the_topic_s_title_and_the_card(telegram: TelegramWorld) -> None:
    """The title kept «ООО «Охрана-Сервис»» and the card the name and the phone, in the group, after the store
    had forgotten them."""
    number = await telegram.open_ticket()
    await telegram.client_says("отзываю согласие на обработку персональных данных")
    [*_, title] = [call["name"] for call in telegram.bot_api.called("editForumTopic")]
    assert number in title and VALID_ANSWERS["organization"] not in title
    [card] = telegram.bot_api.called("editMessageText")
    assert number in card["text"] and VALID_ANSWERS["contact_name"] not in card["text"]
    assert VALID_ANSWERS["organization"] not in card["text"] and "846" not in card["text"]


async def test_a_notice_worded_by_the_desk_reaches_the_topic(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    text = t("whatsapp.window_closed", number=number)
    result = await telegram.runtime.senders["staff"].deliver(
        {"type": "whatsapp_window_closed", "ticket": number, "text": text}
    )
    assert result.ok
    assert any(text[:40] in posted for posted in telegram.group_texts(await telegram.topic_of(number)))
