"""The generic walk through the declared intake: ask, validate, skip, back, summary, edit."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from core.answer_words import plain_answer
from core.choice_words import says_unknown
from core.intake import (
    FIELDS_BY_KEY,
    IMAGE_EXTENSIONS,
    IMAGE_TYPES,
    INTAKE,
    MAX_FILE_BYTES,
    PERSONAL_KEYS,
    Field,
)
from core.messages import Attachment, Choice
from core.person_names import is_full_name
from core.render import resolve_choice
from core.replies import Reply
from core.texts import TEXTS, field_example, field_prompt, t
from core.validators import InvalidAnswer, only_a_phone, only_an_email, unnamed

BLOCKED_EXTENSIONS = (".exe", ".msi", ".bat", ".cmd", ".com", ".scr", ".js", ".vbs", ".dll", ".ps1", ".jar")
SKIP = Choice("nav:skip", t("choice.skip"))
PLACES_AND_FIRMS = frozenset({"city", "organization"})  # never a person's full name
UNKNOWN = t("unknown.value")  # stored for «не знаю»: the ticket says so, and it is never offered back
# stored for the items a critical ticket's questions left unasked when the client stopped answering them
NOT_GIVEN = t("followup.not_given")
PENDING = t("followup.pending")  # on a critical ticket opened early: asked after it, not answered yet


def given(value: str | None) -> str | None:
    """A ticket field's value when the client gave one; None when empty, pending or never given."""
    return None if value in (None, "", NOT_GIVEN, PENDING) else value


def applicable_fields(kind: str, answers: dict[str, str]) -> list[Field]:
    return [f for f in INTAKE if f.applies(kind, answers)]


def option_title(field: Field, option: str) -> str:
    return TEXTS[f"field.{field.key}.option.{option}"]


def display_value(field: Field, value: str) -> str:
    """What the client and the engineers read for a stored answer."""
    if field.strict_options and value in field.options:
        return option_title(field, value)
    return value or t("summary.empty_value")


def option_choices(field: Field) -> tuple[Choice, ...]:
    return tuple(Choice(f"opt:{field.key}:{o}", option_title(field, o)) for o in field.options)


def prompt(field: Field, kind: str, *, critical: bool = False) -> Reply:
    """The question of one field; ``critical``: worded for a call back at once where the field has such a wording."""
    wording = "critical" if critical else kind
    lines = [field_prompt(field.key, wording)]
    if field.is_optional(kind):
        lines.append(t("intake.optional_hint"))
    if not field.strict_options:
        lines.append(t("intake.example", example=field_example(field.key, wording)))
    choices = option_choices(field)
    if field.is_optional(kind):
        choices += (SKIP,)
    return Reply("\n".join(lines), choices, request_phone=field.request_phone)


def parse_answer(field: Field, text: str, choice: str | None) -> str:
    """The value to store for a typed or pressed answer; raises InvalidAnswer.

    A short answer loses the greeting, thanks and lead-in words around it (core/answer_words.py). «Не знаю» where
    the client may well not know (``Field.unknown_ok``) is stored as «не знает»: the ticket
    shows the item as explicitly unknown instead of missing, and the client is not stuck at it.
    """
    if choice is not None:
        option = choice.removeprefix(f"opt:{field.key}:")
        return option if field.strict_options else option_title(field, option)
    if field.strict_options:
        titles = ", ".join(option_title(field, o) for o in field.options)
        raise InvalidAnswer("invalid.choice", options=titles)
    if field.unknown_ok and says_unknown(text):
        return UNKNOWN
    answer = text if field.free_text else plain_answer(field.key, text)
    if field.names and says_unknown(answer):  # «не знаю» where the client must know: the organisation, the city
        raise InvalidAnswer("invalid.needed", expected=t(f"invalid.name_of.{field.key}"))
    if field.names:  # «89171234567» at the organisation question, «ivanov@mail.ru» at the name
        contact = "phone" if only_a_phone(answer) else "email" if only_an_email(answer) else None
        if contact is not None:
            named = {"contact": t(f"invalid.contact.{contact}"), "expected": t(f"invalid.name_of.{field.key}")}
            raise InvalidAnswer("invalid.contact_for_name", **named)
        reason = unnamed(answer)  # «3.1.14» at «Для какого продукта ключ защиты?»
        if reason is not None:
            raise InvalidAnswer(reason, expected=t(f"invalid.name_of.{field.key}"))
        if field.key in PLACES_AND_FIRMS and is_full_name(answer):  # «Кузнецов Дмитрий» as the city
            raise InvalidAnswer(f"invalid.person_for.{field.key}")
    return field.parse(answer)


def typed_value(field: Field, text: str) -> str:
    """The value kept for ``text`` typed as the answer to ``field`` outside its question (a correction, a change at
    the summary), its options read from the client's words («HASP», «гардант»); raises InvalidAnswer."""
    choice = resolve_choice(text, option_choices(field), loose=field.strict_options) if field.options else None
    return parse_answer(field, text, choice)


def attached_names(attachments: list[dict[str, Any]]) -> str:
    """The files kept for a ticket, as its «Скриншоты и файлы» item says them."""
    return ", ".join(a.get("file_name") or a["kind"] for a in attachments)


def check_attachment(attachment: Attachment) -> str | None:
    """The refusal text for an attachment we cannot take, or None when it is fine."""
    name = attachment.file_name or attachment.ref.rsplit("/", 1)[-1]
    suffix = PurePosixPath(name.lower()).suffix
    if attachment.size is not None and attachment.size > MAX_FILE_BYTES:
        return t("intake.file_too_large", name=name, limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    if suffix in BLOCKED_EXTENSIONS:
        return t("intake.file_blocked", name=name)
    if attachment.kind == "image" or (attachment.mime_type or "").startswith("image/"):
        mime_ok = attachment.mime_type in IMAGE_TYPES if attachment.mime_type else True
        suffix_ok = suffix in IMAGE_EXTENSIONS if attachment.file_name and suffix else True
        if not (mime_ok and suffix_ok):
            return t("intake.bad_image_format", name=name)
    return None


def summary_items(kind: str, answers: dict[str, str]) -> list[Field]:
    """The questions of a chat and the numbered items of its summary: every applicable field but the files,
    which the summary invites instead."""
    return [f for f in applicable_fields(kind, answers) if not f.files]


def summary(kind: str, answers: dict[str, str], attachments: int) -> Reply:
    lines = [t("summary.header", kind=t(f"kind.{kind}"))]
    for number, field in enumerate(summary_items(kind, answers), start=1):
        value = display_value(field, answers.get(field.key, ""))
        lines.append(f"{number}. {TEXTS[f'field.{field.key}.label']}: {value}")
    if attachments:
        lines.append(t("summary.files", count=attachments))
    lines.append("")
    lines += [field_prompt(f.key, kind) for f in applicable_fields(kind, answers) if f.files]
    lines.append(t("summary.footer"))
    choices = (Choice("sum:send", t("choice.send")), Choice("sum:cancel", t("choice.cancel")))
    personal = any(answers.get(key) for key in PERSONAL_KEYS)
    return Reply("\n".join(lines), choices, numbered=False, personal=personal)


def ticket_fields(kind: str, answers: dict[str, str]) -> dict[str, str]:
    """The collected data as the ticket keeps it: applicable fields only, options as words."""
    return {
        f.key: display_value(f, answers[f.key]) if answers.get(f.key) else "" for f in applicable_fields(kind, answers)
    }


def field_lines(fields: dict[str, str]) -> str:
    """«Label: value» lines of ticket fields in the intake's order, for the engineers."""
    empty = t("summary.empty_value")
    return "\n".join(f"{TEXTS[f'field.{f.key}.label']}: {fields[f.key] or empty}" for f in INTAKE if f.key in fields)


def field_of(key: str | None) -> Field | None:
    return FIELDS_BY_KEY.get(key) if key else None
