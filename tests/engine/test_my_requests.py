"""Issue 15: the client's view of their own requests. «Мои заявки», «какой статус заявки TP-…», «что с моей
заявкой» at any step: each open ticket with its status, the engineer who took it and the deadline (Moscow time).
Only the client's own tickets, as the desk resolved the client from the messenger: another client's number, even
with that client's phone typed into the intake, gets the same answer as a number that does not exist."""

from __future__ import annotations

import pytest

from core.my_requests import RequestsQuery, asked_about_requests
from core.texts import t
from service.runtime import Runtime
from service.staff_actions import Engineer
from tests.engine.desk_chat import RecordingChat, said
from tests.fakes import EngineChat, FakeClock

ENGINEER = Engineer(id="501", name="Иван")
NOT_TAKEN = "новая, ещё не взята. Ответ инженера — не позднее 26.11.2026 11:00 (МСК)."


async def two_clients(runtime: Runtime) -> tuple[RecordingChat, list[str], str]:
    """Another client's ticket first (same phone typed), then two of this client's, the second taken by Иван."""
    other = RecordingChat(runtime, sender="client-2")
    others = await other.open_ticket()
    chat = RecordingChat(runtime, sender="client-1")
    mine = [await chat.open_ticket(), await chat.open_ticket("problem")]
    assert await runtime.staff.take(mine[1], ENGINEER, "staff-1")
    await runtime.drain()
    assert said(chat.outbox.take()) == t("ticket.engineer_assigned", number=mine[1], engineer="Иван")
    return chat, mine, others


async def test_my_requests_lists_only_my_open_tickets(runtime: Runtime) -> None:
    chat, (first, second), others = await two_clients(runtime)
    answer = said(await chat.say("Мои заявки"))
    assert answer.startswith("Ваши открытые заявки:")
    assert f"• {first} — {NOT_TAKEN}" in answer
    assert f"• {second} — в работе, инженер Иван. Инженер уже откликнулся." in answer
    assert others not in answer


async def test_which_requests_i_have_is_answered_at_an_open_ticket_not_added_to_it(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    answer = said(await chat.say("какие у меня заявки"))
    assert answer.startswith("Ваши открытые заявки:") and f"• {number} — {NOT_TAKEN}" in answer
    assert t("ticket.message_added", number=number) not in answer


async def test_another_clients_number_gets_the_same_answer_as_none(runtime: Runtime) -> None:
    chat, (first, _), others = await two_clients(runtime)
    foreign = said(await chat.say(f"Какой статус заявки {others}?"))
    missing = said(await chat.say("Какой статус заявки TP-99999?"))
    assert foreign == missing
    assert foreign.startswith(t("requests.not_found")) and others not in foreign
    assert said(await chat.say(f"статус {first.lower()}")).startswith(f"Заявка {first} — {NOT_TAKEN}")


async def test_the_status_is_answered_in_the_middle_of_a_new_request(runtime: Runtime) -> None:
    chat, (first, _), _ = await two_clients(runtime)
    await chat.press("menu:ticket")
    await chat.press("kind:consultation")
    before = await chat.state()
    replies = await chat.say("А что с моей заявкой?")
    assert f"• {first} — {NOT_TAKEN}" in replies[0].text
    assert len(replies) == 2 and await chat.state() == before  # the question of the draft again, nothing lost


async def test_a_closed_ticket_leaves_the_list(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    assert await runtime.staff.close(number, "staff-2")
    await runtime.drain()
    rating = chat.outbox.take()[-1].text  # the closed ticket's rating question
    assert [r.text for r in await chat.say("мои обращения")] == [t("requests.none_open"), rating]
    assert [r.text for r in await chat.say(number)] == [f"Заявка {number} — закрыта, ещё не взята.", rating]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Мои заявки", RequestsQuery(listing=True)),
        ("список заявок", RequestsQuery(listing=True)),
        ("какие у меня заявки?", RequestsQuery(listing=True)),  # these three were added to the open ticket
        ("сколько у нас открытых обращений", RequestsQuery(listing=True)),
        ("у меня есть заявки?", RequestsQuery(listing=True)),
        ("какие заявки можно подать", None),  # a question about the service
        ("у нас заявки не создаются", None),  # a report about the client's system
        ("Какой статус заявки TP-00042?", RequestsQuery("TP-00042")),
        ("что с моей заявкой", RequestsQuery()),
        ("tp-42", RequestsQuery("TP-00042")),
        ("ТР-00001 что с ней?", RequestsQuery("TP-00001")),
        ("а что по заявке 5?", RequestsQuery("TP-00005")),  # these two were added to the open ticket as messages
        ("Заявка 00001", RequestsQuery("TP-00001")),
        ("заявка 2 дня висит, что с ней", RequestsQuery()),  # Cyrillic «Т» and «Р»: it was added as a message
        ("спасибо, заработало", RequestsQuery(solved=True)),  # these two were added as plain messages
        ("Отзываю заявку TP-00001, разобрались сами", RequestsQuery(solved=True)),
        ("всё, ключ заработал, можно закрыть заявку", RequestsQuery(solved=True)),
        ("камера заработала после перезагрузки, но через час опять отвалилась", None),
        ("Есть новости по заявке?", RequestsQuery()),
        ("добрый день, есть новости?", RequestsQuery()),  # it got the release news entry
        ("есть новости о новых версиях?", None),  # the release news
        ("Какой статус у заявки", RequestsQuery()),
        ("Статус заявки на пропуск не меняется после согласования", None),  # a pass request in the client's system
        ("Где посмотреть статус заявки в Бастионе?", None),
        ("Хочу оставить заявку на доработку отчёта", None),
        ("По заявке TP-00042 прикладываю журнал за вчерашний день", None),  # a message for the ticket
        ("заявка", None),  # the command for a new one
        ("когда ответите если я сейчас напишу заявку", None),  # not written yet: the reaction time, not «нет заявок»
        ("я вчера писал, ответа нет", RequestsQuery(waiting=True)),
        ("до сих пор не ответили", RequestsQuery(waiting=True)),
        ("жду ответа уже второй день", RequestsQuery(waiting=True)),
        ("где ответ?", RequestsQuery(waiting=True)),
        ("контроллер не отвечает", None),  # a device: a report
        ("проблема решена, спасибо", RequestsQuery(solved=True)),
        ("закройте заявку, вопрос решён", RequestsQuery(solved=True)),
        ("я хочу отменить свою заявку", RequestsQuery(solved=True)),
        ("всё заработало, спасибо!", RequestsQuery(solved=True)),
        ("проблема не решена", None),
        # these were added to the open ticket as plain messages
        ("какой статус?", RequestsQuery()),
        ("здравствуйте, я вчера оставлял заявку про сигнал, какой статус?", RequestsQuery()),
        ("всё, заработало, касперский блокировал, вопрос закрыт", RequestsQuery(solved=True)),
        ("отбой тревоги не проходит", None),  # an alarm's reset: «Рад, что всё решилось!» was said to it
        ("вопрос закрыт? инженер не ответил", None),
        ("уже не актуально", RequestsQuery(solved=True)),
        ("отмените мою заявку, вопрос снят", RequestsQuery(solved=True)),  # it asked the status, and was added
        ("закройте мою заявку", RequestsQuery(solved=True)),
        ("моя заявка закрыта?", RequestsQuery()),
        ("какой статус у пропуска", None),
        ("Программа пишет запрос серверу, ответа нет, через минуту ошибка таймаута", None),
    ],
)
def test_what_counts_as_a_question_about_my_requests(text: str, query: RequestsQuery | None) -> None:
    assert asked_about_requests(text) == query


async def test_waiting_for_an_answer_shows_where_my_requests_stand(runtime: Runtime) -> None:
    """«я вчера писал, ответа нет» used to get the FAQ's entry on reading the documentation first."""
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    assert f"• {number} — {NOT_TAKEN}" in said(await chat.say("я вчера писал, ответа нет"))


@pytest.mark.parametrize("asked", ["до сих пор не ответили", "почему моя заявка висит уже неделю без решения"])
async def test_waiting_with_no_request_here_says_where_the_answer_comes(runtime: Runtime, asked: str) -> None:
    """«почему моя заявка висит…» with none open in this chat got «Открытых заявок у вас нет»: the client has one,
    written by e-mail or phoned in."""
    chat = RecordingChat(runtime)
    await chat.say("Здравствуйте")
    assert said(await chat.say(asked)) == t("requests.waiting_none_open")


async def test_solved_with_no_request_here_is_no_new_request(runtime: Runtime) -> None:
    """«проблема решена, спасибо» started a new problem request (its «проблема»), «я хочу отменить свою заявку» got
    the entry on withdrawing the consent."""
    chat = RecordingChat(runtime)
    await chat.say("Здравствуйте")
    for said_ in ("проблема решена, спасибо", "я хочу отменить свою заявку"):
        assert said(await chat.say(said_)) == t("requests.solved_none_open")
    assert (await chat.state())["kind"] is None


@pytest.mark.parametrize("typed", ["вопрос решён, закрывайте", "заявку закройте пожалуйста"])  # the second: «Добавил»
async def test_solved_in_the_tickets_own_chat_reaches_its_engineers(runtime: Runtime, typed: str) -> None:
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    assert said(await chat.say(typed)) == t("ticket.solved_added", number=number)


@pytest.mark.parametrize(
    "asked",
    ["как поменять свой телефон у вас", "у меня сменился номер телефона", "хочу изменить свои контактные данные"],
)
async def test_how_to_change_my_data_is_told(runtime: Runtime, asked: str) -> None:
    """«как поменять свой телефон у вас» got the entry on calling the support line."""
    chat = RecordingChat(runtime)
    await chat.say("Здравствуйте")
    assert said(await chat.say(asked)) == t("my_data.change_how")


async def test_solved_or_waiting_said_with_a_rating_is_its_comment(runtime: Runtime) -> None:
    """«Спасибо, всё решили» after the stars is the rating's comment, not a question about the requests."""
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    assert await runtime.staff.close(number, "staff-2")
    await runtime.drain()
    chat.outbox.take()
    await chat.press("rate:4")
    assert said(await chat.say("Спасибо, всё решили")) == t("rating.thanks")


@pytest.mark.parametrize("typed", ["3", "связать с прежним чатом"])
def test_linking_an_earlier_chat_is_offered_beside_no_requests_and_chosen_by_number_too(typed: str) -> None:
    """In Viber, WhatsApp and the console the options are numbered: the menu's own come first, as in every menu,
    so that «1» is «Оформить заявку» here too; «3» was read against the menu and started a ticket."""
    chat = EngineChat()
    chat.say("мои заявки")
    assert [choice.payload for choice in chat.last.replies[-1].choices] == ["menu:ticket", "menu:ask", "link:start"]  # type: ignore[union-attr]
    chat.say(typed)
    assert chat.state.stage == "link" and chat.text() == t("link.ask")


async def test_a_question_the_faq_answers_is_answered_at_an_open_ticket_and_passed_on(runtime: Runtime) -> None:
    """«техподдержка платная?» after a ticket was opened got only «Добавил сообщение к заявке»."""
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    reply = said(await chat.say("техподдержка платная?"))
    assert "бесплатн" in reply.casefold() and reply.endswith(t("ticket.faq_answer_added", answer="", number=number))


async def test_a_reaction_deadline_already_past_is_owned_up_to(runtime: Runtime, clock: FakeClock) -> None:
    """«уже три дня никто не отвечает» got «Ответ инженера — не позднее …» with a date two days gone."""
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    clock.advance(days=3)
    answer = said(await chat.say("Мои заявки"))
    assert number in answer and t("requests.overdue", deadline="26.11.2026 11:00") in answer


async def test_my_requests_at_an_open_ticket_is_answered_not_filed(runtime: Runtime) -> None:
    """«Мои заявки» was added to the open ticket each time, «Добавил сообщение к заявке»: no news for its engineers."""
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    answer = said(await chat.say("Мои заявки"))
    assert number in answer and t("ticket.message_added", number=number) not in answer
