"""Issue 14: a photo or file sent before a ticket is kept, the client is told so, and it goes with the ticket."""

from __future__ import annotations

from core.messages import Attachment
from core.texts import t
from tests.engine.intake_answers import VALID_ANSWERS, reach_ticket
from tests.fakes import EngineChat

PHOTO = Attachment("image", "store:error.png", "image/png", 50_000, "error.png")
PROGRAM = Attachment("document", "store:fix.exe", "application/x-msdownload", 1000, "fix.exe")


def test_a_photo_as_the_first_message_is_kept_and_the_client_told() -> None:
    chat = EngineChat()
    replies = chat.say(None, attachments=(PHOTO,))
    assert t("files.kept_for_ticket", count=1) in chat.text()
    assert [c.payload for c in replies[-1].choices] == ["menu:ticket"]
    assert [a["file_name"] for a in chat.state.attachments] == ["error.png"]


def test_a_kept_photo_goes_with_the_ticket_and_is_named_in_it() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(None, attachments=(PHOTO,))
    reach_ticket(chat, "Не открывается журнал событий")
    [ticket] = chat.tickets()
    assert [a["file_name"] for a in ticket.attachments] == ["error.png"]
    assert ticket.fields["screenshots"] == "error.png"


def test_a_photo_with_a_report_as_caption_starts_the_ticket_and_is_kept() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("Вот ошибка при входе", attachments=(PHOTO,))
    assert t("files.kept_for_ticket", count=1) in chat.text() and chat.state.stage == "consent"
    chat.press("consent:yes")
    chat.press("crit:partial")
    assert len(chat.state.attachments) == 1


def test_a_file_refused_before_the_ticket_is_said_so_and_not_kept() -> None:
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say(None, attachments=(PROGRAM,))
    assert t("intake.file_blocked", name="fix.exe") in chat.text()
    assert chat.state.attachments == []


def test_files_sent_at_the_summary_go_with_the_ticket() -> None:
    chat = EngineChat(consent=True)
    chat.say("Не открывается журнал событий")
    chat.press("crit:partial")
    while chat.state.stage == "field":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    chat.press("nav:skip")  # the environment items
    while chat.state.stage == "field":
        chat.say(VALID_ANSWERS[chat.state.field or ""])
    chat.say(None, attachments=(PHOTO,))
    assert t("intake.files_received", count=1) in chat.text() and t("summary.files", count=1) in chat.text()
    chat.press("sum:send")
    assert chat.tickets()[0].fields["screenshots"] == "error.png"


def test_an_album_sent_as_the_first_message_is_kept_whole_through_the_button_questions() -> None:
    """Telegram posts an album as one update per photo: the second and third arrived at the consent question and
    were answered «Не понял ответ» and lost; at the criticality question all of them were."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("Не открывается журнал событий", attachments=(PHOTO,))
    assert chat.state.stage == "consent"
    for _ in range(2):
        replies = chat.say(None, attachments=(PHOTO,))
        assert t("files.kept_for_ticket", count=len(chat.state.attachments)) in chat.text()
        assert [c.payload for c in replies[-1].choices] == ["consent:yes", "consent:no"]  # the question again
    chat.press("consent:yes")
    assert chat.state.stage == "criticality"
    chat.say(None, attachments=(PHOTO,))
    assert len(chat.state.attachments) == 4 and chat.state.stage == "criticality"
    assert "Не понял" not in chat.text()


def test_a_photo_with_a_caption_at_the_consent_question_goes_with_the_ticket() -> None:
    """«вот скриншот ошибки» with the photo at the consent question was added to the description, and the photo
    dropped: the client believed it was sent (found through the Telegram and WhatsApp webhooks)."""
    chat = EngineChat()
    chat.say("Здравствуйте")
    chat.say("Не открывается журнал событий")
    assert chat.state.stage == "consent"
    chat.say("вот скриншот ошибки", attachments=(PHOTO,))
    assert t("files.kept_for_ticket", count=1) in chat.text()
    reach_ticket(chat, "Не открывается журнал событий")
    assert chat.tickets()[0].fields["screenshots"] == "error.png"
