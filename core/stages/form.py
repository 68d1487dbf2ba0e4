"""Stage form: several intake questions in one numbered message, answered in one reply.

Used for the whole intake where each question would be a letter (e-mail), and in chats for the optional
environment items (core/intake.py ``ENVIRONMENT``), which one tap on «Пропустить» skips together. The client
answers with a number before each answer («3. Trassir 4.5»); files ride along as attachments. What is refused
or missing is asked again, again in one message; then the intake goes on (core/stages/flow.py). In a chat the
message is one question of the intake: «Назад» in it returns to the question before, «Назад» after it to it.
"""

from __future__ import annotations

import re

from core import walker
from core.choice_words import says_unknown
from core.environment_words import items_in_words, names_an_item
from core.intake import ENVIRONMENT, FIELDS_BY_KEY, INTAKE, Field
from core.render import resolve_choice
from core.replies import Reply
from core.stages.flow import ask_next
from core.stages.intake import go_back, labelled, on_field, remember_answered, typed_skip
from core.stages.same_request import left_follow_up
from core.stages.turn import Turn
from core.state import ConversationState
from core.texts import field_example, field_prompt, t
from core.validators import InvalidAnswer, only_a_phone

NUMBERED_LINE = re.compile(r"\s{0,8}(\d{1,2})\s{0,3}[.):]\s?(.*)")
# «2. i3, 4 ГБ» right after the message of the environment items: an item's number, and a value that is no version
LATE_ANSWER = re.compile(r"\s{0,8}(\d{1,2})\s{0,3}[.):]\s?(?!\d+\.\d)(\S.*)", re.DOTALL)


def form_question(state: ConversationState) -> Reply:
    assert state.kind is not None
    optional = all_optional(state)
    lines = [t("form.group_header" if optional else "form.header")]
    for number, key in enumerate(state.form_keys, start=1):
        lines.append(f"{number}. {_item(FIELDS_BY_KEY[key], state.kind)}")
    lines += ["", t("form.group_footer" if optional else "form.footer")]
    return Reply("\n".join(lines), (walker.SKIP,) if optional else (), numbered=False)


def all_optional(state: ConversationState) -> bool:
    """Every question of the form may be skipped: one «Пропустить» skips them all."""
    assert state.kind is not None
    return all(FIELDS_BY_KEY[key].is_optional(state.kind) for key in state.form_keys)


def _item(field: Field, kind: str) -> str:
    if field.files:
        return t("form.files", label=walker.TEXTS[f"field.{field.key}.label"])
    parts = [field_prompt(field.key, kind)]
    if field.options:
        parts.append(t("form.options", options=", ".join(walker.option_title(field, o) for o in field.options)))
    elif not field.strict_options:
        parts.append(t("intake.example", example=field_example(field.key, kind)))
    if field.is_optional(kind):
        parts.append(t("form.optional"))
    return " ".join(parts)


def numbered_answers(text: str, count: int) -> dict[int, str]:
    """The answers by their number; lines after a numbered one continue it. One open question takes plain text."""
    answers: dict[int, str] = {}
    current: int | None = None
    for line in (part for whole in text.splitlines() for part in _on_one_line(whole, count)):
        match = NUMBERED_LINE.fullmatch(line)
        if match and 1 <= int(match[1]) <= count:
            current = int(match[1])
            answers[current] = match[2].strip()
        elif current is not None and line.strip():
            answers[current] = f"{answers[current]}\n{line.strip()}".strip()
    if not answers and count == 1 and text.strip():
        answers[1] = text.strip()
    return answers


# «4. три компа, 5. скуд+опс, 6. через USB»: the next item's number after a comma or a space, on the same line
_NEXT_ITEM = re.compile(r"(?<=[\s,;])(\d{1,2})[.)]\s")  # one character looked back at: linear whatever the text


def _on_one_line(line: str, count: int) -> list[str]:
    """A line with several numbered answers, split before each next number (rising, within ``count``); it all went
    to the first item. «версия 3.1.14» and «у нас 2 ПК» have no such number."""
    first = NUMBERED_LINE.fullmatch(line)
    if first is None:
        return [line]
    parts, start, last = [], 0, int(first[1])
    for found in _NEXT_ITEM.finditer(line, first.start(2)):
        number = int(found[1])
        if last < number <= count:
            parts.append(line[start : found.start()].rstrip(",; "))
            start, last = found.start(), number
    return [*parts, line[start:]]


# «не знаю я не айтишник», «пропусти», «пропустим это»: none of the optional items answered
LEAVES_IT_ALL = re.compile(
    r"^\W*(?:не\s+знаю|не\s+в\s+курсе|хз|без\s+понятия|понятия\s+не\s+имею)\b\D*$", re.IGNORECASE
)


def leaves_it_all(text: str) -> bool:
    """The whole message skips the optional items: «не знаю» with why after it, or a skip typed in a few words; not
    when it names an item («не знаю, касперский вроде», «касперский, остальное пропустим» answer the antivirus)."""
    return bool(LEAVES_IT_ALL.match(text) or typed_skip(text)) and not names_an_item(text)


def on_form(turn: Turn) -> None:
    """Take every numbered answer that can be taken; the rest is asked again, or the intake goes on."""
    s = turn.state
    assert s.kind is not None
    # «не знаю» to questions that may all be skipped skips them: it is no answer to any one of them
    skipping = (
        turn.payload == walker.SKIP.payload
        or turn.command == "skip"
        or (all_optional(s) and (says_unknown(turn.text) or leaves_it_all(turn.text)))
    )
    if not turn.inbound.by_letter and (turn.payload == "nav:back" or turn.command == "back"):
        go_back(turn)  # a letter holds the whole intake: it has no question before
        return
    if turn.payload is not None and not skipping:
        turn.stale()
        return
    typed = {} if skipping else numbered_answers(turn.text, len(s.form_keys))
    if turn.text and not typed and not skipping and left_follow_up(turn):
        return
    in_words = {} if typed or skipping or turn.inbound.by_letter else items_in_words(turn.text, s.form_keys)
    if in_words:  # «антивирус Касперский, 3 компьютера»: the items it plainly answers, the rest skipped
        typed = {number: in_words.get(key, "") for number, key in enumerate(s.form_keys, start=1)}
    elif turn.text and not typed and not skipping:
        again = form_question(s)
        turn.say(Reply(f"{t('form.unnumbered')}\n\n{again.text}", again.choices, numbered=False))
        return
    phone = phone_as_contact(s, typed)
    if phone is not None:
        turn.say(t("intake.phone_taken", phone=phone))
    problems = turn.keep_attachments()  # refusals of files, told with the rest in one message
    for number, key in enumerate(s.form_keys, start=1):
        problem = _take(s, FIELDS_BY_KEY[key], typed.get(number, ""))
        if problem is not None:
            problems.append(f"{walker.TEXTS[f'field.{key}.label']}: {problem}")
    if in_words:
        say_read_in_words(turn, in_words)
    if not turn.inbound.by_letter:  # in a chat the message is one question of the intake: «назад» returns to it
        for key in s.form_keys:
            if key in s.answers:
                remember_answered(turn, key)
    s.form_keys = [key for key in s.form_keys if key not in s.answers]
    if s.form_keys:  # refused or missing: each has its problem
        again = form_question(s)
        told = t("form.problems", problems="\n".join(problems), form=again.text)
        turn.say(Reply(told, again.choices, numbered=False))
        return
    for problem in problems:  # files refused, the questions all answered
        turn.say(problem)
    ask_next(turn)


def on_field_after_form(turn: Turn) -> None:
    """The question after the environment items' message. «2. i3, 4 ГБ» here answers item 2 of that message, left
    skipped: clients in a chat send one item a message, and the second was refused as an answer to this question
    (the message of the items had moved on, the rest skipped). Anything else is this question's answer."""
    s = turn.state
    group = _last_group(s)
    late = LATE_ANSWER.fullmatch(turn.text) if group and turn.payload is None else None
    if late is None or not 1 <= int(late[1]) <= len(group):
        on_field(turn)
        return
    key = group[int(late[1]) - 1]
    if s.answers.get(key) or _take(s, FIELDS_BY_KEY[key], late[2].strip()) is not None:  # answered, or refused
        on_field(turn)
        return
    turn.say(t("form.read_in_words", items=labelled({key: s.answers[key]})))
    turn.reask()


def _last_group(s: ConversationState) -> list[str]:
    """The environment items of the message answered just before this question, in their numbers' order."""
    answered = []
    for key in reversed(s.history):
        if key not in ENVIRONMENT:
            break
        answered.append(key)
    return [field.key for field in INTAKE if field.key in answered]


def say_read_in_words(turn: Turn, in_words: dict[str, str]) -> None:
    """What was taken of the items answered in words, in one line, and whether the others were skipped."""
    s = turn.state
    taken = [key for key in s.form_keys if in_words.get(key) and s.answers.get(key)]
    if not taken:
        return
    said = t("form.read_in_words", items=labelled({key: s.answers[key] for key in taken}))
    if any(s.answers.get(key) == "" for key in s.form_keys):
        said = f"{said} {t('form.rest_skipped')}"
    turn.say(said)


def phone_as_contact(s: ConversationState, typed: dict[int, str]) -> str | None:
    """A phone written as the answer to a name (the organisation) while the contact's item is left empty is the
    client's own phone: it answers the contact's item (a claim like any typed phone: never looked up), and the name is
    asked again. The phone taken, or None."""
    if "contact" not in s.form_keys or typed.get(s.form_keys.index("contact") + 1):
        return None
    for number, key in enumerate(s.form_keys, start=1):
        phone = only_a_phone(typed.get(number, "")) if FIELDS_BY_KEY[key].names else None
        if phone is not None:
            typed[s.form_keys.index("contact") + 1] = phone
            return phone
    return None


def _take(s: ConversationState, field: Field, text: str) -> str | None:
    """Store the answer to one item; the reason it cannot be taken, or None (taken, or left for the next round)."""
    assert s.kind is not None
    if field.files:
        s.answers[field.key] = walker.attached_names(s.attachments)
        return None
    if not text or text.lower() in ("-", "—", t("choice.skip").lower()):
        if field.is_optional(s.kind):
            s.answers[field.key] = ""
            return None
        return t("form.required")
    payload = resolve_choice(text, walker.option_choices(field), loose=field.strict_options) if field.options else None
    try:
        s.answers[field.key] = walker.parse_answer(field, text, payload)
    except InvalidAnswer as error:
        return t(error.reason, **error.values)
    return None
