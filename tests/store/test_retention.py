"""Delivered and processed payloads are emptied after DATA_RETENTION_DAYS; newer ones and pending ones stay."""

from __future__ import annotations

from sqlmodel import select

from service.runtime import Runtime
from storage.models import InboxItem, OutboxItem
from storage.repos import inbox
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat


async def test_old_payloads_are_purged_and_recent_ones_kept(runtime: Runtime, clock: FakeClock) -> None:
    chat = DeskChat(runtime)
    await chat.say("Здравствуйте")  # a greeting, delivered: its payload holds the text
    async with runtime.inbox_store.transaction() as session:
        row = {"key": "telegram:1", "channel": "telegram", "queue": "telegram:1", "body": {"message": {"text": "hi"}}}
        await inbox.insert_new(session=session, rows=[row], now=clock.now)
    async with runtime.desk.transaction() as session:
        pending = OutboxItem(channel="console", queue="console:late", payload={"text": "ещё не отправлено"})
        pending.created_at = pending.next_attempt_at = clock.now
        session.add(pending)

    clock.advance(days=29)
    assert await runtime.purge_expired() == 0  # within the retention period nothing goes

    clock.advance(days=2)
    async with runtime.inbox_store.transaction() as session:
        for item in await session.exec(select(InboxItem)):
            item.status = "done"
    assert await runtime.purge_expired() >= 2
    async with runtime.desk.sessions() as session:
        items = list(await session.exec(select(OutboxItem)))
    sent = [i.payload for i in items if i.status == "sent"]
    assert sent and all(payload == {} for payload in sent)
    assert [i.payload for i in items if i.status == "pending"] == [{"text": "ещё не отправлено"}]
    async with runtime.inbox_store.sessions() as session:
        assert list(await session.exec(select(InboxItem))) == []
    assert await runtime.purge_expired() == 0  # purged once, not rewritten every hour
