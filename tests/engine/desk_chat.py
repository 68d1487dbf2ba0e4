"""A client at the whole desk (store, outbox) who keeps everything the bot said, for the tests of issue 15."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import select

from core.messages import Outbound
from storage.models import Client, Identity
from tests.store.dialogue import DeskChat


@dataclass
class RecordingChat(DeskChat):
    seen: list[Outbound] = field(default_factory=list)

    async def say(self, text: str | None = None, **kwargs: Any) -> list[Outbound]:
        replies = await super().say(text, **kwargs)
        self.seen += replies
        return replies

    def confirmation(self, number: str) -> Outbound:
        """The first message naming the ticket: its confirmation."""
        return next(reply for reply in self.seen if number in reply.text)

    async def client(self) -> Client:
        """The client the desk keeps for this chat, read afresh."""
        async with self.runtime.desk.sessions() as session:
            identity = (await session.exec(select(Identity).where(Identity.sender == self.sender))).one()
            client = await session.get(Client, identity.client_id)
        assert client is not None
        return client


def said(replies: list[Outbound]) -> str:
    return "\n".join(reply.text for reply in replies)
