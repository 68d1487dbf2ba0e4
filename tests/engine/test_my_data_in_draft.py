"""152-FZ, art. 14: «Мои данные» tells everything kept about the client, the request being filled in included (its
e-mail, organisation, name), and before consent the message they wrote first; it listed neither."""

from __future__ import annotations

from core.texts import t
from service.runtime import Runtime
from tests.engine.desk_chat import RecordingChat, said


async def test_the_draft_in_progress_is_listed(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    await chat.say("Не открывается журнал событий в Бастион-3")
    await chat.press("consent:yes")
    await chat.press("crit:partial")
    assert (await chat.state())["field"] == "contact"
    await chat.say("smirnova@vector.ru")
    replies = await chat.say("мои данные")
    report = said(replies)
    assert t("mydata.draft") in report
    assert "smirnova@vector.ru" in report and "Бастион-3" in report
    assert "Не открывается журнал событий" in report


async def test_before_consent_the_first_message_is_said_to_be_kept(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    await chat.say("Иванов Пётр, 8 927 123-45-67, не работает турникет")
    replies = await chat.say("какие мои данные вы храните?")
    assert t("mydata.nothing_but_message") in said(replies)
