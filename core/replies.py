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


def choices_on_last(replies: list[Outbound]) -> list[Outbound]:
    """The answers of one step with their options moved to the last message, for channels that show options there
    only: «Не нашёл ответа… [Оформить заявку]» then «Возможно, поможет: …» lost its keyboard in Viber."""
    if len(replies) < 2 or replies[-1].choices or len({(r.channel, r.chat) for r in replies}) > 1:
        return replies
    offering = max((i for i, reply in enumerate(replies) if reply.choices), default=None)
    if offering is None:
        return replies
    source = replies[offering]
    moved = {k: v for k, v in source.extras.items() if k == "unnumbered"}
    kept = {k: v for k, v in source.extras.items() if k != "unnumbered"}
    last = replies[-1]
    with_them = replace(last, choices=source.choices, request_phone=source.request_phone or last.request_phone,
                        extras={**last.extras, **moved})  # fmt: skip
    without = replace(source, choices=(), request_phone=False, extras=kept)
    return [*replies[:offering], without, *replies[offering + 1 : -1], with_them]


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
