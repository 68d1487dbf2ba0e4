"""A client who refuses consent is told «ничего о вас не сохраняю»: what they wrote before the question, their
name and phone in it, is not kept in the transcript either (152-FZ: no processing without consent)."""

from __future__ import annotations

from sqlmodel import select

from core.texts import t
from service.runtime import Runtime
from storage.models import Message
from tests.engine.desk_chat import RecordingChat, said

FIRST = "Меня зовут Сидоров Алексей, тел 8 927 123-45-67. Как подключить камеру к Бастиону? Не работает ничего"


async def transcript(runtime: Runtime) -> list[str]:
    async with runtime.desk.sessions() as session:
        return [m.text or "" for m in await session.exec(select(Message).where(Message.direction == "in"))]


async def test_what_was_written_before_a_refused_consent_is_not_kept(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    await chat.say(FIRST)
    assert any("Сидоров" in text for text in await transcript(runtime))  # kept while the consent is asked
    replies = await chat.press("consent:no")
    assert t("consent.declined") in said(replies)
    kept = " ".join(await transcript(runtime))
    assert "Сидоров" not in kept and "927" not in kept and "камер" not in kept


async def test_a_ticket_of_an_earlier_consent_keeps_its_transcript(runtime: Runtime) -> None:
    """Only the messages no ticket holds are dropped: an earlier ticket's dialogue is the engineers' record."""
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    before = await transcript(runtime)
    await chat.say("отзываю согласие")
    await chat.say("Оформить заявку")
    await chat.press("consent:no")
    after = await transcript(runtime)
    assert number and len(after) >= len(before)
    assert after[: len(before)] != ["[удалено]"] * len(before)
