"""The terminal as a messenger: what `support-bot chat` uses to talk to the engine."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from uuid import uuid4

from rich.console import Console
from rich.panel import Panel

from bots.base import DeliveryResult
from bots.channel import Capabilities
from core.messages import Attachment, Inbound, Outbound
from core.render import choices_as_text

FILE_COMMAND = "/file "


class ConsoleChannel:
    """Prints the bot's messages; turns typed lines (and `/file path`) into inbound messages."""

    name = "console"
    capabilities = Capabilities(buttons=False, text_limit=None, media=False, formatting="plain")

    def __init__(self, console: Console, user: str) -> None:
        self.console = console
        self.user = user

    def inbound(self, line: str) -> Inbound:
        attachments: tuple[Attachment, ...] = ()
        text: str | None = line
        if line.startswith(FILE_COMMAND):
            path = Path(line.removeprefix(FILE_COMMAND).strip()).expanduser()
            mime, _ = mimetypes.guess_type(path.name)
            kind = "image" if (mime or "").startswith("image/") else "document"
            size = path.stat().st_size if path.exists() else None
            attachments = (Attachment(kind, f"file:{path}", mime, size, path.name),)  # type: ignore[arg-type]
            text = None
        return Inbound(
            channel="console",
            sender=self.user,
            chat=self.user,
            platform_id=uuid4().hex,
            text=text,
            attachments=attachments,
            profile_name=self.user,
        )

    async def deliver(self, payload: dict[str, Any]) -> DeliveryResult:
        message = Outbound.from_dict(payload)
        if message.chat != self.user:  # another user's terminal: kept until they open their chat
            return DeliveryResult.later("another console user's chat")
        text = message.text if message.extras.get("unnumbered") else choices_as_text(message.text, message.choices)
        if message.extras.get("unnumbered") and message.choices:
            text += "\n\n" + " · ".join(f"«{c.title}»" for c in message.choices)
        for attachment in message.attachments:
            text += f"\n📎 {attachment.file_name or attachment.ref}"
        self.console.print(
            Panel(text, title=message.extras.get("author", "ТвинПро"), title_align="left", border_style="cyan")
        )
        return DeliveryResult.sent()
