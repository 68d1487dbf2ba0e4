"""Where every question would be a letter (e-mail), the intake is asked in one message and answered in one reply."""

from __future__ import annotations

from core.intake import FIELDS_BY_KEY
from core.messages import Attachment
from core.stages.form import numbered_answers
from core.texts import TEXTS, field_prompt
from tests.engine.intake_answers import answer_form, start_ticket
from tests.fakes import EngineChat


def form_chat(kind: str = "consultation") -> EngineChat:
    chat = EngineChat(by_letter=True)
    start_ticket(chat, kind, "partial")
    return chat


def test_every_open_question_comes_in_one_message_numbered() -> None:
    chat = form_chat()
    [form] = chat.last.replies if chat.last else []
    assert chat.state.stage == "form" and chat.state.form_keys[:2] == ["contact", "organization"]
    for number, key in enumerate(chat.state.form_keys, start=1):
        question = TEXTS[f"field.{key}.label"] if FIELDS_BY_KEY[key].files else field_prompt(key, "consultation")
        assert f"\n{number}. {question}" in form.text
    assert form.choices == ()


def test_one_reply_with_every_answer_reaches_the_summary() -> None:
    chat = form_chat()
    chat.say(answer_form(chat))
    assert chat.state.stage == "summary"
    assert chat.state.answers["city"] == "Самара" and chat.state.answers["contact"].startswith("+7846")


def test_only_what_is_missing_or_refused_is_asked_again_with_the_reason() -> None:
    chat = form_chat()
    keys = chat.state.form_keys
    reply = answer_form(chat, product_version="последняя").splitlines()
    del reply[keys.index("city")]
    chat.say("\n".join(reply))
    assert chat.state.stage == "form" and set(chat.state.form_keys) == {"city", "product_version"}
    again = chat.text()
    assert "Версия продукта: в версии должны быть цифры" in again and "Город: нужен ответ" in again
    assert "\n1. " in again and "\n2. " in again and "\n3. " not in again

    city_first = chat.state.form_keys.index("city") + 1
    chat.say(f"{city_first}. Тольятти\n{3 - city_first}. 3.1.14")
    assert chat.state.stage == "summary" and chat.state.answers["city"] == "Тольятти"


def test_an_answer_may_run_over_several_lines_and_options_are_understood_in_words() -> None:
    chat = form_chat("problem")
    keys = chat.state.form_keys
    reply = answer_form(chat, description="журнал зависает", subsystems="скуд")
    at = keys.index("description") + 1
    reply = reply.replace(f"{at}. журнал зависает", f"{at}. журнал зависает\nпосле обновления до 3.1")
    chat.say(reply)
    assert chat.state.answers["description"] == "журнал зависает\nпосле обновления до 3.1"
    assert chat.state.answers["subsystems"] == "СКУД"
    assert chat.state.stage in ("form", "summary")  # answers may open further questions (the device's)


def test_files_attached_to_the_reply_are_kept_with_the_ticket() -> None:
    chat = form_chat()
    screenshot = Attachment("image", "store:abc.png", "image/png", 1000, "error.png")
    chat.say(answer_form(chat), attachments=(screenshot,))
    assert chat.state.stage == "summary" and [a["file_name"] for a in chat.state.attachments] == ["error.png"]


def test_optional_items_left_out_are_skipped_and_required_ones_are_not() -> None:
    chat = form_chat("problem")
    optional = [k for k in chat.state.form_keys if FIELDS_BY_KEY[k].is_optional("problem")]
    assert "antivirus" in optional
    chat.say(answer_form(chat, antivirus="-"))
    assert chat.state.answers.get("antivirus") == ""


def test_numbered_lines_are_read_in_linear_time_whatever_the_text() -> None:
    assert numbered_answers("1. а\nпродолжение\n\n2) б\n99. нет такого\n3: в", 3) == {
        1: "а\nпродолжение",
        2: "б\n99. нет такого",
        3: "в",
    }
    assert numbered_answers("просто текст", 1) == {1: "просто текст"}
    assert numbered_answers("просто текст", 2) == {}
    assert numbered_answers("1." + " " * 100_000 + "x", 1) == {1: "x"}
    assert numbered_answers("1. а" + " " * 100_000 + "2", 2) == {1: "а" + " " * 100_000 + "2"}


def test_several_numbered_answers_on_one_line_answer_their_items() -> None:
    """«4. три компа, 5. скуд+опс, 6. через USB» all went to item 4; a version or a count has no such number."""
    assert numbered_answers("4. три компа, 5. скуд+опс, 6. через преобразователь USB-RS485", 6) == {
        4: "три компа",
        5: "скуд+опс",
        6: "через преобразователь USB-RS485",
    }
    assert numbered_answers("4. у нас 3 ПК, версия 3.1.14", 6) == {4: "у нас 3 ПК, версия 3.1.14"}
    assert numbered_answers("2. i5, 8 гб, 1. касперский", 6) == {2: "i5, 8 гб, 1. касперский"}  # numbers only rise
