"""What one client message costs the store, in statements: a count that a change of the hot path would break.

A known client's message is taken in one transaction of six statements: the platform id claimed, one
SELECT of the chat's rows (identity, client, conversation, open tickets), the identity's and the
conversation's UPDATE, and one INSERT each for the outbox and the transcript, however many replies.
Its reply is delivered in two: the queue's head leased (UPDATE … RETURNING), the outcome recorded.
Only statements that read or write rows are counted: BEGIN (SQLite) and NOTIFY (PostgreSQL) are each
store's own transaction plumbing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import uuid4

from sqlalchemy import event
from sqlmodel import select

from core.messages import Inbound
from service.runtime import Runtime
from storage.models import Message
from tests.store.dialogue import DeskChat

DATA = ("SELECT", "INSERT", "UPDATE", "DELETE")


@contextmanager
def counted(runtime: Runtime) -> Iterator[Counter[str]]:
    """The data statements sent to the desk's store inside the block, by their first word."""
    counts: Counter[str] = Counter()

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        word = statement.split(None, 1)[0].upper()
        if word in DATA:
            counts[word] += 1

    engine = runtime.desk.db.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", count)


def message(chat: DeskChat, **kwargs: Any) -> Inbound:
    """A message of the chat's client, handed to the desk without the drain ``DeskChat.say`` adds."""
    return Inbound(channel=chat.channel, sender=chat.sender, chat=chat.sender, platform_id=uuid4().hex, **kwargs)  # type: ignore[arg-type]


async def test_a_known_clients_message_is_taken_in_six_statements(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    await chat.say("Здравствуйте")

    with counted(runtime) as step:
        assert await runtime.desk.handle(message(chat, choice="menu:ticket"))

    assert step == {"INSERT": 3, "SELECT": 1, "UPDATE": 2}, step
    async with runtime.desk.sessions() as session:  # both lines of the transcript, in their order
        said = list(await session.exec(select(Message.direction, Message.text).order_by(Message.id)))  # type: ignore[arg-type]
    assert said[-2][0] == "in" and said[-2][1] == "[menu:ticket]" and said[-1][0] == "out"


async def test_a_reply_is_delivered_in_two_statements(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    await chat.say("Здравствуйте")
    await runtime.desk.handle(message(chat, choice="menu:ticket"))

    with counted(runtime) as delivery:
        assert await runtime.dispatcher.run_once() == 1

    assert delivery == {"UPDATE": 2}, delivery
    assert len(chat.outbox.take()) == 1
