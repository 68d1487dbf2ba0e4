"""The terminal chat shows its own user's messages only: a code sent to another client's console chat waits for
that client's terminal instead of appearing in whoever's terminal is open."""

from __future__ import annotations

import io

from rich.console import Console

from bots.console import ConsoleChannel
from core.messages import Outbound


async def test_console_prints_only_its_own_users_messages() -> None:
    screen = io.StringIO()
    channel = ConsoleChannel(Console(file=screen, width=80), "eve")
    other = await channel.deliver(Outbound("console", "anna", "Код подтверждения: 123456").to_dict())
    own = await channel.deliver(Outbound("console", "eve", "Здравствуйте!").to_dict())
    assert not other.ok and other.retry and own.ok
    assert "123456" not in screen.getvalue() and "Здравствуйте!" in screen.getvalue()
