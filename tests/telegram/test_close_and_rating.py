"""/close closes the ticket and its topic and asks the client for a 1–5 rating and a comment; /reopen undoes it."""

from __future__ import annotations

from core.texts import t
from tests.telegram import updates
from tests.telegram.world import TelegramWorld


async def test_close_asks_for_a_rating_that_is_stored_with_the_comment(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await telegram.engineer_says("/close", thread_id=thread_id)

    closed, ask = telegram.bot_api.sent(updates.CLIENT_ID)[-2:]
    assert closed.data["text"] == t("ticket.closed", number=number)
    assert ask.data["text"] == t("rating.ask", number=number)
    assert [b["callback_data"] for b in ask.data["reply_markup"]["inline_keyboard"][0]] == [
        f"rate:{n}" for n in range(1, 6)
    ]
    assert telegram.group_texts(thread_id)[-1] == t("staff.closed", number=number)
    assert telegram.bot_api.called("closeForumTopic") == [
        {"chat_id": str(updates.STAFF_CHAT_ID), "message_thread_id": str(thread_id)}
    ]

    await telegram.client_presses("rate:5")
    await telegram.client_says("Быстро помогли, спасибо")

    ticket = await telegram.ticket(number)
    assert (ticket.status, ticket.rating, ticket.rating_comment) == ("closed", 5, "Быстро помогли, спасибо")
    assert telegram.client_texts()[-1] == t("rating.thanks")


async def test_close_button_does_the_same_and_reopen_reopens_the_topic(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)

    await telegram.engineer_presses(f"st:close:{number}", thread_id=thread_id)
    assert (await telegram.ticket(number)).status == "closed"

    await telegram.engineer_says("/reopen", thread_id=thread_id)

    assert (await telegram.ticket(number)).status == "open"
    assert len(telegram.bot_api.called("reopenForumTopic")) == 1
    assert telegram.client_texts()[-1] == t("ticket.reopened", number=number)
    assert telegram.group_texts(thread_id)[-1] == t("staff.reopened", number=number)


async def test_the_cards_close_button_asks_first_and_no_keeps_the_ticket_open(telegram: TelegramWorld) -> None:
    """A tap on «Закрыть» told the client and asked for a rating at once: a tap missed on a phone was not undone."""
    number = await telegram.open_ticket()
    thread_id = await telegram.topic_of(number)
    sent = len(telegram.client_texts())

    await telegram.engineer_presses(f"st:close:{number}:ask", thread_id=thread_id)
    assert telegram.group_texts(thread_id)[-1] == t("staff.close_asked", number=number)
    await telegram.engineer_presses(f"st:close:{number}:not", thread_id=thread_id)
    assert (await telegram.ticket(number)).status == "open" and len(telegram.client_texts()) == sent

    await telegram.engineer_presses(f"st:close:{number}:ask", thread_id=thread_id)
    await telegram.engineer_presses(f"st:close:{number}:sure", thread_id=thread_id)
    assert (await telegram.ticket(number)).status == "closed"
    assert t("ticket.closed", number=number) in telegram.client_texts()
