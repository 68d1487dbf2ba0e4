"""The desk's register and ticket page: filters, search, pages, the whole card and transcript, files, escaping."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx

from bots.files import FileStore
from core.staff import Engineer
from core.texts import t
from service.runtime import Runtime
from storage.repos import messages
from storage.repos.tickets import get_ticket
from tests.fakes import FakeClock
from tests.messenger_world import PICTURE
from tests.store.dialogue import DeskChat
from tests.web.desk_client import seed_ticket


def numbers(page: str) -> list[str]:
    """The ticket numbers listed on a page of the register, top to bottom."""
    return re.findall(r'href="/desk/tickets/(TP-\d+)"', page)


async def test_register_is_newest_first_and_pages_keep_the_filters(
    staff: httpx.AsyncClient, runtime_of_desk: Runtime, clock: FakeClock
) -> None:
    made = []
    for n in range(30):
        made.append(await seed_ticket(runtime_of_desk, f"c{n}", priority="high" if n % 3 else "low"))
        clock.advance(minutes=1)
    high = [number for n, number in enumerate(made) if n % 3][::-1]

    first = (await staff.get("/desk/tickets", params={"priority": "high"})).text
    assert t("desk.list.found", count=20) in first and numbers(first) == high[:20]
    everything = (await staff.get("/desk/tickets")).text
    assert numbers(everything) == made[::-1][:25]
    following = re.search(r'rel="next" href="([^"]+)"', everything)
    assert following is not None
    second = (await staff.get("/desk/tickets" + following.group(1).replace("&amp;", "&"))).text
    assert numbers(second) == made[::-1][25:]
    assert 'rel="next"' not in second and t("desk.list.page", page=2, pages=2) in second

    status_and_priority = (await staff.get("/desk/tickets", params={"priority": "low", "status": "open"})).text
    next_link = re.search(r'rel="next" href="([^"]+)"', status_and_priority)
    assert next_link is None and len(numbers(status_and_priority)) == 10


async def test_filters_by_status_channel_kind_engineer_and_deadline(
    staff: httpx.AsyncClient, runtime_of_desk: Runtime
) -> None:
    late = await seed_ticket(runtime_of_desk, "a", age=timedelta(hours=5))  # unanswered, due an hour ago
    burning = await seed_ticket(runtime_of_desk, "b", age=timedelta(hours=3))  # due within the hour
    viber = await seed_ticket(runtime_of_desk, "c", channel="viber", kind="wish")
    taken = await seed_ticket(
        runtime_of_desk, "d", status="in_progress", assignee="Иван", first_answer_at=runtime_of_desk.desk.clock()
    )
    closed = await seed_ticket(runtime_of_desk, "e", status="closed", kind="license")

    async def listed(**params: str) -> set[str]:
        return set(numbers((await staff.get("/desk/tickets", params=params)).text))

    assert await listed(deadline="overdue") == {late}
    assert await listed(deadline="burning") == {burning}
    assert await listed(deadline="on_time") == {viber, taken, closed}
    assert await listed(channel="viber") == {viber}
    assert await listed(kind="license") == {closed}
    assert await listed(status="in_progress") == {taken}
    assert await listed(engineer="Иван") == {taken}
    overdue_row = (await staff.get("/desk/tickets", params={"deadline": "overdue"})).text
    assert t("desk.deadline.overdue") in overdue_row


async def test_search_finds_by_number_and_organisation_in_any_case(
    staff: httpx.AsyncClient, runtime_of_desk: Runtime
) -> None:
    romashka = await seed_ticket(runtime_of_desk, "a", fields={"organization": "ООО «Ромашка»"})
    other = await seed_ticket(runtime_of_desk, "b", fields={"description": "Не печатает отчёт по проходам"})

    async def found(text: str) -> list[str]:
        return numbers((await staff.get("/desk/tickets", params={"q": text})).text)

    assert await found("ромашка") == [romashka]
    assert await found("РОМАШКА") == [romashka]
    assert await found(other.lower()) == [other]
    assert await found("отчёт") == [other]
    assert await found("нет такого") == []
    assert (await staff.get("/desk/tickets", params={"q": "a\x00b"})).status_code == 400  # not a store error


async def test_ticket_page_shows_the_card_and_the_transcript_with_client_text_escaped(
    staff: httpx.AsyncClient, runtime_of_desk: Runtime
) -> None:
    chat = DeskChat(runtime_of_desk)
    number = await chat.open_ticket("problem", description="<script>alert('x')</script> журнал зависает")
    await runtime_of_desk.staff.note(number, Engineer("desk:99", "Ольга"), "проверить <b>лицензию</b>", "note-1")

    page = (await staff.get(f"/desk/tickets/{number}")).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<b>лицензию" not in page and "&lt;b&gt;лицензию" in page
    for label in ("field.organization.label", "field.os.label", "field.steps.label", "desk.ticket.consent"):
        assert t(label) in page, label
    assert "ООО «Охрана-Сервис»" in page and "Windows Server 2019 64-бит" in page
    assert t("status.open") in page and t("priority.critical") in page and t("desk.ticket.not_taken") in page
    assert t("desk.ticket.consent_given", date="25.11.2026") in page
    transcript = page.split(t("desk.ticket.transcript"))[-1]
    assert 'class="message in"' in transcript and 'class="message out"' in transcript
    assert '<li class="message note">' in transcript and t("desk.direction.note") in transcript
    assert t("desk.direction.in") in transcript and t("channel.console") in transcript
    assert transcript.index("Здравствуйте") < transcript.index(number) < transcript.index("лицензию")


async def test_files_of_a_ticket_open_for_staff_only(
    desk_app: tuple[httpx.AsyncClient, Runtime], staff: httpx.AsyncClient
) -> None:
    _, runtime = desk_app
    store = FileStore(runtime.settings.files_dir)
    picture = store.save(PICTURE, file_name="screen.png", mime_type="image/png")
    page_html = store.save(b"<script>alert(1)</script>", file_name="page.html", mime_type="text/html")
    stranger = store.save(b"another ticket's file", file_name="other.txt")
    number = await seed_ticket(runtime, "a")
    async with runtime.desk.transaction() as session:
        ticket = await get_ticket(session=session, number=number)
        assert ticket is not None
        files = [{"kind": "image", "ref": picture, "file_name": "screen.png"},
                 {"kind": "document", "ref": page_html, "file_name": "page.html"}]  # fmt: skip
        messages.add_message(session=session, conversation_id=ticket.conversation_id, ticket_id=ticket.id,
                             direction="in", text="вот скриншот", attachments=files, channel="console")  # fmt: skip

    page = (await staff.get(f"/desk/tickets/{number}")).text
    links = re.findall(rf'href="(/desk/tickets/{number}/files/[^"]+)"', page)
    assert len(links) == 2
    shown = await staff.get(links[0])
    assert shown.status_code == 200 and shown.content == PICTURE and shown.headers["content-type"] == "image/png"
    download = await staff.get(links[1])
    assert download.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in download.headers["content-security-policy"]
    foreign = stranger.removeprefix("store:")
    assert (await staff.get(f"/desk/tickets/{number}/files/{foreign}")).status_code == 404

    staff.cookies.clear()
    assert (await staff.get(links[0])).status_code == 303
