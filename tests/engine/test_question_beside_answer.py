"""Issue 14: a question asked beside an answer («тел 8412 55-66-77, а сколько стоит продление лицензии кстати») gets
the FAQ's answer, and the answer goes to the question being asked; the question's «стоит» chooses nothing."""

from __future__ import annotations

from core.texts import t
from tests.engine.intake_answers import answer_until
from tests.fakes import EngineChat, FakeFaq

PRICE = "Техническая поддержка бесплатна."  # what FakeFaq answers for a question with «стоит»


def at(stage_payloads: tuple[str, ...], faq: FakeFaq | None = None) -> EngineChat:
    chat = EngineChat(faq=faq or FakeFaq())
    chat.say("Здравствуйте")
    for payload in ("menu:ticket", "consent:yes", *stage_payloads):
        chat.press(payload)
    return chat


def test_a_question_after_a_criticality_answer_is_answered_and_the_answer_taken() -> None:
    chat = at(("kind:problem",))
    chat.say("работает частично, кстати сколько стоит продление лицензии?")
    assert chat.text().startswith(t("faq.aside", answer=PRICE))
    assert chat.state.priority == "high" and chat.state.stage == "field"


def test_a_price_question_beside_no_answer_does_not_stop_the_system() -> None:
    """«…, а сколько стоит…» at «Насколько это критично?» chose «Система остановлена»."""
    chat = at(("kind:problem",))
    chat.say("тел 8412 55-66-77, а сколько стоит продление лицензии кстати")
    assert PRICE in chat.text() and chat.state.answers["contact"] == "+78412556677"  # kept for its question
    assert chat.state.stage == "criticality" and chat.state.priority is None


def test_a_price_question_the_faq_cannot_answer_does_not_stop_the_system_either() -> None:
    chat = at(("kind:problem",), faq=FakeFaq({"часы": "С 8 до 17."}))
    chat.say("сколько стоит ремонт")
    assert chat.state.priority is None and "Не понял" in chat.text()


def test_a_field_answer_with_a_question_after_it_is_kept_without_the_question() -> None:
    chat = at(("kind:problem", "crit:partial"))
    answer_until(chat, "city")
    chat.say("Самара. А сколько стоит выезд инженера?")
    assert chat.state.answers["city"] == "Самара"
    assert chat.text().startswith(t("faq.aside", answer=PRICE))


def test_a_but_is_no_question() -> None:
    chat = at(("kind:problem", "crit:partial"), faq=FakeFaq({"офис": "Офис в Самаре."}))
    answer_until(chat, "city")
    chat.say("Самара, а офис в Тольятти")
    assert "Офис в Самаре." not in chat.text() and chat.state.field != "city"


def test_a_story_keeps_its_own_questions() -> None:
    """The description is the client's story: «…, а сколько стоит ремонт?» is part of it, not asked of the FAQ."""
    chat = at(("kind:problem", "crit:partial"))
    answer_until(chat, "description")
    chat.say("Не пишется архив с камер второго этажа, а сколько стоит ремонт?")
    assert chat.state.answers["description"].endswith("а сколько стоит ремонт?")
    assert PRICE not in chat.text()


def test_a_question_the_faq_cannot_answer_goes_to_the_engineer_not_into_the_field() -> None:
    """«а это вообще платно?» at the phone question was refused as no phone; at the organisation question any text
    passes, so it would have been the ticket's organisation."""
    chat = at(("kind:problem", "crit:partial"), faq=FakeFaq({"часы": "С 8 до 17."}))
    chat.say("а это вообще платно?")
    assert chat.state.field == "contact" and t("intake.question_for_engineer", prompt="")[:40] in chat.text()
    answer_until(chat, "organization")
    chat.say("а вы где находитесь?")
    assert "organization" not in chat.state.answers and chat.state.field == "organization"
    assert "а вы где находитесь?" in chat.state.answers["description"]
