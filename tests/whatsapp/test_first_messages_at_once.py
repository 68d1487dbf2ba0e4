"""A new sender met by two transactions at once (two processes, a lease that ran out): one client, no 500."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest
from sqlmodel import select

from service.runtime import Runtime
from storage.models import Client, Identity, Message
from storage.repos import clients
from tests.fakes import inbound

SENDER = "+79165550123"


async def test_two_first_messages_handled_at_once_make_one_client(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # both transactions look the sender up before either creates it (PostgreSQL runs them truly at once;
    # SQLite's single writer runs them one after the other, and the second finds the first's identity)
    looked_up, both_looked = 0, asyncio.Event()
    get_identity = clients.get_identity

    async def meeting_halfway(**kwargs: Any) -> Identity | None:
        nonlocal looked_up
        found = await get_identity(**kwargs)
        if found is None:
            looked_up += 1
            if looked_up == 2:
                both_looked.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(both_looked.wait(), timeout=2)
        return found

    monkeypatch.setattr(clients, "get_identity", meeting_halfway)
    first = inbound("Здравствуйте", channel="whatsapp", sender=SENDER, verified_phone=SENDER)
    second = inbound("Сколько стоит поддержка?", channel="whatsapp", sender=SENDER, verified_phone=SENDER)

    assert await asyncio.gather(runtime.desk.handle(first), runtime.desk.handle(second)) == [True, True]

    async with runtime.desk.sessions() as session:
        assert len(list(await session.exec(select(Client)))) == 1  # the loser's client was rolled back with it
        [identity] = await session.exec(select(Identity))
        assert (identity.channel, identity.sender) == ("whatsapp", SENDER)
        written = [m.text for m in await session.exec(select(Message)) if m.direction == "in"]
    assert sorted(written) == sorted(["Здравствуйте", "Сколько стоит поддержка?"])
