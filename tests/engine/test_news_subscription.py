"""Issue 15 (3.3, 4.8): the release news, the client's side. «Подписаться на новости» / «Отписаться» in the client's
own words at any step, one question with the ticket's confirmation to a client who never chose, the choice stored
with its time; it needs the consent to personal-data processing, and withdrawing that consent unsubscribes."""

from __future__ import annotations

from sqlmodel import select

from core.texts import PRIVACY_POLICY_URL, t
from service.runtime import Runtime
from storage.models import ConsentRecord
from tests.engine.desk_chat import RecordingChat, said
from tests.fakes import FakeClock


async def test_the_confirmation_asks_once_and_a_yes_is_stored_with_its_time(runtime: Runtime, clock: FakeClock) -> None:
    chat = RecordingChat(runtime)
    number = await chat.open_ticket()
    confirmation = chat.confirmation(number)
    assert confirmation.text.startswith(f"Заявка {number} зарегистрирована")
    assert confirmation.text.endswith(t("news.offer"))  # after the confirmation, in the same message
    assert [choice.payload for choice in confirmation.choices] == ["menu:news-yes", "menu:news-no"]

    clock.advance(minutes=3)
    assert said(await chat.say("Да")) == t("news.subscribed")
    client = await chat.client()
    assert client.news_subscribed and client.news_changed_at == clock.now

    chat.seen.clear()
    second = await chat.open_ticket()  # subscribed already: not asked again
    assert t("news.offer") not in said(chat.seen) and second in chat.confirmation(second).text


async def test_a_clock_question_before_the_answer_leaves_the_news_question_waiting(runtime: Runtime) -> None:
    """«а завтра?» right after the confirmation was answered, and the «да» after it was added to the ticket."""
    chat = RecordingChat(runtime)
    await chat.open_ticket()
    await chat.say("а завтра?")
    assert said(await chat.say("да")) == t("news.subscribed")


async def test_a_no_is_remembered_and_never_asked_again(runtime: Runtime, clock: FakeClock) -> None:
    chat = RecordingChat(runtime)
    await chat.open_ticket()
    assert said(await chat.say("нет, спасибо")) == t("news.declined")
    client = await chat.client()
    assert not client.news_subscribed and client.news_changed_at == clock.now

    chat.seen.clear()
    await chat.open_ticket()
    assert t("news.offer") not in said(chat.seen)


async def test_an_ok_after_the_confirmation_answers_nothing(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    await chat.open_ticket()
    replies = await chat.say("ок")
    assert t("news.subscribed") not in said(replies) and t("news.declined") not in said(replies)
    assert (await chat.client()).news_changed_at is None
    assert t("news.subscribed") == said(await chat.press("menu:news-yes"))  # the button still works later


async def test_subscribing_and_unsubscribing_in_words_at_any_step(runtime: Runtime, clock: FakeClock) -> None:
    chat = RecordingChat(runtime)
    await chat.open_ticket()
    await chat.press("menu:ticket")
    await chat.press("kind:consultation")
    question = await chat.state()
    assert question["stage"] == "returning"
    clock.advance(hours=1)
    replies = await chat.say("Хочу получать новости о новых версиях")
    assert replies[0].text == t("news.subscribed") and len(replies) == 2  # then the question asked again
    assert await chat.state() == question | {"news_offered": True}
    assert (await chat.client()).news_changed_at == clock.now

    await chat.press("sum:cancel")
    clock.advance(days=2)
    assert said(await chat.say("Отпишите меня от рассылки")) == t("news.unsubscribed")  # not a withdrawal
    client = await chat.client()
    assert not client.news_subscribed and client.news_changed_at == clock.now
    assert said(await chat.say("Отписаться")) == t("news.not_subscribed")
    assert said(await chat.say("Подписаться на новости")) == t("news.subscribed")
    assert said(await chat.say("Как подписаться на рассылку?")) == t("news.how")


async def test_subscribing_without_consent_asks_for_it_first(runtime: Runtime, clock: FakeClock) -> None:
    chat = RecordingChat(runtime)
    replies = await chat.say("Подпишите меня на рассылку о новых версиях")
    ticket_lead, news_lead = t("consent.request_for_ticket"), t("consent.request_for_news")
    assert [reply.text for reply in replies] == [
        t("news.needs_consent"),
        t("consent.request", policy_url=PRIVACY_POLICY_URL).replace(ticket_lead, news_lead),  # not «…оформить заявку»
    ]
    assert not (await chat.client()).news_subscribed

    assert said(await chat.press("consent:yes")) == t("news.subscribed")
    client = await chat.client()
    assert client.news_subscribed and client.consent_at == clock.now
    assert (await chat.state())["stage"] == "idle"  # no ticket was asked for

    other = RecordingChat(runtime, sender="client-2")
    await other.say("Подписаться на новости")
    assert said(await other.press("consent:no")) == t("news.consent_declined")
    client = await other.client()
    assert (client.news_subscribed, client.news_changed_at, client.consent_at) == (False, None, None)
    async with runtime.desk.sessions() as session:
        assert len(list(await session.exec(select(ConsentRecord)))) == 1  # the first client's only


async def test_withdrawing_consent_unsubscribes_and_my_data_shows_the_subscription(
    runtime: Runtime, clock: FakeClock
) -> None:
    chat = RecordingChat(runtime)
    await chat.open_ticket()
    await chat.press("menu:news-yes")
    line = f"{t('mydata.news')}: {t('mydata.news_on', date='25.11.2026 11:00')}"
    assert line in said(await chat.say("Мои данные"))

    clock.advance(days=1)
    replies = await chat.say("Отзываю согласие на обработку персональных данных")
    assert [reply.text for reply in replies] == [t("consent.withdrawn"), t("news.unsubscribed")]
    client = await chat.client()
    assert not client.news_subscribed and client.news_changed_at == clock.now


async def test_how_to_unsubscribe_is_answered_by_the_subscription_and_erases_nothing(runtime: Runtime) -> None:
    """In a new chat «как отписаться от рассылки» was taken for a withdrawal: «Согласия вы не давали… удалено»;
    a subscribed client was offered «Да, подписаться»."""
    stranger = RecordingChat(runtime, sender="client-9")
    assert said(await stranger.say("как отписаться от рассылки")) == t("news.not_subscribed")

    chat = RecordingChat(runtime)
    await chat.say("Подписаться на новости")
    await chat.press("consent:yes")
    [how] = await chat.say("как отписаться от рассылки?")
    assert how.text == t("news.how_unsubscribe") and [c.title for c in how.choices] == [t("news.unsubscribe")]
    await chat.press(how.choices[0].payload)
    assert not (await chat.client()).news_subscribed


async def test_a_refusal_at_the_consent_asked_for_the_news_is_not_kept_for_a_ticket(runtime: Runtime) -> None:
    chat = RecordingChat(runtime)
    await chat.say("Подписаться на новости")
    replies = await chat.say("не присылайте мне больше ничего")
    assert t("consent.story_kept") not in said(replies)
    assert not (await chat.state()).get("pending_question")
