"""Where a channel shows an answer's options only on its last message (Viber's keyboard is replaced by the next
message's, a numbered list is read where the answer ends), the options of an answer of several messages go on its
last: «Чтобы оформить заявку… [Согласен | Не согласен]» then «Возможно, поможет: …» left nothing to press."""

from __future__ import annotations

from core.texts import t
from service.runtime import Runtime
from tests.engine.desk_chat import RecordingChat

REPORT = "ошибка ключа защиты при запуске"  # a report with an entry that may help: two messages after the consent


async def answer(runtime: Runtime, *, choices_last: bool) -> list[tuple[str, list[str]]]:
    chat = RecordingChat(runtime, sender=f"client-{choices_last}")
    await chat.say("Здравствуйте", choices_last=choices_last)
    replies = await chat.say(REPORT, choices_last=choices_last)
    return [(reply.text, [choice.payload for choice in reply.choices]) for reply in replies]


async def test_the_options_go_on_the_last_message_where_the_channel_shows_them_there(runtime: Runtime) -> None:
    replies = await answer(runtime, choices_last=True)
    assert replies[-1][0].startswith(t("faq.maybe_helps", answer="")[:20])
    assert replies[-1][1] == ["consent:yes", "consent:no"]
    assert [payloads for _, payloads in replies[:-1]] == [[]] * (len(replies) - 1)  # offered once


async def test_elsewhere_they_stay_with_their_question(runtime: Runtime) -> None:
    replies = await answer(runtime, choices_last=False)
    consent = next(payloads for text, payloads in replies if text.startswith(t("consent.request", policy_url="")[:30]))
    assert consent == ["consent:yes", "consent:no"] and replies[-1][1] == []
