"""Issue 14, «learn from misses»: questions the FAQ could not answer reach `support-bot faq gaps` and the desk's
report grouped by their words' lemmas: two clients asking the same thing in another word order and form are one
question asked twice."""

from __future__ import annotations

from datetime import timedelta

from service.runtime import Runtime
from storage.repos import desk_reports, faq_gaps
from tests.engine.desk_chat import RecordingChat
from tests.fakes import FakeClock

ASKED = ["Какая погода завтра в Москве?", "завтра в Москве погода какая", "Погоду завтра в Москве какую ждать?"]


async def test_one_question_in_other_words_order_and_forms_is_one_gap(runtime: Runtime, clock: FakeClock) -> None:
    start = clock.now
    for number, question in enumerate(ASKED):
        clock.advance(minutes=1)
        await RecordingChat(runtime, sender=f"client-{number}").say(question)

    async with runtime.desk.sessions() as session:
        gaps = await faq_gaps.list_gaps(session=session, limit=10)
        top = await desk_reports.top_questions(
            session=session, start=start, end=clock.now + timedelta(minutes=1), limit=10
        )

    assert [(gap.count, gap.entry_id) for gap in gaps] == [(2, None), (1, None)]  # «ждать» is one more word
    assert gaps[0].text in ASKED[:2] and gaps[1].text == ASKED[2]
    assert [question.count for question in top] == [2, 1]
