"""A platform id is recorded as processed only together with its effect.

When anything fails after the claim, the whole transaction is undone, so the retry or the platform's
redelivery of the same id is processed, once; a third delivery is a no-op.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlmodel import func, select

from core import engine, notices
from service.runtime import Runtime
from service.staff_actions import Engineer
from storage.db import create_engine
from storage.models import Message, ProcessedUpdate, Ticket
from storage.repos import dedupe
from storage.store import Store
from tests.fakes import CollectingSender, inbound
from tests.store.dialogue import DeskChat

ANNA = Engineer(id="701", name="Анна")


class Injected(RuntimeError):
    """A failure put in the middle of a transaction, after the platform id was claimed."""


def fail_once(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
    """``owner.name`` raises on its first call and works from then on."""
    real = getattr(owner, name)
    calls = 0

    def failing(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise Injected(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)


def texts_to(sender: CollectingSender, chat: str) -> list[str]:
    return [str(payload["text"]) for payload in sender.sent if payload["chat"] == chat]


async def transcript(runtime: Runtime, direction: str) -> list[str | None]:
    async with runtime.desk.sessions() as session:
        query = select(Message.text).where(Message.direction == direction).order_by(Message.id)  # type: ignore[arg-type]
        return list(await session.exec(query))


async def test_a_message_whose_step_failed_is_processed_once_when_it_comes_again(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    console = CollectingSender()
    runtime.senders["console"] = console
    await runtime.desk.handle(inbound("Здравствуйте", sender="undisturbed"))
    message = inbound("Здравствуйте", sender="client-1")
    fail_once(monkeypatch, engine, "step")

    with pytest.raises(Injected):
        await runtime.desk.handle(message)
    assert await runtime.desk.handle(message) is True  # the retry, or the platform's redelivery
    assert await runtime.desk.handle(message) is False  # one more redelivery: already handled
    await runtime.drain()

    assert texts_to(console, "client-1") == texts_to(console, "undisturbed") != []
    assert await transcript(runtime, "in") == ["Здравствуйте", "Здравствуйте"]  # the other client's and this one


async def test_a_staff_action_that_failed_is_done_once_when_it_comes_again(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = DeskChat(runtime)
    number = await chat.open_ticket()
    fail_once(monkeypatch, notices, "engineer_assigned")

    with pytest.raises(Injected):
        await runtime.staff.take(number, ANNA, "staff-message-1")
    assert await runtime.staff.take(number, ANNA, "staff-message-1") is True
    assert await runtime.staff.take(number, ANNA, "staff-message-1") is False
    await runtime.drain()

    told = [reply.text for reply in chat.outbox.take()]
    assert len(told) == 1 and number in told[0] and ANNA.name in told[0], told
    assert await transcript(runtime, "staff") == told
    async with runtime.desk.sessions() as session:
        ticket = (await session.exec(select(Ticket).where(Ticket.number == number))).one()
    assert (ticket.assignee, ticket.status) == (ANNA.name, "in_progress")


async def test_a_savepoint_is_undone_with_its_transaction(runtime: Runtime) -> None:
    with pytest.raises(Injected):
        async with runtime.desk.transaction() as session:
            async with session.begin_nested():
                session.add(ProcessedUpdate(key="console:in-a-savepoint"))
            raise Injected("after the savepoint was released")

    async with runtime.desk.sessions() as session:
        assert await session.get(ProcessedUpdate, "console:in-a-savepoint") is None


@pytest.mark.parametrize("first_commits", [True, False], ids=["first-commits", "first-fails"])
async def test_two_processes_claim_one_update_at_once(runtime: Runtime, first_commits: bool) -> None:
    """The second waits for the first: it sees the update taken if the first committed, free if it failed."""
    other_process = Store(create_engine(runtime.settings.database_url))
    key = "telegram:4242"
    claimed = asyncio.Event()

    async def first() -> None:
        async with runtime.desk.transaction() as session:
            assert await dedupe.claim_update(session=session, key=key)
            claimed.set()
            await asyncio.sleep(0.3)  # the second claims meanwhile and has to wait
            if not first_commits:
                raise Injected("the first process's step")

    async def second() -> bool:
        await claimed.wait()
        async with other_process.transaction() as session:
            return await dedupe.claim_update(session=session, key=key)

    try:
        outcomes = await asyncio.gather(first(), second(), return_exceptions=True)
    finally:
        await other_process.engine.dispose()
    assert outcomes[1] is (not first_commits), outcomes
    async with runtime.desk.sessions() as session:
        assert (await session.exec(select(func.count()).select_from(ProcessedUpdate))).one() == 1
