"""Consent is refused and withdrawn in the client's own words at every step; when unsure, the bot asks."""

from __future__ import annotations

import pytest

from core.events import ClientWroteOnTicket, ConsentGiven, ConsentRefused, ConsentWithdrawn
from core.texts import t
from faq.retriever import FaqIndex
from tests.engine.intake_answers import start_ticket, walk_to_summary
from tests.fakes import EngineChat, FakeFaq

WITHDRAWALS = (
    "Отозвать согласие",
    "хочу отозвать согласие",
    "отзываю согласие на обработку персональных данных",
    "удалите мои персональные данные",
    "прошу удалить мои данные",
    "не храните больше мои данные",
    "отзываю сгласие",  # a typo: at the organisation question it was stored as the organisation
)


def at(stage: str) -> EngineChat:
    """A consenting client at ``stage``: before an intake, during it, or with a ticket open."""
    chat = EngineChat()
    start_ticket(chat, "consultation")
    if stage == "before":
        chat.say("отмена")
    elif stage == "after":
        walk_to_summary(chat)
        chat.press("sum:send")
        chat.state.ticket = "TP-00001"
    return chat


@pytest.mark.parametrize(
    "refusal",
    ["нет", "Нет!", "не согласна", "отказываюсь", "не даю согласие", "2", "не соглашусь", "ни за что", "ne soglasen"],
)
def test_consent_is_refused_in_any_words(refusal: str) -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.say(refusal)
    assert t("consent.declined") in chat.text()
    assert ConsentRefused() in chat.events and chat.state.stage == "idle"


def test_an_unclear_answer_to_consent_is_explained_not_repeated_silently() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.say("может быть")
    assert chat.text() == t("consent.unclear") and chat.state.stage == "consent"
    assert [c.payload for c in chat.last.replies[-1].choices] == ["consent:yes", "consent:no"]  # type: ignore[union-attr]


@pytest.mark.parametrize("question", ["а можно без согласия?", "можно без согласия"])
def test_asking_to_go_on_without_consent_is_no_consent(question: str) -> None:
    """«согласия» is not «согласен»: the question used to be recorded as consent given."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    chat.say(question)
    assert chat.state.stage == "consent" and not any(isinstance(e, ConsentGiven) for e in chat.events)
    assert t("consent.unclear") in chat.text() or t("consent.why") in chat.text(), chat.text()


@pytest.mark.parametrize("stage", ["before", "during", "after"])
@pytest.mark.parametrize("words", WITHDRAWALS)
def test_withdrawal_in_own_words_at_every_step(stage: str, words: str) -> None:
    chat = at(stage)
    chat.say(words)
    assert ConsentWithdrawn() in chat.events, chat.text()
    assert t("consent.withdrawn") in chat.text()
    assert not any(isinstance(e, ClientWroteOnTicket) for e in chat.events)  # not added to the ticket
    assert (t("consent.draft_dropped") in chat.text()) == (stage == "during")  # the request was dropped unsaid


@pytest.mark.parametrize("answer, withdrawn", [("да", True), ("Да, отзываю", True), ("нет", False)])
def test_when_unsure_the_bot_asks_and_the_answer_decides(answer: str, withdrawn: bool) -> None:
    chat = at("during")
    field = chat.state.field
    chat.say("удалите меня")
    assert t("consent.confirm_withdraw") in chat.text()
    assert [c.payload for c in chat.last.replies[-1].choices] == ["consent:withdraw", "consent:keep"]  # type: ignore[union-attr]
    chat.say(answer)
    assert (ConsentWithdrawn() in chat.events) is withdrawn
    if not withdrawn:
        assert t("consent.kept") in chat.text() and chat.state.field == field  # the intake goes on where it was


@pytest.mark.parametrize("words", ["не удаляйте мои данные, пожалуйста", "согласие не отзываю"])
def test_a_negated_request_keeps_the_consent_and_a_yes_after_it_withdraws_nothing(words: str) -> None:
    """«не удаляйте мои данные» was asked «Вы хотите отозвать согласие?», and the «да» that meant «keep them» erased
    everything."""
    chat = at("during")
    field = chat.state.field
    chat.say(words)
    assert t("consent.kept") in chat.text() and t("consent.confirm_withdraw") not in chat.text()
    assert chat.state.field == field
    chat.say("да")
    assert ConsentWithdrawn() not in chat.events


@pytest.mark.parametrize("stage", ["during", "after"])
def test_one_contact_to_remove_is_asked_about_before_everything_is_erased(stage: str) -> None:
    """«уберите мой номер, лучше на почту …» withdrew the consent at once, erasing the name and the organisation."""
    chat = at(stage)
    chat.say("уберите мой номер, лучше на почту sidorov@vector.ru")
    assert t("consent.confirm_withdraw") in chat.text() and ConsentWithdrawn() not in chat.events
    chat.say("нет")
    assert ConsentWithdrawn() not in chat.events and t("consent.kept") in chat.text()


@pytest.mark.parametrize("words", ["Не согласен", "НЕ СОГЛАСНА!!!"])
def test_a_bare_disagreement_away_from_the_consent_question_is_asked_about(words: str) -> None:
    """«Не согласен» on an open ticket was added to it as a message: the contract names it among the words understood
    at any step. (Right after the ticket it answers the question about the news, as «нет» would.)"""
    chat = at("after")
    chat.state.answering_news = False
    chat.say(words)
    assert t("consent.confirm_withdraw") in chat.text() and ConsentWithdrawn() not in chat.events
    assert not any(isinstance(e, ClientWroteOnTicket) for e in chat.events)
    chat.say("да")
    assert ConsentWithdrawn() in chat.events


def test_a_description_about_deleted_data_is_an_answer_not_a_withdrawal() -> None:
    chat = EngineChat()
    start_ticket(chat, "consultation")
    walk_to_summary(chat, description="после обновления удалились данные журнала событий")
    assert ConsentWithdrawn() not in chat.events
    assert chat.state.answers["description"] == "после обновления удалились данные журнала событий"


def test_my_data_is_answered_at_any_step_and_the_question_repeated() -> None:
    chat = at("during")
    prompt_before = chat.state.field
    chat.say("какие мои данные вы храните?")
    assert t("mydata.nothing") in chat.text()  # the engine alone knows of nothing stored
    assert chat.state.field == prompt_before and len(chat.last.replies) == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "asked",
    [
        "зачем вам согласие?",
        "а зачем это?",
        "а без этого никак?",
        "а что вы будете делать с моими данными?",
    ],
)
def test_a_question_at_the_consent_is_answered_not_misunderstood_nor_taken_for_yes(asked: str) -> None:
    """«зачем вам согласие?» used to be taken for a yes (its «согласие»), the others got «Не понял ответа»."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    replies = chat.say(asked)
    assert replies[-1].text == t("consent.why") and chat.state.stage == "consent"
    assert [choice.payload for choice in replies[-1].choices] == ["consent:yes", "consent:no"]
    assert not chat.consent


def test_why_the_phone_is_wanted_is_answered_by_the_consent_not_the_faq(faq: FaqIndex) -> None:
    """«а зачем вам мой телефон?» got the FAQ's entry on calling the support line (its «телефон»)."""
    chat = EngineChat(faq=faq.search)
    chat.say("у нас не работает журнал событий в бастионе")
    assert chat.state.stage == "consent"
    assert chat.say("а зачем вам мой телефон?")[-1].text == t("consent.why")


def test_whether_consent_is_needed_is_answered_before_the_question_beside_it() -> None:
    """The FAQ answered «как сбросить пароль админа», and whether consent is needed to ask it was never said."""
    chat = EngineChat(faq=FakeFaq({"пароль": "Пароль сбрасывает администратор."}))
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    replies = chat.say("а это обязательно? я просто спросить хотел, как сбросить пароль админа")
    assert replies[-1].text == t("consent.why") and chat.state.stage == "consent"


@pytest.mark.parametrize("number", ["2 дня уже не работает", "1 турникет вообще не реагирует"])
def test_a_story_at_the_consent_question_is_no_option_and_is_kept(faq: FaqIndex, number: str) -> None:
    """«2 дня уже не работает» was read as option 2 (a refusal, the report redacted), «1 турникет…» as consent never
    given; «бастион 3, версия 2.1.5» typed there was lost."""
    chat = EngineChat(faq=faq.search)
    chat.say("бастион не запускается")
    chat.say(number)
    chat.say("бастион 3, версия 2.1.5")
    assert chat.text() == t("consent.story_kept") and chat.state.stage == "consent" and not chat.consent
    chat.say("да")
    chat.press("crit:partial")
    assert chat.state.answers["product_name"] == "Бастион-3" and chat.state.answers["product_version"] == "2.1.5"
    assert number in chat.state.answers["description"]


@pytest.mark.parametrize("words", ["ладно, согласен", "я передумал, согласен"])
def test_agreeing_in_words_after_a_refusal_asks_the_consent_again(faq: FaqIndex, words: str) -> None:
    """After «Не согласен», «ладно, согласен» got «не нашёл готового ответа» and the consent's FAQ entries."""
    chat = EngineChat(faq=faq.search)
    chat.say("бастион не запускается")
    chat.say("Не согласен")
    chat.say(words)
    assert chat.state.stage == "consent" and not chat.consent


@pytest.mark.parametrize("erase", ["удалите нашу переписку", "удалите всё что я вам писал", "хочу удалить аккаунт"])
def test_erasing_asked_at_the_consent_question_refuses_it(erase: str) -> None:
    """These got «Не понял ответа», and the first message (a name, an organisation) stayed stored."""
    chat = EngineChat()
    chat.say("это Петров Пётр из ООО Ромашка, не работает журнал")
    assert chat.state.stage == "consent"
    chat.say(erase)
    assert ConsentRefused() in chat.events and chat.state.stage == "idle"


def test_a_question_at_the_consent_gets_its_answer_and_the_buttons_not_the_whole_text_again() -> None:
    """The twenty lines of Appendix 2 came again after every answered question, three times in one chat."""
    chat = EngineChat()
    chat.say("Не работает журнал событий")
    [reply] = chat.say("а поддержка сколько стоит?")
    assert (
        reply.text.startswith("Техническая поддержка бесплатна.") and t("consent.request_for_ticket") not in reply.text
    )
    assert [c.payload for c in reply.choices] == ["consent:yes", "consent:no"] and chat.state.stage == "consent"


def test_a_question_with_li_at_the_consent_is_a_question() -> None:
    """«нужны ли скриншоты» got «Не понял ответа»."""
    chat = EngineChat()
    chat.say("Не работает журнал событий")
    chat.say("нужны ли скриншоты")
    assert chat.text().startswith(t("consent.why")[:40])


@pytest.mark.parametrize("typed", ["а вы кто вообще", "Оформить заявку"])
def test_the_consent_asked_again_is_a_line_with_its_buttons(typed: str) -> None:
    chat = EngineChat()
    chat.say("Не работает журнал событий")
    replies = chat.say(typed)
    assert replies[-1].text == t("consent.ask_again") and chat.state.stage == "consent"
    assert [c.payload for c in replies[-1].choices] == ["consent:yes", "consent:no"]
