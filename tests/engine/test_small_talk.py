"""Issue 14: thanks, «понятно», «ок», goodbyes and greetings get a short human answer, not an FAQ miss."""

from __future__ import annotations

import pytest

from core.events import QuestionUnanswered
from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import at_field
from tests.fakes import EngineChat, FakeFaq


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("Спасибо!", "smalltalk.thanks"),
        ("спасибо большое", "smalltalk.thanks"),
        ("благодарю", "smalltalk.thanks"),
        ("понятно", "smalltalk.ack"),
        ("ок", "smalltalk.ack"),
        ("Хорошо, ясно", "smalltalk.ack"),
        ("до свидания", "smalltalk.bye"),
        ("спасибо, до свидания!", "smalltalk.bye"),
        ("всего доброго", "smalltalk.bye"),
        ("нужна помощь", "smalltalk.help"),
        ("Помогите, пожалуйста!", "smalltalk.help"),
        ("можно вопрос?", "smalltalk.help"),
        ("у меня вопрос", "smalltalk.help"),  # these two got «Не нашёл готового ответа на этот вопрос»
        ("хотел спросить", "smalltalk.help"),
        ("спасибо за помощь", "smalltalk.thanks"),
        ("ау", "smalltalk.here"),
        ("вы тут?", "smalltalk.here"),
        ("минутку", "smalltalk.wait"),
        ("ну что там?", "smalltalk.poke"),
    ],
)
def test_small_talk_at_the_menu_gets_a_short_human_answer(said: str, answer: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(said)
    assert chat.text() == t(answer)
    assert not [e for e in chat.events if isinstance(e, QuestionUnanswered)]


def test_thanks_after_an_faq_answer_is_not_a_miss() -> None:
    chat = EngineChat()
    chat.say("Сколько стоит поддержка?")
    chat.say("спасибо, понятно")
    assert chat.text() == t("faq.thanks") and chat.state.stage == "idle"
    chat.say("до свидания")
    assert chat.text() == t("smalltalk.bye")


@pytest.mark.parametrize("greeting", ["Добрый вечер", "здрасте", "доброго дня"])  # the last two: «Не нашёл ответа»
def test_a_greeting_gets_the_greeting(greeting: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(greeting)
    assert chat.text() == t("menu.greeting")


def test_thanks_with_a_question_is_a_question() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("спасибо, а в какие часы вы работаете?")
    assert "С 8 до 17" in chat.text()


@pytest.mark.parametrize(
    "said",
    [
        "понятно, а как с вами связаться по телефону",
        "ясно, а как с вами связаться по телефону",
        "Хорошо, понятно. А как с вами связаться по телефону?",
    ],
)
def test_the_faq_reads_the_question_after_thanks_or_understood(faq: FaqIndex, said: str) -> None:
    """«понятно» or «спасибо» before a question used to weigh in the FAQ's search as words of the question: the
    entry that answers it fell below the threshold and the client was offered a ticket instead."""
    chat = EngineChat(faq=faq.search)
    chat.say("Сколько стоит поддержка?")  # an answer the client acknowledges before asking on
    chat.say(said)
    assert "8-800-25-00-846" in chat.text() and chat.state.stage == "faq"
    assert not [e for e in chat.events if isinstance(e, QuestionUnanswered)]


def test_help_asked_for_without_saying_with_what_offers_the_ticket_too() -> None:
    chat = EngineChat()
    replies = chat.say("привет. нужна помощь")
    assert replies[-1].text == t("smalltalk.help")
    assert [choice.payload for choice in replies[-1].choices] == ["menu:ticket"]


def test_help_asked_for_during_the_intake_goes_on_with_the_question() -> None:
    chat = EngineChat(consent=True)
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.press("kind:consultation")
    asked = chat.state.field
    chat.say("помогите")
    assert chat.text().startswith("Помогу: для этого и оформляем заявку") and chat.state.field == asked


def test_help_before_a_report_leaves_the_report_to_be_read(faq: FaqIndex) -> None:
    chat = EngineChat(faq=faq.search)
    chat.say("помогите, не работает камера в арм")
    assert t("report.taken") in chat.text() and chat.state.kind == "problem"


@pytest.mark.parametrize("key", ["description", "expected"])
def test_small_talk_where_a_story_is_asked_is_not_kept_as_the_story(key: str) -> None:
    """«спасибо» at «Опишите проблему» used to be kept as the description."""
    chat = at_field("consultation", key)
    chat.say("спасибо")
    assert chat.text().startswith("Пожалуйста! Продолжим оформление заявки.")
    assert key not in chat.state.answers and chat.state.field == key


@pytest.mark.parametrize(
    ("key", "said", "kind"),
    [
        ("organization", "алло, есть кто живой?", "here"),
        ("organization", "сейчас спрошу у директора", "wait"),
        ("city", "вы тут?", "here"),
        ("city", "минутку, сейчас уточню", "wait"),
        ("expected", "ну что там?", "poke"),
        ("expected", "ау", "here"),
        ("expected", "подождите", "wait"),
        ("expected", "сейчас опишу", "wait"),  # it was the expected result, and every later answer moved down
        ("contact_name", "секунду, спрошу у коллеги", "wait"),
        ("city", "секунду, уточню у охраны", "wait"),
        ("organization", "щас у коллеги уточню как мы называемся", "wait"),  # kept as the organisation
    ],
)
def test_chatter_at_a_question_is_no_answer_to_it(key: str, said: str, kind: str) -> None:
    """«Организация: алло, есть кто живой», «Город: вы тут?»; «ну что там?» was told it was added to the request,
    though none was sent yet."""
    chat = at_field("problem", key, "partial")
    chat.say(said)
    assert chat.text().startswith(t(f"intake.small_talk.{kind}").split("\n")[0])
    assert key not in chat.state.answers and chat.state.field == key


@pytest.mark.parametrize(("said", "kind"), [("секунду, уточню у охраны", "wait"), ("спасибо", "thanks")])
def test_chatter_at_the_criticality_is_no_answer_to_it(said: str, kind: str) -> None:
    """«секунду, уточню у охраны» got «Не понял ответ» and the options again."""
    chat = EngineChat()
    chat.say("Оформить заявку")
    chat.press("consent:yes")
    chat.press("kind:problem")
    assert chat.state.stage == "criticality"
    chat.say(said)
    assert chat.text().startswith(t(f"intake.small_talk.{kind}").split("\n")[0])
    assert chat.state.stage == "criticality" and chat.state.priority is None


def test_a_short_question_where_a_story_is_asked_is_answered_and_not_kept(faq: FaqIndex) -> None:
    chat = at_field("consultation", "expected", faq=faq.search)
    chat.say("а когда ответите?")
    answered = chat.text().startswith(t("hours.answer_if_now", deadline="").split("—")[0])  # the reaction time
    assert answered and "expected" not in chat.state.answers and chat.state.field == "expected"


def test_a_story_with_a_question_in_it_is_the_story(faq: FaqIndex) -> None:
    chat = at_field("consultation", "description", faq=faq.search)
    story = "Почему при печати пропуска из бюро пропусков ничего не происходит, хотя принтер виден в системе?"
    chat.say(story)
    assert chat.state.answers["description"] == story


@pytest.mark.parametrize("asked", ["ты бот?", "вы живой человек?", "я с ботом общаюсь?", "вы робот или человек?"])
def test_who_writes_is_answered_without_starting_a_ticket(asked: str) -> None:
    """«ты бот?» got «Не нашёл готового ответа», and «вы живой человек?» started a ticket as a request for a person."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    replies = chat.say(asked)
    assert [reply.text for reply in replies] == [t("person.bot_asked")] and chat.state.kind is None
    assert [choice.payload for choice in replies[-1].choices] == ["menu:ticket"]


def test_who_writes_asked_in_the_intake_goes_on_with_the_question() -> None:
    chat = at_field("consultation", "city")
    chat.say("ты бот?")
    assert chat.text().startswith(t("person.bot_asked")) and chat.state.field == "city"


def test_a_greeting_to_the_bot_is_a_greeting() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("привет, бот")
    assert chat.text() == t("menu.greeting")


@pytest.mark.parametrize("typed", ["89271234567", "+7 846 200-10-20", "ivanov@mail.ru"])
def test_a_contact_alone_starts_a_ticket_with_consent_first(typed: str) -> None:
    """A phone number alone, a common «call me back», got «Не нашёл готового ответа на этот вопрос»."""
    chat = EngineChat()
    chat.say(typed)
    assert t("greeting.contact_alone") in chat.text() and chat.state.stage == "consent"
    assert not chat.state.answers and not chat.state.pending_question  # nothing of it kept before consent


def test_a_complaint_about_an_engineer_is_no_request_for_one() -> None:
    """«хочу пожаловаться на инженера» got «Я бот, а отвечают по заявкам инженеры…» and the consent question."""
    chat = EngineChat(faq=FakeFaq({"пожаловаться": "Жалобу передадим руководителю."}))
    chat.say("хочу пожаловаться на инженера")
    assert "Жалобу передадим руководителю." in chat.text() and chat.state.stage != "consent"
    chat = EngineChat()
    chat.say("позовите оператора пожалуйста")
    assert t("person.asked") in chat.text()
