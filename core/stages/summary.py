"""Stage summary: the answers shown back, numbered; a number edits that answer, files sent now go with the
ticket, «Отправить» opens it."""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from core import walker
from core.changed_on_file import changes_in
from core.intake import FIELDS_BY_KEY
from core.replies import Reply
from core.stages.flow import open_ticket
from core.stages.intake import REPORT_WORDS_AT_LEAST, add_to_description, go_back, on_field
from core.stages.known import corrected_earlier
from core.stages.turn import SEND, Turn
from core.stages.words import first_word, word_count
from core.state import ConversationState, Stage
from core.texts import t

# «5 - Бастион-3», «7. Windows Server 2019 64 бит», «4 Кузнецов Олег Иванович», «пункт 9: 654321»: an item's number
# and its new value; after a bare space a digit only begins a version («6 3.1.14»): «8 927 123-45-67» is a phone
NUMBERED_VALUE = re.compile(
    r"(?:(?:пункт|п\.|№)\s*)?(?P<number>\d{1,2})(?:\s*[.):\-–—]\s+|\s+(?=\D|\d+\.\d))(?P<value>.+)",
    re.DOTALL | re.IGNORECASE,
)


def summary_question(state: ConversationState) -> Reply | None:
    return walker.summary(state.kind, state.answers, len(state.attachments)) if state.kind else None


def on_summary(turn: Turn) -> None:
    s = turn.state
    assert s.kind is not None
    items = walker.summary_items(s.kind, s.answers)
    typed = turn.text.strip().rstrip(".")
    if turn.inbound.attachments:
        take_files(turn)
        return
    if turn.payload is None and typed.isdigit():
        number = int(typed)
        if not 1 <= number <= len(items):
            turn.say(t("summary.no_such_item", number=number, count=len(items)))
            return
        key = items[number - 1].key
        s.answers.pop(key, None)
        s.field = key
        turn.ask(Stage.FIELD)
        return
    numbered = NUMBERED_VALUE.fullmatch(typed) if turn.payload is None else None
    if numbered and 1 <= int(numbered["number"]) <= len(items):
        edit_by_number(turn, items[int(numbered["number"]) - 1].key, numbered["value"])
        return
    if turn.payload is None and edited_in_words(turn):
        return
    chosen = turn.typed_choice((SEND,))
    if chosen is None and first_word(turn.text) == "отправить":
        chosen = SEND.payload
    if turn.command == "back" and s.history:
        go_back(turn)
    elif chosen == SEND.payload:
        open_ticket(turn)
        s.reset_intake()
        s.stage = Stage.TICKET_OPEN
    elif turn.payload is None and tells_more(turn):  # «забыла сказать: ещё журнал событий не пишется» was lost
        add_to_description(s, ADD_REQUEST.sub("", turn.text, count=1) or turn.text)
        turn.say(t("summary.added_to_description"))
        turn.reask()
    else:
        turn.not_understood()


# «забыл сказать, …», «и ещё: …», «кстати, …»: more of the story for the engineer
MORE = re.compile(
    r"^\W*(?:забыл\w*|кстати|и\s+ещ[её]|ещ[её]\s*[:,—-]|ещ[её]\s+добав\w*|добав\w*|дополн\w*|также|p\.?\s?s\b|плюс\s)",
    re.IGNORECASE,
)
# «добавьте: …», «ещё добавьте что …»: the request to add, not a part of what is added
ADD_REQUEST = re.compile(r"^\W*(?:ещ[её]\s+)?(?:добав\w*|допиш\w*)(?:\s+в\s+описание)?(?:\s+что)?\s*[:,—–-]?\s*", re.I)


def tells_more(turn: Turn) -> bool:
    """Text at the summary that tells more of the trouble: a report, or a story begun as an addition; kept in the
    description («забыл сказать, камеры подключены через регистратор» was refused and lost)."""
    if word_count(turn.text) < REPORT_WORDS_AT_LEAST:
        return False
    return turn.reports_trouble(turn.text) or MORE.match(turn.text.casefold()) is not None


def edit_by_number(turn: Turn, key: str, value: str) -> None:
    """«5 - Бастион-3»: the item's new value, taken as the answer to its question would be (checked the same way;
    the summary comes back once it is taken, the question stays when it is refused)."""
    s = turn.state
    s.answers.pop(key, None)
    s.field, s.stage = key, Stage.FIELD
    turn.text = value
    on_field(turn)


def edited_in_words(turn: Turn) -> bool:
    """«Исправьте город на Тольятти», «не Самара, а Тольятти»: the item named is changed and the summary shown again;
    an item named without its new value is asked, as its number would ask it. False when no item is named."""
    s = turn.state
    assert s.kind is not None
    if corrected_earlier(turn, ""):
        turn.reask()
        return True
    items = {field.key: s.answers.get(field.key, "") for field in walker.summary_items(s.kind, s.answers)}
    changes = {key: c for key, c in changes_in(turn.text, items).items() if c.value != items[key]}
    if not changes:
        return False
    for key, change in changes.items():
        if change.value is not None:
            s.answers[key] = change.value
            label = walker.TEXTS[f"field.{key}.label"]
            turn.say(t("facts.corrected", label=label, value=walker.display_value(FIELDS_BY_KEY[key], change.value)))
    asked = next((key for key, change in changes.items() if change.value is None), None)
    if asked is None:
        turn.reask()
        return True
    s.answers.pop(asked, None)
    s.field = asked
    turn.ask(Stage.FIELD)
    return True


def filled_in(
    state: ConversationState, kind: str, priority: str, answers: dict[str, str], attachments: list[dict[str, Any]]
) -> ConversationState:
    """The state as if the client had answered every question and stood at the summary: an intake filled in
    elsewhere (the web form) is sent by the same «Отправить» step as the chat's."""
    draft = deepcopy(state)
    draft.reset_intake()
    draft.stage, draft.kind, draft.priority = Stage.SUMMARY, kind, priority
    draft.answers, draft.attachments = dict(answers), list(attachments)
    return draft


def take_files(turn: Turn) -> None:
    """Screenshots and logs sent at the summary are kept for the ticket; the summary shows how many."""
    for refusal in turn.keep_attachments():
        turn.say(refusal)
    turn.say(t("intake.files_received", count=turn.files_kept()))
    turn.reask()
