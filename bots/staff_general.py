"""Commands in the group's general topic (outside any ticket): the queue and release announcements.

Each handler gets the message, the text after the command and the dispatcher's data (``staff``,
``directory``, ``bot`` and whatever service/channels/telegram.py puts there).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import Message

from bots.staff_announce import on_announce
from bots.staff_queue import on_queue

GeneralCommand = Callable[..., Awaitable[None]]  # handler(message, argument, **data)
GENERAL_COMMANDS: dict[str, GeneralCommand] = {  # command name without «/» → its handler
    "queue": on_queue,
    "announce": on_announce,
}


async def on_general_message(message: Message, data: dict[str, Any]) -> bool:
    """Run a general-topic command; False when the message is none (the group's own talk)."""
    head, *argument = (message.text or "").split(maxsplit=1) or [""]  # the text may start on the next line
    if not head.startswith("/"):
        return False
    handler = GENERAL_COMMANDS.get(head[1:].split("@", 1)[0].casefold())
    if handler is None:
        return False
    await handler(message, "".join(argument).strip(), **data)
    return True
