"""Webhooks are acknowledged before what they brought is processed (issue 17), and nothing is lost or starved by it.

With the service's own background running (``RUN_DISPATCHER``): a burst of webhooks is acknowledged whole and
every message is answered afterwards; a flood that never pauses still lets the replies out; while webhooks are
being answered the inbox takes one chat's item a pass, not a batch. The webhook keeps its answers.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable

import httpx

from service.app import ACKNOWLEDGED_WEBHOOKS
from service.inbox import BATCH
from service.settings import Settings
from tests.fakes import FakeClock
from tests.telegram import updates
from tests.telegram.world import WEBHOOK_SECRET, TelegramWorld, telegram_world

CLIENTS = 3 * BATCH  # more chats than one pass of the inbox takes
HANG_GUARD = 120.0  # seconds: a test that would wait for ever fails instead; no assertion on how long anything took


async def until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, "never happened"
        await asyncio.sleep(0.01)


def replied(telegram: TelegramWorld, chats: list[int]) -> Callable[[], bool]:
    """Every chat got a message from the bot (the background delivers them)."""
    return lambda: all(telegram.bot_api.sent(chat) for chat in chats)


async def test_a_burst_of_webhooks_is_all_acknowledged_and_then_all_answered(
    settings: Settings, clock: FakeClock
) -> None:
    chats = [updates.CLIENT_ID + n for n in range(CLIENTS)]
    async with telegram_world(settings, clock, run_dispatcher=True) as telegram:
        burst = [updates.private_message(telegram.next_id(), chat, text="/start") for chat in chats]
        answers = await asyncio.gather(*(telegram.post(update) for update in burst))
        assert [answer.status_code for answer in answers] == [200] * CLIENTS
        assert {answer.json()["ok"] for answer in answers} == {True}
        await until(replied(telegram, chats))


async def test_webhooks_that_never_pause_do_not_starve_the_replies(settings: Settings, clock: FakeClock) -> None:
    async with telegram_world(settings, clock, run_dispatcher=True) as telegram:
        with telegram.runtime.acks.answering():  # as if a platform had a webhook in flight all the time
            answer = await telegram.post(updates.private_message(telegram.next_id(), text="/start"))
            assert answer.status_code == 200
            await until(replied(telegram, [updates.CLIENT_ID]))
            assert telegram.runtime.acks.busy


async def test_while_webhooks_are_answered_a_pass_takes_one_chat_not_a_batch(
    settings: Settings, clock: FakeClock
) -> None:
    async with telegram_world(settings, clock) as telegram:  # no background: the test runs the passes
        for chat in range(updates.CLIENT_ID, updates.CLIENT_ID + 3):
            answer = await telegram.post(updates.private_message(telegram.next_id(), chat, text="/start"))
            assert answer.status_code == 200
        inbox, acks = telegram.runtime.inbox, telegram.runtime.acks
        with acks.answering():
            assert await inbox.process_once() == 1
        await until(lambda: not acks.busy)  # the last answer was a moment ago
        assert await inbox.process_once() == 2


async def test_the_webhook_answers_as_before(settings: Settings, clock: FakeClock) -> None:
    async with telegram_world(settings, clock) as telegram:
        wrong_method = await telegram.http.get("/webhooks/telegram")
        no_channel = await telegram.http.post("/webhooks/nosuch", json={})
        schema = (await telegram.http.get("/openapi.json")).json()
    assert (wrong_method.status_code, wrong_method.json()) == (405, {"detail": "Method Not Allowed"})
    assert wrong_method.headers["allow"] == "POST"
    assert (no_channel.status_code, no_channel.json()) == (404, {"detail": "no nosuch channel, or it is off"})
    assert "post" in schema["paths"]["/webhooks/{name}"]  # still documented


async def test_a_webhook_without_a_declared_length_is_answered_and_processed_alike(
    settings: Settings, clock: FakeClock
) -> None:
    """Such a request goes through the middleware stack (its bytes counted against the limit), not the shortcut."""
    async with telegram_world(settings, clock) as telegram:
        streamed_chat, declared_chat = updates.CLIENT_ID + 1, updates.CLIENT_ID + 2
        replies = []
        for chat, stream in ((streamed_chat, True), (declared_chat, False)):
            body = json.dumps(updates.private_message(telegram.next_id(), chat, text="/start")).encode()
            answer = await post_raw(telegram, body, WEBHOOK_SECRET, stream=stream)
            forged = await post_raw(telegram, body, "forged", stream=stream)
            assert (answer.status_code, answer.json(), forged.status_code) == (200, {"ok": True}, 401)
            assert stream == ("content-length" not in answer.request.headers)
            await telegram.deliver()
            replies.append(telegram.bot_api.texts(chat))
    assert replies[0] == replies[1] != []


async def post_raw(telegram: TelegramWorld, body: bytes, secret: str, *, stream: bool) -> httpx.Response:
    """``body`` posted with its length declared, or streamed without one."""

    async def one_chunk() -> AsyncIterator[bytes]:
        yield body

    headers = {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"}
    return await telegram.http.post("/webhooks/telegram", content=one_chunk() if stream else body, headers=headers)


def access_line(path: str, status: int) -> logging.LogRecord:
    args = ("203.0.113.9:443", "POST", path, "1.1", status)
    return logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None)


def test_only_acknowledged_webhooks_leave_the_access_log() -> None:
    assert not ACKNOWLEDGED_WEBHOOKS.filter(access_line("/webhooks/telegram", 200))
    assert ACKNOWLEDGED_WEBHOOKS.filter(access_line("/webhooks/telegram", 401))  # a forged call is still logged
    assert ACKNOWLEDGED_WEBHOOKS.filter(access_line("/desk/tickets", 200))
    assert ACKNOWLEDGED_WEBHOOKS in logging.getLogger("uvicorn.access").filters
