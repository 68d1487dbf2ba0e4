"""Engineers' /close and /reopen go through the engine: a client's draft of a new ticket is never disturbed.

Closing the ticket the chat talks to while the client fills in a new request tells them it is closed; the
rating question waits until the draft is sent or abandoned. Reopening it meanwhile tells them too, and the
draft goes on. The client's answers always land in the draft, and the old ticket still gets its rating.
"""

from __future__ import annotations

from itertools import count

from core.state import ConversationState
from core.texts import t
from service.runtime import Runtime
from service.staff_actions import Engineer
from storage.models import Ticket
from storage.repos.tickets import get_ticket
from tests.engine.intake_answers import VALID_ANSWERS
from tests.store.dialogue import DeskChat

ENGINEER = Engineer(id="501", name="Иван")
DESCRIPTION = "не открывается отчёт по проходам"
platform_ids = count(1)


def staff_update() -> str:
    return f"staff-{next(platform_ids)}"


async def start_draft(chat: DeskChat) -> None:
    """From the open ticket to a new request's first questions."""
    await chat.press("menu:ticket")
    await chat.press("kind:consultation")
    if (await chat.state())["stage"] == "returning":
        await chat.press("ret:yes")
    assert (await chat.state())["stage"] == "field"


async def answer_until_summary(chat: DeskChat) -> list[str]:
    """Answer every question of the draft; the texts of the last replies."""
    replies: list[str] = []
    while (state := await chat.state())["stage"] == "field":
        key = state["field"]
        replies = [r.text for r in await chat.say(DESCRIPTION if key == "description" else VALID_ANSWERS[key])]
    assert (await chat.state())["stage"] == "summary", replies
    return replies


async def ticket(runtime: Runtime, number: str) -> Ticket:
    async with runtime.desk.sessions() as session:
        found = await get_ticket(session=session, number=number)
        assert found is not None
        return found


async def staff_acts(runtime: Runtime, chat: DeskChat, action: str, number: str) -> list[str]:
    """An engineer's /close or /reopen; what the client is sent."""
    done = await getattr(runtime.staff, action)(number, staff_update())
    assert done
    await runtime.drain()
    return [r.text for r in chat.outbox.take()]


async def test_close_on_an_old_ticket_during_a_new_intake_leaves_the_intake_intact(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    old = await chat.open_ticket()
    assert await runtime.staff.take(old, ENGINEER, staff_update())
    await start_draft(chat)
    asked = (await chat.state())["field"]

    told = await staff_acts(runtime, chat, "close", old)

    assert told == [t("ticket.closed_rating_later", number=old)]
    state = await chat.state()
    assert (state["stage"], state["field"], state["ratings_due"]) == ("field", asked, [old])
    assert (await ticket(runtime, old)).status == "closed"

    await answer_until_summary(chat)  # every answer goes into the new draft, none is taken for a rating
    state = await chat.state()
    assert state["answers"]["description"] == DESCRIPTION and state["stage"] == "summary"
    assert (await ticket(runtime, old)).rating is None

    sent = [r.text for r in await chat.press("sum:send")]

    state = await chat.state()
    new = state["ticket"]
    assert new not in (None, old)
    assert t("rating.ask", number=old) in sent and any(new in text for text in sent)
    assert new in sent[0] and sent[-1] == t("rating.ask", number=old)  # the confirmation first, then the rating
    assert (state["stage"], state["rating_ticket"], state["ratings_due"]) == ("rating", old, [])
    assert (await ticket(runtime, new)).fields["description"] == DESCRIPTION

    await chat.press("rate:4")
    thanks = await chat.say("Спасибо, всё решили")

    assert [r.text for r in thanks] == [t("rating.thanks")]
    rated = await ticket(runtime, old)
    assert (rated.rating, rated.rating_comment) == (4, "Спасибо, всё решили")
    assert (await ticket(runtime, new)).rating is None
    state = await chat.state()
    assert (state["stage"], state["ticket"]) == ("ticket_open", new)  # the chat talks to the new ticket again

    added = await chat.say("Забыл добавить: отчёт за прошлый месяц открывается")
    assert [r.text for r in added] == [t("ticket.message_added", number=new)]


async def test_an_abandoned_draft_brings_the_rating_question(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    old = await chat.open_ticket()
    await start_draft(chat)
    await staff_acts(runtime, chat, "close", old)

    cancelled = [r.text for r in await chat.say("отмена")]

    assert cancelled == [t("menu.cancelled"), t("rating.ask", number=old)]
    await chat.press("rate:5")
    await chat.press("nav:skip")
    assert (await ticket(runtime, old)).rating == 5
    state = await chat.state()
    assert (state["stage"], state["ticket"], state["rating_ticket"]) == ("idle", None, None)


async def test_reopen_during_a_new_intake_tells_the_client_and_keeps_the_draft(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    old = await chat.open_ticket()
    await start_draft(chat)
    await staff_acts(runtime, chat, "close", old)

    told = await staff_acts(runtime, chat, "reopen", old)

    assert told == [t("ticket.reopened", number=old)]
    state = await chat.state()
    assert (state["stage"], state["ticket"], state["ratings_due"]) == ("field", old, [])
    await answer_until_summary(chat)
    sent = [r.text for r in await chat.press("sum:send")]

    new = (await chat.state())["ticket"]
    assert new != old and (await ticket(runtime, new)).fields["description"] == DESCRIPTION
    assert not any(t("rating.ask", number=old) == text for text in sent)  # reopened: nothing to rate
    assert (await ticket(runtime, old)).status == "open"
    assert (await chat.state())["stage"] == "ticket_open"


async def test_without_a_draft_close_asks_at_once_and_reopen_returns_to_the_ticket(runtime: Runtime) -> None:
    chat = DeskChat(runtime)
    number = await chat.open_ticket()

    told = await staff_acts(runtime, chat, "close", number)

    assert told == [t("ticket.closed", number=number), t("rating.ask", number=number)]
    state = await chat.state()
    assert (state["stage"], state["rating_ticket"], state["ticket"]) == ("rating", number, None)

    await staff_acts(runtime, chat, "reopen", number)

    state = await chat.state()
    assert (state["stage"], state["ticket"], state["rating_ticket"]) == ("ticket_open", number, None)


def test_a_rating_question_saved_before_rating_ticket_existed_rates_the_same_ticket() -> None:
    state = ConversationState.from_dict({"stage": "rating", "ticket": "TP-00007"})

    assert (state.rating_ticket, state.ticket) == ("TP-00007", None)


async def test_an_answer_to_a_question_after_a_critical_ticket_opened_gives_the_turn_back_to_the_engineers(
    runtime: Runtime,
) -> None:
    """The engineer answered while the client was still answering the questions after the ticket opened: those
    answers reached the topic, but its title stayed «ждёт ответа клиента»."""
    chat = DeskChat(runtime)
    await chat.say("вся СКУД легла, ни одна дверь не открывается")
    await chat.press("consent:yes")
    while not (state := await chat.state()).get("on_ticket"):
        await chat.say(VALID_ANSWERS[state["field"]])
    number = state["ticket"]
    assert await runtime.staff.reply(number, ENGINEER, "Перезагрузите контроллер, пожалуйста.", (), staff_update())
    await runtime.drain()
    assert (await ticket(runtime, number)).status == "waiting"

    await chat.say(VALID_ANSWERS[(await chat.state())["field"]])

    assert (await ticket(runtime, number)).status == "in_progress"
