"""Stage form: the intake asked in one message, for channels where each question would be a letter (e-mail).

The client gets every question still open as a numbered list and answers them in one reply, a number
before each answer («3. Trassir 4.5»); files ride along as attachments. What is missing or refused is
asked again, again in one message, until nothing is; then the summary (core/stages/summary.py).
"""

from __future__ import annotations

import re

from core import walker
from core.intake import FIELDS_BY_KEY, Field
from core.render import resolve_choice
from core.replies import Reply
from core.stages.turn import Turn
from core.state import ConversationState, Stage
from core.texts import field_prompt, t
from core.validators import InvalidAnswer

NUMBERED_LINE = re.compile(r"\s{0,8}(\d{1,2})\s{0,3}[.):]\s?(.*)")


def start_form(turn: Turn) -> None:
    """Ask every applicable field not yet answered at once, or show the summary when none is left."""
    turn.state.form_keys, turn.state.field = open_keys(turn.state), None
    turn.ask(Stage.FORM if turn.state.form_keys else Stage.SUMMARY)


def open_keys(state: ConversationState) -> list[str]:
    assert state.kind is not None
    return [f.key for f in walker.applicable_fields(state.kind, state.answers) if f.key not in state.answers]


def form_question(state: ConversationState) -> Reply:
    assert state.kind is not None
    lines = [t("form.header")]
    for number, key in enumerate(state.form_keys, start=1):
        lines.append(f"{number}. {_item(FIELDS_BY_KEY[key], state.kind)}")
    lines += ["", t("form.footer")]
    return Reply("\n".join(lines), numbered=False)


def _item(field: Field, kind: str) -> str:
    if field.files:
        return t("form.files", label=walker.TEXTS[f"field.{field.key}.label"])
    parts = [field_prompt(field.key, kind)]
    if field.options:
        parts.append(t("form.options", options=", ".join(walker.option_title(field, o) for o in field.options)))
    elif not field.strict_options:
        parts.append(t("intake.example", example=walker.TEXTS[f"field.{field.key}.example"]))
    if field.is_optional(kind):
        parts.append(t("form.optional"))
    return " ".join(parts)


def numbered_answers(text: str, count: int) -> dict[int, str]:
    """The answers by their number; lines after a numbered one continue it. One open question takes plain text."""
    answers: dict[int, str] = {}
    current: int | None = None
    for line in text.splitlines():
        match = NUMBERED_LINE.fullmatch(line)
        if match and 1 <= int(match[1]) <= count:
            current = int(match[1])
            answers[current] = match[2].strip()
        elif current is not None and line.strip():
            answers[current] = f"{answers[current]}\n{line.strip()}".strip()
    if not answers and count == 1 and text.strip():
        answers[1] = text.strip()
    return answers


def on_form(turn: Turn) -> None:
    """Take every numbered answer that can be taken; the rest, and the fields they open, are asked again."""
    s = turn.state
    problems = turn.keep_attachments()  # refusals of files, told with the rest in one message
    typed = numbered_answers(turn.text, len(s.form_keys))
    for number, key in enumerate(s.form_keys, start=1):
        problem = _take(s, FIELDS_BY_KEY[key], typed.get(number, ""))
        if problem is not None:
            problems.append(f"{walker.TEXTS[f'field.{key}.label']}: {problem}")
    s.form_keys = open_keys(s)
    if not s.form_keys:
        turn.ask(Stage.SUMMARY)
    elif problems:
        again = form_question(s)
        turn.say(Reply(t("form.problems", problems="\n".join(problems), form=again.text), numbered=False))
    else:
        turn.reask()


def _take(s: ConversationState, field: Field, text: str) -> str | None:
    """Store the answer to one item; the reason it cannot be taken, or None (taken, or left for the next round)."""
    assert s.kind is not None
    if field.files:
        s.answers[field.key] = ", ".join(a.get("file_name") or a["kind"] for a in s.attachments)
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
