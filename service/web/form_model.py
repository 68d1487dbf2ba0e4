"""The intake of core/intake.py as a web form: its fields for a kind of request, and a submission checked by the
very validators the chat uses (core/walker.py), so that the form and the chat never disagree on an answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core import walker
from core.events import ConsentGiven
from core.intake import INTAKE, KINDS, MAX_FILE_BYTES, Field
from core.stages.flow import KIND_PRIORITY
from core.stages.intake import CRIT_CHOICES, CRITICALITY_PRIORITY
from core.stages.summary import filled_in
from core.state import ConversationState
from core.texts import CONSENT_VERSION, PRIVACY_POLICY_URL, TEXTS, field_example, field_prompt, t
from core.validators import InvalidAnswer
from service.web.form_links import FormChat

CRITICALITY = "criticality"  # the form's own item: the chat asks it as a stage before the fields
CONSENT = "consent"
CRITICALITIES = tuple(c.payload.removeprefix("crit:") for c in CRIT_CHOICES)


@dataclass(frozen=True)
class FormField:
    """One intake field as the page shows it."""

    key: str
    label: str
    prompt: str
    example: str
    optional: bool
    options: tuple[tuple[str, str], ...]  # (value, title)
    strict: bool  # a select; otherwise the options are suggestions for a text input
    long: bool
    files: bool
    unknown_ok: bool
    when_device: bool  # asked only when the request involves a device


def kind_titles() -> list[tuple[str, str]]:
    return [(kind, t(f"kind.{kind}")) for kind in KINDS]


def criticality_titles() -> list[tuple[str, str]]:
    return [(value, choice.title) for value, choice in zip(CRITICALITIES, CRIT_CHOICES, strict=True)]


def asks_criticality(kind: str) -> bool:
    return kind not in KIND_PRIORITY


def form_fields(kind: str) -> list[FormField]:
    """Every field of ``kind``; those that depend on an earlier answer are marked and checked only when it applies."""
    return [_form_field(f, kind) for f in INTAKE if kind in f.kinds]


def _form_field(f: Field, kind: str) -> FormField:
    return FormField(
        key=f.key,
        label=TEXTS[f"field.{f.key}.label"],
        prompt=field_prompt(f.key, kind),
        example="" if f.strict_options or f.files else field_example(f.key, kind),
        optional=f.is_optional(kind),
        options=tuple((o, walker.option_title(f, o)) for o in f.options),
        strict=f.strict_options,
        long=f.free_text,
        files=f.files,
        unknown_ok=f.unknown_ok,
        when_device=f.applies_when is not None,
    )


@dataclass
class Checked:
    """A submission read: the answers to keep, and the error next to each field that has one."""

    priority: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def check(kind: str, values: Mapping[str, str], *, consent_needed: bool) -> Checked:
    """Each applicable field's answer through the chat's validators; a missing required answer is an error too."""
    checked = Checked()
    if asks_criticality(kind):
        level = values.get(CRITICALITY, "")
        if level in CRITICALITY_PRIORITY:
            checked.priority = CRITICALITY_PRIORITY[level]
        else:
            checked.errors[CRITICALITY] = t("webform.choose")
    else:
        checked.priority = KIND_PRIORITY[kind]
    if consent_needed and values.get(CONSENT) != "yes":
        checked.errors[CONSENT] = t("webform.consent_required")
    for f in walker.applicable_fields(kind, dict(values)):
        if f.files:
            continue
        error = _take(checked, f, kind, values.get(f.key, "").strip())
        if error is not None:
            checked.errors[f.key] = error
    return checked


def _take(checked: Checked, f: Field, kind: str, text: str) -> str | None:
    if not text:
        if f.is_optional(kind):
            checked.answers[f.key] = ""
            return None
        return t("webform.choose") if f.strict_options else t("form.required")
    payload = f"opt:{f.key}:{text}" if f.strict_options and text in f.options else None
    try:
        checked.answers[f.key] = walker.parse_answer(f, text, payload)
    except InvalidAnswer as error:
        return t(error.reason, **error.values)
    return None


def consent_event() -> ConsentGiven:
    """The consent of Appendix 2 given on the form: the chat's own text and version."""
    return ConsentGiven(CONSENT_VERSION, t("consent.request", policy_url=PRIVACY_POLICY_URL))


def file_limit_mb() -> int:
    return MAX_FILE_BYTES // (1024 * 1024)


@dataclass(frozen=True)
class SubmittedForm:
    """A checked form, ready for the desk: whose it is, what was answered, and the consent it gave."""

    chat: FormChat
    kind: str
    priority: str
    answers: dict[str, str]
    attachments: list[dict[str, Any]]
    consent: ConsentGiven | None

    def draft(self, state: ConversationState) -> ConversationState:
        """The chat's state at the summary with the form's answers: the desk sends it as the chat would."""
        return filled_in(state, self.kind, self.priority, self.answers, self.attachments)
