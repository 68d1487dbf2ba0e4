"""A file the client is told was refused (an executable) is not offered to the engineers in the transcript either:
«Файл «setup.exe» не принимаю» was said, and the desk page still served it."""

from __future__ import annotations

from sqlmodel import select

from core.messages import Attachment
from service.runtime import Runtime
from storage.models import Message
from tests.store.dialogue import DeskChat


async def test_a_refused_file_is_not_in_the_transcript_and_an_accepted_one_is(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    await chat.open_ticket()
    exe = Attachment("document", "store:setup", "application/x-msdownload", 1000, "setup.exe")
    log = Attachment("document", "store:log", "text/plain", 1000, "bastion.log")

    replies = await chat.say("вот файлы", attachments=(exe, log))

    assert any("setup.exe" in reply.text for reply in replies)  # told it was refused
    async with runtime.desk.sessions() as session:
        [last] = [m for m in await session.exec(select(Message).order_by(Message.id)) if m.direction == "in"][-1:]
    assert [a["file_name"] for a in last.attachments] == ["bastion.log"]
