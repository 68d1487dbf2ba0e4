"""A reply the engine wants to send, before it is addressed to a chat."""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import Choice, Inbound, Outbound


@dataclass(frozen=True)
class Reply:
    text: str
    choices: tuple[Choice, ...] = ()
    request_phone: bool = False
    numbered: bool = True  # False where typed numbers mean something else (the summary)
    personal: bool = False  # carries personal data: redacted from the transcript on withdrawal

    def to(self, inbound: Inbound) -> Outbound:
        return self.address(inbound.channel, inbound.chat)

    def address(self, channel: str, chat: str) -> Outbound:
        extras = {}
        if not self.numbered:
            extras["unnumbered"] = "1"
        if self.personal:
            extras["personal"] = "1"
        return Outbound(
            channel=channel,  # type: ignore[arg-type]
            chat=chat,
            text=self.text,
            choices=self.choices,
            request_phone=self.request_phone,
            extras=extras,
        )
