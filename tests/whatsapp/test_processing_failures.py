"""A message whose processing fails is acknowledged all the same and processed later; it is given up only
past the retry horizon, and then the log says so (ids only)."""

from __future__ import annotations

import json
from typing import Any, TextIO

import pytest
from sqlmodel import select

from core.messages import Inbound
from core.texts import t
from storage.models import InboxItem
from tests.conftest import EMAIL_IN_LOG, PHONE_IN_LOG
from tests.whatsapp.world import WhatsAppWorld


def logged_since(run_log: TextIO, start: int) -> list[str]:
    """The lines of the test run's log written since ``start`` (an offset from ``run_log.tell()``)."""
    run_log.flush()
    with open(run_log.name, encoding="utf-8") as stream:
        stream.seek(start)
        return stream.read().splitlines()


async def inbox_items(whatsapp: WhatsAppWorld) -> list[InboxItem]:
    async with whatsapp.runtime.inbox_store.sessions() as session:
        return list(await session.exec(select(InboxItem)))


def failing(times: int, handle: Any) -> Any:
    """The desk's ``handle``, failing its first ``times`` calls as a store or a bug would."""
    calls = 0

    async def handle_or_fail(inbound: Inbound) -> bool:
        nonlocal calls
        calls += 1
        if calls <= times:
            raise RuntimeError("the store hiccuped")
        return await handle(inbound)

    return handle_or_fail


async def test_a_failed_processing_is_acknowledged_and_done_later(
    whatsapp: WhatsAppWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whatsapp.runtime.desk, "handle", failing(3, whatsapp.runtime.desk.handle))
    await whatsapp.client_says("Здравствуйте")  # 200 once stored
    assert whatsapp.sent() == []
    for _ in range(3):
        whatsapp.clock.advance(minutes=1)
        await whatsapp.deliver()
    assert len(whatsapp.sent()) == 1
    [item] = await inbox_items(whatsapp)
    assert item.status == "done" and item.body == {}


async def test_an_item_failing_for_good_is_retried_until_the_horizon_then_failed_and_logged(
    whatsapp: WhatsAppWorld, monkeypatch: pytest.MonkeyPatch, run_log: TextIO
) -> None:
    start = run_log.tell()
    monkeypatch.setattr(whatsapp.runtime.desk, "handle", failing(10_000, whatsapp.runtime.desk.handle))
    await whatsapp.client_says("Здравствуйте")
    for _ in range(23 * 6):  # 23 hours, 10 minutes at a time
        whatsapp.clock.advance(minutes=10)
        await whatsapp.deliver()
    [item] = await inbox_items(whatsapp)
    assert item.status == "pending" and item.attempts > 100  # every 5 to 10 minutes, not six times and out

    for _ in range(2 * 6):
        whatsapp.clock.advance(minutes=10)
        await whatsapp.deliver()
    [item] = await inbox_items(whatsapp)
    assert item.status == "failed" and item.last_error == "RuntimeError"

    lines = logged_since(run_log, start)
    [given_up] = [r for line in lines if (r := json.loads(line))["event"] == "inbox_item_failed_for_good"]
    assert (given_up["item_id"], given_up["channel"], given_up["level"]) == (item.id, "whatsapp", "error")
    assert not [line for line in lines if PHONE_IN_LOG.search(line) or EMAIL_IN_LOG.search(line)]


async def test_a_refused_account_keeps_the_messages_until_the_credentials_are_fixed(whatsapp: WhatsAppWorld) -> None:
    """Twilio's 401 (code 20003) is about our account, not the message: it used to fail it for good, lost."""
    whatsapp.api.fail("/Messages.json", 401, {"code": 20003, "message": "Authenticate"}, times=3)
    await whatsapp.client_says("Сколько стоит поддержка?")
    await whatsapp.retried_until_sent(3)  # the first try and two more refused, then the credentials are put right
    assert whatsapp.bodies()[-2].startswith(t("menu.greeting")) and "бесплатна" in whatsapp.bodies()[-1]


async def test_each_failed_try_of_a_reply_is_logged_with_its_code(whatsapp: WhatsAppWorld, run_log: TextIO) -> None:
    """An outage of Twilio and Viber left no line in the log: only Telegram's sender said its failures."""
    start = run_log.tell()
    whatsapp.api.fail("/Messages.json", 500, times=2)
    await whatsapp.client_says("Здравствуйте")
    await whatsapp.retried_until_sent(2)
    tries = [json.loads(line) for line in logged_since(run_log, start) if "outbox_try_failed" in line]
    assert [(entry["channel"], entry["attempts"], entry["error"]) for entry in tries] == [
        ("whatsapp", 1, "http 500"),
        ("whatsapp", 2, "http 500"),
    ]
