"""Delivered and processed payloads are emptied after DATA_RETENTION_DAYS; newer ones and pending ones stay."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from core.scrub import REDACTED
from service.runtime import Runtime
from storage.models import (
    Conversation,
    DeskSession,
    DeskUser,
    FormLink,
    InboxItem,
    LoginFailure,
    Message,
    OutboxItem,
)
from storage.repos import inbox
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat


async def test_old_payloads_are_purged_and_recent_ones_kept(runtime: Runtime, clock: FakeClock) -> None:
    chat = DeskChat(runtime)
    await chat.say("Здравствуйте")  # a greeting, delivered: its payload holds the text
    async with runtime.inbox_store.statements() as connection:
        row = {"key": "telegram:1", "channel": "telegram", "queue": "telegram:1", "body": {"message": {"text": "hi"}}}
        await inbox.insert_new(connection=connection, rows=[row], now=clock.now)
    async with runtime.desk.transaction() as session:
        pending = OutboxItem(channel="console", queue="console:late", payload={"text": "ещё не отправлено"})
        pending.created_at = pending.next_attempt_at = clock.now
        session.add(pending)

    clock.advance(days=29)
    await runtime.purge_expired()
    async with runtime.desk.sessions() as session:  # within the retention period no payload goes
        assert all(item.payload for item in await session.exec(select(OutboxItem)))

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


async def test_expired_sessions_form_links_and_old_login_failures_are_dropped(
    runtime: Runtime, clock: FakeClock
) -> None:
    chat = DeskChat(runtime)
    await chat.say("Здравствуйте")  # a conversation for the form link to belong to
    async with runtime.desk.transaction() as session:
        [conversation] = list(await session.exec(select(Conversation)))
        assert conversation.id is not None
        user = DeskUser(login="anna", password_hash="argon2-hash")
        session.add(user)
        await session.flush()
        assert user.id is not None
        for hours in (1, 48):  # one expires soon, one lives on
            later = clock.now + timedelta(hours=hours)
            session.add(DeskSession(token_hash=f"s{hours}", user_id=user.id, csrf_token="c", expires_at=later))
            link = FormLink(token_hash=f"f{hours}", conversation_id=conversation.id, channel="viber", chat="v")
            link.expires_at = later
            session.add(link)
        session.add(LoginFailure(key="login:anna", at=clock.now))

    clock.advance(hours=2)
    await runtime.purge_expired()
    async with runtime.desk.sessions() as session:
        assert [s.token_hash for s in await session.exec(select(DeskSession))] == ["s48"]
        assert [f.token_hash for f in await session.exec(select(FormLink))] == ["f48"]
        assert len(list(await session.exec(select(LoginFailure)))) == 1  # still counted for a day

    clock.advance(days=1)
    await runtime.purge_expired()
    async with runtime.desk.sessions() as session:
        assert list(await session.exec(select(LoginFailure))) == []


async def test_what_someone_who_never_consented_wrote_is_redacted_a_day_on(runtime: Runtime, clock: FakeClock) -> None:
    """«Меня зовут Сидоров, тел 8 927 700-11-22, не пишется архив» and no answer to the consent question: the
    message and the draft that kept it as the description stayed for good."""
    silent, agreed = DeskChat(runtime, sender="silent"), DeskChat(runtime, sender="agreed")
    first = "Меня зовут Сидоров Алексей, тел 8 927 700-11-22, не пишется архив на сервере"
    await silent.say(first)
    await agreed.say(first)
    await agreed.press("consent:yes")
    assert (await silent.state())["pending_question"] == first  # kept for the description, waiting for consent

    clock.advance(hours=23)
    await runtime.purge_expired()
    assert await inbound_texts(runtime, "silent") == [first]  # they may still answer today

    clock.advance(hours=2)
    assert await runtime.purge_expired() >= 2
    assert await inbound_texts(runtime, "silent") == [REDACTED]
    state = await silent.state()
    assert not state["pending_question"] and state["stage"] == "idle"
    assert (await inbound_texts(runtime, "agreed"))[0] == first  # consent given: kept
    assert await runtime.purge_expired() == 0  # redacted once, not rewritten every hour


async def inbound_texts(runtime: Runtime, sender: str) -> list[str | None]:
    async with runtime.desk.sessions() as session:
        [conversation] = (await session.exec(select(Conversation).where(Conversation.chat == sender))).all()
        found = await session.exec(
            select(Message)
            .where(Message.conversation_id == conversation.id, Message.direction == "in")
            .order_by(Message.id)
        )
        return [message.text for message in found]
