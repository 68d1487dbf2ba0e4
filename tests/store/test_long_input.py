"""A message far longer than any messenger allows is cut to the channel's limit before anything reads it."""

from __future__ import annotations

from sqlmodel import select

from core.messages import DEFAULT_TEXT_LIMIT
from service.runtime import Runtime
from storage.models import Message
from tests.store.dialogue import DeskChat


async def test_a_megabyte_of_text_is_clipped_and_answered(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    replies = await chat.say("журнал " + "x@" * 500_000)  # a pathological «address» a megabyte long
    assert replies  # answered, as any question
    async with runtime.desk.sessions() as session:
        [stored] = [m for m in await session.exec(select(Message)) if m.direction == "in"]
    assert stored.text is not None and len(stored.text) == DEFAULT_TEXT_LIMIT


async def test_characters_that_reverse_the_text_shown_after_them_are_dropped(runtime: Runtime) -> None:
    """U+202E made a client's words read backwards in the engineers' topic and on the desk."""
    chat = DeskChat(runtime)
    await chat.say("журнал \u202eникак не открывается\u202c, \u2067а что делать\u2069")
    async with runtime.desk.sessions() as session:
        [stored] = [m for m in await session.exec(select(Message)) if m.direction == "in"]
    assert stored.text == "журнал никак не открывается, а что делать"
