"""Working a ticket from its desk page: the client notices it in their own messenger, as from the group."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from core.staff import Engineer
from core.texts import t
from service.runtime import Runtime
from service.settings import Settings
from tests.fakes import FakeClock
from tests.store.dialogue import DeskChat
from tests.viber.world import ViberWorld, viber_world
from tests.web.desk_client import LOGIN, act, add_user, form_value, log_in


@pytest.fixture
async def viber(settings: Settings, clock: FakeClock) -> AsyncIterator[ViberWorld]:
    """A Viber client's world, with the desk user «anna» logged in on its browser (https: secure cookies)."""
    await add_user(settings)
    async with viber_world(settings, clock) as world:
        assert (await log_in(world.http)).status_code == 303
        yield world


async def test_take_answer_note_close_and_reopen_from_the_page(viber: ViberWorld) -> None:
    number = await viber.open_ticket()

    taken = await act(viber.http, number, "take")
    assert taken.status_code == 303 and taken.headers["location"].endswith("?done=take#actions")
    await viber.deliver()
    assert (await viber.ticket(number)).assignee == LOGIN
    assert LOGIN in viber.texts()[-1]  # the client is told who took it

    await act(viber.http, number, "reply", text="Перезапустите службу, пожалуйста.")
    await viber.deliver()
    assert viber.texts()[-1] == "Перезапустите службу, пожалуйста."
    assert (await viber.ticket(number)).status == "waiting"

    await act(viber.http, number, "note", text="клиент на старой версии")
    await viber.deliver()
    page = (await viber.http.get(f"/desk/tickets/{number}?done=note")).text
    assert t("desk.flash.note") in page and "клиент на старой версии" in page

    await act(viber.http, number, "close")
    await viber.deliver()
    assert (await viber.ticket(number)).status == "closed"
    assert any(t("rating.ask", number=number) in text for text in viber.texts()[-2:])
    assert not any("старой версии" in text for text in viber.texts())  # the note stayed inside
    assert t("desk.action.reopen") in (await viber.http.get(f"/desk/tickets/{number}")).text

    await act(viber.http, number, "reopen")
    assert (await viber.ticket(number)).status == "in_progress"
    await act(viber.http, number, "priority", priority="high")
    assert (await viber.ticket(number)).priority == "high"


async def test_a_form_sent_twice_is_done_once(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    page = (await viber.http.get(f"/desk/tickets/{number}")).text
    # nor refilled by the browser on «Назад» (the page comes anew with a new nonce: the text was sent twice)
    assert f'action="/desk/tickets/{number}/reply" class="inline" autocomplete="off"' in page
    data = {"csrf": form_value(page, "csrf"), "nonce": form_value(page, "nonce", "-reply"), "text": "Готово."}
    first = await viber.http.post(f"/desk/tickets/{number}/reply", data=data)
    again = await viber.http.post(f"/desk/tickets/{number}/reply", data=data)
    await viber.deliver()
    assert viber.texts().count("Готово.") == 1
    assert "done=reply" in first.headers["location"] and "done=repeated" in again.headers["location"]
    shown = (await viber.http.get(again.headers["location"].split("#")[0])).text
    assert t("desk.flash.repeated") in shown


async def test_an_empty_answer_is_not_sent(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    sent = len(viber.texts())
    answer = await act(viber.http, number, "reply", text="   ")
    await viber.deliver()
    assert "done=empty" in answer.headers["location"] and len(viber.texts()) == sent


async def test_a_desk_without_a_telegram_group_answers_the_client(
    staff: httpx.AsyncClient, runtime_of_desk: Runtime
) -> None:
    assert not runtime_of_desk.desk.staff_enabled
    chat = DeskChat(runtime_of_desk)
    number = await chat.open_ticket()
    await act(staff, number, "reply", text="Ответ из веб-рабочего места.")
    await runtime_of_desk.drain()
    assert [reply.text for reply in chat.outbox.take()] == ["Ответ из веб-рабочего места."]


async def test_an_answer_to_a_closed_ticket_is_refused_on_the_page(viber: ViberWorld) -> None:
    """The client's answer to it would have met the bot, not an engineer."""
    number = await viber.open_ticket()
    stale = (await viber.http.get(f"/desk/tickets/{number}")).text  # opened before another engineer closed it
    await act(viber.http, number, "close")
    await viber.deliver()
    sent = len(viber.texts())

    form = {"csrf": form_value(stale, "csrf"), "nonce": form_value(stale, "nonce", "-reply")}
    refused = await viber.http.post(f"/desk/tickets/{number}/reply", data={**form, "text": "И ещё проверьте диск E:"})
    await viber.deliver()

    assert len(viber.texts()) == sent
    assert refused.headers["location"].endswith("?done=closed_no_reply#actions")
    shown = (await viber.http.get(refused.headers["location"].split("#")[0])).text
    assert t("desk.flash.closed_no_reply") in shown


async def test_a_ticket_another_engineer_took_can_be_taken_over_and_a_closed_one_has_no_answer_form(
    viber: ViberWorld,
) -> None:
    number = await viber.open_ticket()
    assert await viber.runtime.staff.take(number, Engineer("tg-501", "Олег"), "tg-take-1")
    page = (await viber.http.get(f"/desk/tickets/{number}")).text
    assert f'action="/desk/tickets/{number}/take"' in page  # it was offered only while nobody had it

    await act(viber.http, number, "take")
    page = (await viber.http.get(f"/desk/tickets/{number}")).text
    assert f'action="/desk/tickets/{number}/take"' not in page  # mine now
    await act(viber.http, number, "close")
    page = (await viber.http.get(f"/desk/tickets/{number}")).text
    assert f'action="/desk/tickets/{number}/reply"' not in page and f'action="/desk/tickets/{number}/note"' in page
