"""The desk's reports page on a store filled the way clients and engineers fill it: a week of tickets in two
channels, answers early and late, ratings and FAQ presses, each figure as a support lead reads it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import httpx

from core.staff import Engineer
from core.texts import t
from service.runtime import Runtime
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat

ENGINEER = Engineer("701", "Иван")
COST = "Сколько стоит техподдержка?"  # the knowledge base answers it
HOSTILE = "<script>alert(1)</script> Когда будет версия для Linux?"  # answered: «not our business»
WEATHER = "Какая погода завтра в Москве?"  # no answer at all
SVG = "{http://www.w3.org/2000/svg}"


def moscow(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour - 3, minute, tzinfo=UTC)


def section(page: str, name: str) -> str:
    """The text of the report section ``name`` as a reader sees it (tags dropped, spaces squeezed)."""
    found = re.search(rf'<section class="report" id="{name}">(.*?)</section>', page, re.S)
    assert found is not None, f"no section {name}"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def charts(page: str) -> dict[str, ET.Element]:
    """Every chart of the page by its id, parsed as XML: a chart that is not well-formed fails here."""
    return {
        svg.get("id", ""): svg for svg in map(ET.fromstring, re.findall(r'<svg class="chart".*?</svg>', page, re.S))
    }


def bar_titles(chart: ET.Element) -> list[str]:
    return [
        rect.findtext(f"{SVG}title", "") for rect in chart.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None
    ]


async def answer(runtime: Runtime, clock: FakeClock, number: str, at: datetime) -> None:
    clock.now = at
    await runtime.staff.reply(number, ENGINEER, "Смотрим журнал", (), platform_id=None)
    await runtime.drain()


async def close_and_rate(runtime: Runtime, chat: DeskChat, number: str, rating: int) -> None:
    await runtime.staff.close(number, platform_id=None)
    await runtime.drain()
    await chat.press(f"rate:{rating}")
    await chat.press("nav:skip")


async def fill_a_week(runtime: Runtime, clock: FakeClock) -> dict[str, str]:
    """Tickets from October (outside the default period), Monday, Tuesday and Wednesday; FAQ use on Wednesday."""
    clock.now = moscow(14, 11, month=10)
    old = await DeskChat(runtime, sender="old").open_ticket()
    clock.now = moscow(23, 10)
    monday = DeskChat(runtime, sender="c1")
    quick = await monday.open_ticket()
    await answer(runtime, clock, quick, moscow(23, 11, 30))  # 1 h 30 min of working time
    clock.now = moscow(23, 16)
    evening = DeskChat(runtime, channel="viber", sender="v1")
    slower = await evening.open_ticket()
    clock.now = moscow(24, 9)
    late = await DeskChat(runtime, sender="c2").open_ticket()  # never answered: its deadline is Wednesday 09:00
    await answer(runtime, clock, slower, moscow(24, 10))  # 16–17 on Monday, 8–10 on Tuesday: 3 h
    clock.now = moscow(24, 10, 5)
    await close_and_rate(runtime, monday, quick, 5)
    await close_and_rate(runtime, evening, slower, 3)
    clock.now = moscow(25, 10, 30)
    fresh = await DeskChat(runtime, channel="viber", sender="v2").open_ticket()  # its deadline is Thursday

    helped = DeskChat(runtime, sender="f1")
    await helped.say(COST)
    await helped.press("faq:helped")
    for sender, question in (("f2", COST), ("f3", HOSTILE), ("f4", HOSTILE)):
        declined = DeskChat(runtime, sender=sender)
        await declined.say(question)
        await declined.press("menu:ticket")  # the answer did not help
    await DeskChat(runtime, sender="f5").say(WEATHER)
    clock.now = moscow(25, 11)
    return {"old": old, "quick": quick, "slower": slower, "late": late, "fresh": fresh}


async def test_a_week_of_work_in_figures_and_charts(
    staff: httpx.AsyncClient, runtime_of_desk: Runtime, clock: FakeClock
) -> None:
    tickets = await fill_a_week(runtime_of_desk, clock)

    response = await staff.get("/desk/reports")

    assert response.status_code == 200
    page = response.text
    assert t("desk.reports.scope", first="27.10.2026", last="25.11.2026", total=4) in page
    drawn = charts(page)
    assert set(drawn) == {"chart-per-day", "chart-reaction", "chart-csat", "chart-faq"}
    per_day = bar_titles(drawn["chart-per-day"])
    assert per_day == ["23.11: консольный чат — 1", "23.11: Viber — 1", "24.11: консольный чат — 1", "25.11: Viber — 1"]
    assert drawn["chart-per-day"].findtext(f"{SVG}desc") == t("desk.reports.per_day.desc", total=4, days=30)

    reaction = section(page, "reaction")
    assert f"{t('desk.reports.share')}: 67%" in reaction  # two answered in time, one deadline missed
    assert f"{t('desk.reports.average')}: 2 ч 15 мин" in reaction
    assert f"{t('desk.reports.waiting')}: 2" in reaction
    assert bar_titles(drawn["chart-reaction"]) == ["1–2 ч: 1", "2–4 ч: 1"]

    missed = section(page, "missed")
    assert missed.startswith(f"{t('desk.reports.missed')}: 1 {tickets['late']}")
    assert f'href="/desk/tickets/{tickets["late"]}"' in page and tickets["fresh"] not in missed

    assert f"{t('desk.reports.csat.average')}: 4.0 ({t('desk.reports.csat.rated', rated=2)})" in section(page, "csat")
    assert bar_titles(drawn["chart-csat"]) == ["3: 1", "5: 1"]
    assert bar_titles(drawn["chart-faq"]) == [
        f"{t('desk.reports.faq.helpful')}: 1",
        f"{t('desk.reports.faq.unhelpful')}: 3",
        f"{t('desk.reports.faq.unanswered')}: 1",
    ]

    questions = re.findall(r'<span class="text">(.*?)</span> <span class="badge">(\d+)</span>', page)
    assert questions == [
        ("&lt;script&gt;alert(1)&lt;/script&gt; Когда будет версия для Linux?", "2"),
        (WEATHER, "1"),  # asked after the other one-timer
        (COST, "1"),
    ]
    assert "<script>" not in page


async def test_a_chosen_period_counts_its_own_days_only_and_a_bad_one_falls_back(
    staff: httpx.AsyncClient, runtime_of_desk: Runtime, clock: FakeClock
) -> None:
    tickets = await fill_a_week(runtime_of_desk, clock)

    tuesday = (await staff.get("/desk/reports", params={"from": "2026-11-24", "to": "2026-11-24"})).text
    assert t("desk.reports.scope", first="24.11.2026", last="24.11.2026", total=1) in tuesday
    assert bar_titles(charts(tuesday)["chart-per-day"]) == ["24.11: 1"]
    assert tickets["late"] in section(tuesday, "missed")
    assert t("desk.reports.csat.none") in section(tuesday, "csat")
    october = (await staff.get("/desk/reports", params={"from": "2026-10-01", "to": "2026-10-31"})).text
    assert t("desk.reports.scope", first="01.10.2026", last="31.10.2026", total=1) in october

    backwards = (await staff.get("/desk/reports", params={"from": "2026-11-25", "to": "2026-11-01"})).text
    assert t("desk.reports.bad_period", max=366, days=30) in backwards
    assert t("desk.reports.scope", first="27.10.2026", last="25.11.2026", total=4) in backwards
    garbage = await staff.get("/desk/reports", params={"from": "25.11.2026"})
    assert garbage.status_code == 200 and t("desk.reports.bad_date", days=30) in garbage.text


async def test_reports_need_a_login(desk_app: tuple[httpx.AsyncClient, Runtime]) -> None:
    http, _ = desk_app

    response = await http.get("/desk/reports", params={"from": "2026-11-01"})

    assert response.status_code == 303
    assert response.headers["location"] == "/desk/login?next=%2Fdesk%2Freports%3Ffrom%3D2026-11-01"
