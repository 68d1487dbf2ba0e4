"""The webhook takes updates only with the configured secret, answers 400 to garbage and ignores what it cannot use."""

from __future__ import annotations

import pytest

from core.texts import t
from service.settings import Settings
from storage.repos.conversations import find_conversation
from tests.fakes import FakeClock
from tests.telegram import updates
from tests.telegram.fake_bot_api import FakeBotApi
from tests.telegram.world import TelegramWorld, telegram_world


async def _nothing_stored(telegram: TelegramWorld) -> None:
    async with telegram.runtime.desk.sessions() as session:
        assert await find_conversation(session=session, channel="telegram", chat=str(updates.CLIENT_ID)) is None


@pytest.mark.parametrize("secret", [None, "wrong-secret", ""])
async def test_wrong_or_missing_secret_is_401_and_nothing_is_stored(
    telegram: TelegramWorld, secret: str | None
) -> None:
    response = await telegram.post(updates.private_message(telegram.next_id(), text="/start"), secret=secret)

    assert response.status_code == 401
    await telegram.deliver()
    await _nothing_stored(telegram)
    assert telegram.bot_api.sent(updates.CLIENT_ID) == []


async def test_without_a_configured_secret_every_update_is_refused(settings: Settings, clock: FakeClock) -> None:
    async with telegram_world(settings, clock, telegram_webhook_secret=None) as telegram:
        response = await telegram.post(updates.private_message(telegram.next_id(), text="/start"), secret="")

        assert response.status_code == 401
        assert telegram.bot_api.called("setWebhook") == []


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"message": {"text": "no update_id"}}',
        b'{"update_id": 1, "message": {"text": "x"}}',
        b'{"update_id": 1, "message": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",  # nested too deep for the parser
    ],
)
async def test_malformed_body_is_400(telegram: TelegramWorld, body: bytes) -> None:
    response = await telegram.http.post(
        "/webhooks/telegram",
        content=body,
        headers={"X-Telegram-Bot-Api-Secret-Token": "webhook-secret-4f2a", "Content-Type": "application/json"},
    )

    assert response.status_code == 400


async def test_unknown_and_unhandled_update_types_are_acknowledged_and_ignored(telegram: TelegramWorld) -> None:
    unknown = {"update_id": telegram.next_id(), "some_future_update": {"id": 1}}
    edited = updates.private_message(telegram.next_id(), text="правка")
    edited["edited_message"] = edited.pop("message")

    for update in (unknown, edited):
        assert (await telegram.post(update)).status_code == 200
    await telegram.deliver()
    await _nothing_stored(telegram)


async def test_serve_registers_the_webhook_with_the_secret(telegram: TelegramWorld) -> None:
    [registered] = telegram.bot_api.called("setWebhook")

    assert registered["url"] == "https://support.example.test/webhooks/telegram"
    assert registered["secret_token"] == "webhook-secret-4f2a"
    assert set(registered["allowed_updates"]) == {"message", "callback_query", "edited_message"}


async def test_a_failed_webhook_registration_does_not_stop_the_service(settings: Settings, clock: FakeClock) -> None:
    bot_api = FakeBotApi()
    bot_api.fail("/setWebhook", 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})

    async with telegram_world(settings, clock, bot_api=bot_api) as telegram:
        assert len(bot_api.called("setWebhook")) == 1
        await telegram.client_says("/start")
        assert telegram.client_texts() == [t("menu.greeting")]


async def test_a_message_with_a_field_newer_than_aiogram_is_answered_for_what_it_says(telegram: TelegramWorld) -> None:
    """Telegram adds kinds of nested objects before aiogram knows them: a 400 would have the client's message
    retried and given up; the field no handler reads is left out instead."""
    update = updates.private_message(telegram.next_id(), text="/start")
    update["message"]["forward_origin"] = {"type": "hidden_channel_2027", "date": 1_700_000_000}

    assert (await telegram.post(update)).status_code == 200
    await telegram.deliver()

    assert telegram.client_texts() == [t("menu.greeting")]


async def test_a_message_of_a_kind_newer_than_aiogram_gets_the_answer_for_what_cannot_be_read(
    telegram: TelegramWorld,
) -> None:
    await telegram.client_says("/start")
    update = updates.private_message(telegram.next_id())
    update["message"]["paid_media"] = {"star_count": 5, "paid_media": [{"type": "hologram", "id": "h1"}]}

    assert (await telegram.post(update)).status_code == 200
    await telegram.deliver()

    greeting, answer = telegram.client_texts()
    assert t("unsupported.other") in answer


@pytest.mark.parametrize(
    "message",
    [
        {"message_id": 1, "date": 1, "chat": {"id": "not a number", "type": "private"}, "text": "x"},
        {"message_id": "one", "date": 1, "chat": {"id": 1, "type": "private"}, "text": "x"},
        {"message_id": 1, "date": 1, "chat": "private", "text": "x"},
    ],
)
async def test_a_message_without_what_every_message_has_is_still_malformed(
    telegram: TelegramWorld, message: dict[str, object]
) -> None:
    response = await telegram.post({"update_id": telegram.next_id(), "message": message})

    assert response.status_code == 400
