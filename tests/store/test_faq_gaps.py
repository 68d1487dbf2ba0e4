"""Issue 14, «learn from misses»: questions the FAQ could not answer and «не помогло» presses reach
`support-bot faq gaps`, grouped however they were typed, most frequent first, and without personal data."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from service import cli
from service.runtime import Runtime
from service.settings import Settings
from storage.models import FaqGap
from storage.repos import faq_gaps
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat

WEATHER = "Какая погода завтра в Москве?"  # nothing in the knowledge base answers it
COST = "Сколько стоит техподдержка?"  # answered by the entry support-cost


async def gaps_command(settings: Settings, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    """`support-bot faq gaps ARGS` on the test's store, as an operator would run it."""
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setattr(cli, "configure_logging", lambda *args, **kwargs: None)  # keep the run's log
    result = await asyncio.to_thread(CliRunner().invoke, cli.app, ["faq", "gaps", *args])
    return result.exit_code, result.output


async def gaps_json(settings: Settings, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[dict[str, Any]]:
    code, output = await gaps_command(settings, monkeypatch, "--json", *args)
    assert code == 0, output
    return json.loads(output)


async def test_unanswered_questions_and_not_helpful_presses_are_listed_most_frequent_first(
    runtime: Runtime, settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await DeskChat(runtime, sender="first").say(WEATHER)
    clock.advance(minutes=5)
    await DeskChat(runtime, sender="second").say("какая  погода ЗАВТРА в москве!!")
    cost = DeskChat(runtime, sender="third")
    await cost.say(COST)
    clock.advance(minutes=5)
    await cost.press("menu:ticket")  # after the answer: it did not help, a ticket instead

    listed = await gaps_json(settings, monkeypatch)

    assert [(gap["count"], gap["entry"]) for gap in listed] == [(2, None), (1, "support-cost")]
    assert faq_gaps.normalize(listed[0]["question"]) == faq_gaps.normalize(WEATHER)
    assert listed[0]["last_asked"] == (clock.now - timedelta(minutes=5)).isoformat()
    assert listed[1]["question"] == COST and listed[1]["last_asked"] == clock.now.isoformat()
    assert await gaps_json(settings, monkeypatch, "--limit", "1") == listed[:1]

    code, table = await gaps_command(settings, monkeypatch)
    assert code == 0
    assert "погода" in table and "support-cost" in table and "ответа не нашлось" in table


async def test_a_phone_email_or_name_typed_in_a_question_is_not_kept(
    runtime: Runtime, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = DeskChat(runtime)
    await chat.say(
        "Пётр Сидоров, +7 916 123-45-67, petr.sidorov@mail.ru: где купить билеты в театр?", profile_name="Пётр Сидоров"
    )
    await chat.say(f"{COST} Мой номер 8 (916) 765-43-21, почта petr.sidorov@mail.ru")
    await chat.press("menu:ticket")

    async with runtime.desk.sessions() as session:
        kept = [gap.text for gap in await session.exec(select(FaqGap))]
    listed = " ".join(gap["question"] for gap in await gaps_json(settings, monkeypatch))
    assert len(kept) == 2 and "театр" in listed and "Сколько стоит" in listed
    for text in [*kept, listed]:
        assert not re.search(r"\d{3}\D{0,3}\d{2}\D?\d{2}", text), text
        assert "@" not in text and "сидоров" not in text.casefold() and "пётр" not in text.casefold(), text


async def test_a_name_the_writer_introduces_is_not_kept_though_no_profile_names_it(runtime: Runtime) -> None:
    """Only the profile's name was cut out; a name typed in the question stayed in the gap."""
    await DeskChat(runtime).say("Меня зовут Сидоров Алексей. Какая погода завтра в Москве, где Орион?")
    async with runtime.desk.sessions() as session:
        [kept] = [gap.text for gap in await session.exec(select(FaqGap))]
    assert "Сидоров" not in kept and "Алексей" not in kept
    assert "погода" in kept and "Орион" in kept  # a product named like a person stays


async def test_an_organisation_and_a_name_in_another_case_are_not_kept(runtime: Runtime) -> None:
    """«…спрашивает ИП Сомова, звонить Маргарите» was kept whole."""
    await DeskChat(runtime).say("какая погода завтра, спрашивает ИП Сомова, звонить Маргарите")
    async with runtime.desk.sessions() as session:
        [kept] = [gap.text for gap in await session.exec(select(FaqGap))]
    assert "Сомова" not in kept and "Маргарите" not in kept and "погода" in kept


async def test_gaps_group_by_wording_and_order_by_count_then_recency(runtime: Runtime, clock: FakeClock) -> None:
    asked = [
        ("Как сбросить пароль?", None),
        ("как  СБРОСИТЬ пароль", None),
        ("Где скачать драйвер", None),
        ("Где скачать драйвер?!", None),
        ("Как сбросить пароль?", "password-reset"),  # another gap: this entry was shown and did not help
        ("Какой у вас адрес", None),
    ]
    for query, entry in asked:
        clock.advance(minutes=1)
        async with runtime.desk.transaction() as session:
            faq_gaps.record_gap(session=session, query=query, entry_id=entry, now=clock.now)

    async with runtime.desk.sessions() as session:
        gaps = await faq_gaps.list_gaps(session=session, limit=10)

    keys = [(faq_gaps.normalize(gap.text), gap.count, gap.entry_id) for gap in gaps]
    assert keys == [
        ("где скачать драйвер", 2, None),  # as often as the password, but asked more recently
        ("как сбросить пароль", 2, None),
        ("какой у вас адрес", 1, None),
        ("как сбросить пароль", 1, "password-reset"),
    ]
    assert gaps[0].last_asked == clock.now - timedelta(minutes=2)


async def test_a_long_question_is_capped_and_an_empty_one_is_not_kept(runtime: Runtime, clock: FakeClock) -> None:
    async with runtime.desk.transaction() as session:
        faq_gaps.record_gap(session=session, query="очень " * 2000 + "+7 916 123-45-67", now=clock.now)
        faq_gaps.record_gap(session=session, query=" ?! ", now=clock.now)

    async with runtime.desk.sessions() as session:
        (gap,) = await faq_gaps.list_gaps(session=session, limit=10)
    assert len(gap.text) == faq_gaps.MAX_TEXT
