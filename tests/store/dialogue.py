"""Drive the whole desk (store, outbox, dispatcher) the way a client on one channel would."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

from core.messages import Inbound, Outbound
from service.runtime import Runtime
from storage.repos.conversations import find_conversation
from tests.engine.intake_answers import VALID_ANSWERS
from tests.fakes import CollectingSender


@dataclass
class DeskChat:
    runtime: Runtime
    channel: str = "console"
    sender: str = "client-1"
    outbox: CollectingSender = field(default_factory=CollectingSender)
    verified_phone: str | None = None  # what the messenger vouches for on every message (WhatsApp's WaId)

    def __post_init__(self) -> None:
        self.runtime.senders[self.channel] = self.outbox

    async def say(self, text: str | None = None, **kwargs: Any) -> list[Outbound]:
        message = Inbound(
            channel=self.channel,  # type: ignore[arg-type]
            sender=self.sender,
            chat=self.sender,
            platform_id=kwargs.pop("platform_id", uuid4().hex),
            text=text,
            **{"verified_phone": self.verified_phone, **kwargs},
        )
        await self.runtime.desk.handle(message)
        await self.runtime.drain()
        return self.outbox.take()

    async def press(self, payload: str) -> list[Outbound]:
        return await self.say(None, choice=payload)

    async def open_ticket(self, kind: str = "consultation", **overrides: str) -> str:
        """From «Здравствуйте» to an opened ticket; its number."""
        await self.say("Здравствуйте", profile_name="Пётр")
        replies = await self.press("menu:ticket")
        if "152-ФЗ" in replies[-1].text:
            replies = await self.press("consent:yes")
        await self.press(f"kind:{kind}")
        replies = await self.press("crit:stopped") if kind in ("problem", "license") else replies
        for _ in range(40):
            state = await self.state()
            if state["stage"] == "returning":
                await self.press("ret:yes")
            elif state["stage"] == "verify":  # the contact is another client's on file: go on without the code
                await self.press("nav:skip")
            elif state["stage"] == "field":
                key = state["field"]
                replies = await self.say(overrides[key] if key in overrides else VALID_ANSWERS[key])
            elif state["stage"] == "form":  # several questions in one message, each answered by its number
                answers = {**VALID_ANSWERS, **overrides}
                replies = await self.say("\n".join(f"{n}. {answers[k]}" for n, k in enumerate(state["form_keys"], 1)))
            else:
                break
        if state["stage"] == "summary":  # a critical ticket is opened before the summary would come
            replies = await self.press("sum:send")
        number = (await self.state())["ticket"]
        assert number and any(number in r.text for r in replies), [r.text for r in replies]
        return number

    async def state(self) -> dict[str, Any]:
        async with self.runtime.desk.sessions() as session:
            conversation = await find_conversation(session=session, channel=self.channel, chat=self.sender)
            assert conversation is not None
            return conversation.state
