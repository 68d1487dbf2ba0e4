"""A reply the engine wants to send, before it is addressed to a chat."""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.messages import Choice, Inbound, Outbound


@dataclass(frozen=True)
class Reply:
    text: str
    choices: tuple[Choice, ...] = ()
    request_phone: bool = False
    numbered: bool = True  # False where typed numbers mean something else (the summary)
    personal: bool = False  # carries personal data: redacted from the transcript on withdrawal

    def to(self, inbound: Inbound) -> Outbound:
        """The answer to ``inbound``, with what its channel asked to find on every answer (e-mail: the thread)."""
        outbound = self.address(inbound.channel, inbound.chat)
        return (
            replace(outbound, extras={**inbound.reply_extras, **outbound.extras}) if inbound.reply_extras else outbound
        )

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


def one_letter(replies: list[Outbound]) -> list[Outbound]:
    """The answers of one step to one chat as a single message: for channels where each message is a letter.

    Texts follow one another; the choices (and how they are numbered) are those of the last answer that has any.
    """
    if len(replies) < 2 or len({(r.channel, r.chat) for r in replies}) > 1:
        return replies
    with_choices = [r for r in replies if r.choices]
    last = with_choices[-1] if with_choices else replies[-1]
    extras: dict[str, str] = {}
    for reply in replies:
        extras.update({k: v for k, v in reply.extras.items() if k != "unnumbered"})
    if "unnumbered" in last.extras:
        extras["unnumbered"] = last.extras["unnumbered"]
    merged = replace(
        last,
        text="\n\n".join(r.text for r in replies if r.text),
        attachments=tuple(a for r in replies for a in r.attachments),
        request_phone=any(r.request_phone for r in replies),
        extras=extras,
    )
    return [merged]
