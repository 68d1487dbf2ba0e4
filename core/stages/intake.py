"""Stages kind, criticality, returning, verify and field: the walk through the intake form of core/intake.py.

kind → criticality (problems and licences only) → returning (data on file offered back, «всё верно?») →
one field after another, with verify when the contact typed is another client's on file → summary
(core/stages/summary.py). What comes next is decided in core/stages/flow.py.
"""

from __future__ import annotations

from dataclasses import replace

from core import walker
from core.events import ContactVerified, VerificationRequested
from core.intake import ENVIRONMENT, FIELDS_BY_KEY, INTAKE
from core.messages import Choice
from core.render import resolve_choice
from core.replies import Reply
from core.stages.flow import ask_next, ask_together, begin_fields, continue_with_kind, offer_on_file
from core.stages.greeting import on_idle
from core.stages.known import corrected_earlier, note_facts
from core.stages.same_request import left_follow_up
from core.stages.turn import Turn
from core.stages.words import first_word, looks_like_a_question, word_count
from core.state import ConversationState, Stage
from core.texts import channel_key, t
from core.validators import InvalidAnswer

KIND_CHOICES = tuple(Choice(f"kind:{k}", t(f"kind.{k}")) for k in ("problem", "consultation", "license", "wish"))
CRIT_CHOICES = tuple(Choice(f"crit:{c}", t(f"crit.{c}")) for c in ("stopped", "partial", "question"))
RETURNING_CHOICES = (Choice("ret:yes", t("choice.all_correct")), Choice("ret:change", t("choice.change")))
VERIFY_CHOICES = (Choice("nav:skip", t("verify.skip")),)
CRITICALITY_PRIORITY = {"stopped": "critical", "partial": "high", "question": "normal"}
PROFILE_NAME = "opt:contact_name:profile"  # the messenger profile's name, offered at the contact name question
KIND_WORDS_AT_MOST = 4  # «проблема в работе программы» only chooses; a longer answer tells the story too


# --- the questions of these stages
def kind_question(state: ConversationState) -> Reply:
    return Reply(t("kind.ask"), KIND_CHOICES)


def criticality_question(state: ConversationState) -> Reply:
    return Reply(t("crit.ask"), CRIT_CHOICES)


def returning_question(state: ConversationState) -> Reply:
    lines = [
        f"• {walker.TEXTS[f'field.{k}.label']}: {walker.display_value(FIELDS_BY_KEY[k], v)}"
        for k, v in state.offer.items()
    ]
    return Reply(t("returning.offer", summary="\n".join(lines)), RETURNING_CHOICES, personal=True)


def verify_question(state: ConversationState) -> Reply:
    assert state.verify_channel is not None
    return Reply(t("verify.sent", channel=t(channel_key(state.verify_channel))), VERIFY_CHOICES)


def field_question(state: ConversationState) -> Reply | None:
    if not (state.field and state.kind):
        return None
    reply = walker.prompt(FIELDS_BY_KEY[state.field], state.kind, critical=state.calling_back)
    if state.field == "contact_name" and state.profile_name:
        return replace(reply, choices=(Choice(PROFILE_NAME, state.profile_name), *reply.choices))
    return reply


# --- kind and criticality
def on_kind(turn: Turn) -> None:
    chosen = turn.typed_choice(KIND_CHOICES)
    if chosen is None:
        turn.not_understood()
        return
    turn.state.kind, turn.state.priority = chosen.removeprefix("kind:"), None  # chosen anew: its priority too
    if turn.payload is None and word_count(turn.text) > KIND_WORDS_AT_MOST and not turn.state.pending_question:
        turn.state.pending_question = turn.text  # «у нас после обновления Бастион-3 не видит…»: the description too
    if turn.state.kind == "wish":
        turn.say(t("kind.wish_note"))
    continue_with_kind(turn)


def on_criticality(turn: Turn) -> None:
    if turn.command == "back":
        turn.ask(Stage.KIND)
        return
    chosen = turn.typed_choice(CRIT_CHOICES)
    if chosen is None:
        turn.not_understood()
        return
    turn.state.priority = CRITICALITY_PRIORITY[chosen.removeprefix("crit:")]
    begin_fields(turn)


# --- data on file offered back
def on_returning(turn: Turn) -> None:
    chosen = turn.typed_choice(RETURNING_CHOICES)
    if chosen is None and first_word(turn.text) == "да":
        chosen = "ret:yes"
    if chosen is None:
        turn.not_understood()
        return
    if chosen == "ret:yes":
        turn.state.answers.update(turn.state.offer)
    turn.state.offer = {}
    ask_next(turn)


# --- the fields, one after another
def on_field(turn: Turn) -> None:
    s = turn.state
    current = walker.field_of(s.field)
    if current is None or s.kind is None:
        on_idle(turn)
        return
    if not turn.text and turn.inbound.verified_phone and current.request_phone:
        turn.text = turn.inbound.verified_phone  # an own contact, shared, answers the phone question
    if turn.payload == PROFILE_NAME or (s.profile_name and current.key == "contact_name" and turn.text == "1"):
        turn.text, turn.payload = s.profile_name or "", None  # the name offered, tapped or typed as its number
    payload = turn.payload
    if payload is None and turn.text:
        typed = walker.prompt(current, s.kind).choices
        payload = resolve_choice(turn.text, typed, loose=current.strict_options)
    nav = payload.removeprefix("nav:") if payload and payload.startswith("nav:") else turn.command
    if nav == "back":
        go_back(turn)
    elif nav == "skip":
        skip(turn, current)
    elif payload is not None and not payload.startswith(f"opt:{current.key}:"):
        turn.stale()
    elif turn.inbound.unsupported:
        what = f"unsupported.{turn.inbound.unsupported}"
        say_with_prompt(turn, "intake.unsupported", what=t(what if what in walker.TEXTS else "unsupported.other"))
    else:
        take_answer(turn, current, payload)


def say_with_prompt(turn: Turn, key: str, **values: object) -> None:
    """A catalogue text followed by the current question, with its buttons."""
    base = field_question(turn.state)
    assert base is not None
    turn.say(replace(base, text=t(key, prompt=base.text, **values)))


def remember_answered(turn: Turn, key: str) -> None:
    if key not in turn.state.history:
        turn.state.history.append(key)


def go_back(turn: Turn) -> None:
    """«Назад»: the last question answered is asked again; before the first one, the kind or criticality.

    The optional environment items, asked in one message in a chat, are one question here too: «назад» in that
    message leaves it whole (what was taken of it forgotten), and «назад» after it asks the whole message again.
    """
    s = turn.state
    if s.stage == Stage.FORM:
        forget_group(s)
    s.field, s.form_keys = None, []
    if not s.history:
        turn.ask(Stage.CRITICALITY if s.kind in ("problem", "license") else Stage.KIND)
        return
    previous = s.history.pop()
    s.answers.pop(previous, None)
    if previous in ENVIRONMENT and not turn.inbound.by_letter:
        group = {previous, *forget_group(s)}
        ask_together(turn, [f.key for f in INTAKE if f.key in group])
        return
    s.field = previous
    turn.ask(Stage.FIELD)


def forget_group(s: ConversationState) -> list[str]:
    """The environment items answered last in one message: taken off the answers and the history; their keys."""
    forgotten = []
    while s.history and s.history[-1] in ENVIRONMENT:
        forgotten.append(s.history.pop())
        s.answers.pop(forgotten[-1], None)
    return forgotten


def skip(turn: Turn, current: walker.Field) -> None:
    assert turn.state.kind is not None
    if not current.is_optional(turn.state.kind):
        say_with_prompt(turn, "intake.not_optional")
        return
    turn.state.answers[current.key] = ""
    remember_answered(turn, current.key)
    ask_next(turn)


def take_answer(turn: Turn, current: walker.Field, payload: str | None) -> None:
    s = turn.state
    assert s.kind is not None
    if payload is None and not current.free_text and left_follow_up(turn):
        return
    kept = False  # a file kept: its caption («вот ещё скрин») need not answer the question
    if turn.inbound.attachments:
        refusals = turn.keep_attachments()
        for refusal in refusals:
            turn.say(refusal)
        kept = len(refusals) < len(turn.inbound.attachments)
        if not turn.text:
            say_with_prompt(turn, "intake.attachment_kept" if kept else "intake.text_expected")
            return
    if payload is None and answers_faq_instead(turn, current):
        return
    if payload is None and corrected_earlier(turn, current.key):
        ask_next(turn)  # the question still open, asked again (and the correction added to an open ticket)
        return
    try:
        value = walker.answer_value(current, turn.text, payload, s.priority)
    except InvalidAnswer as error:
        if kept:
            say_with_prompt(turn, "intake.attachment_kept")
        else:
            say_with_prompt(turn, "intake.invalid", reason=t(error.reason, **error.values))
        return
    s.answers[current.key] = value
    remember_answered(turn, current.key)
    if current.unknown_ok and value == walker.UNKNOWN:
        turn.say(t("unknown.noted", hint=t(f"unknown.hint.{current.key}")))
    note_facts(turn, turn.text)
    if current.key == "contact" and turn.ctx.claim_channel is not None:
        turn.emit(VerificationRequested())
        s.field, s.verify_channel = None, turn.ctx.claim_channel
        turn.ask(Stage.VERIFY)
        return
    if current.key == "contact" and offer_on_file(turn, turn.ctx.contact_match):
        return
    ask_next(turn)


def answers_faq_instead(turn: Turn, current: walker.Field) -> bool:
    """A question typed instead of an answer gets the FAQ answer, then the same step again."""
    if current.free_text or not looks_like_a_question(turn.text) or turn.ctx.faq is None:
        return False
    found = turn.ctx.faq(turn.text)
    if not found.answered:
        return False
    turn.say(t("faq.inline_then_reask", answer=found.results[0].answer))
    turn.reask()
    return True


# --- a code sent to the client on file whose contact was typed
def on_verify(turn: Turn) -> None:
    """The right code links this chat to the client on file; skipping it, or a code that no longer can, goes on."""
    check = turn.ctx.code_check
    chosen = turn.typed_choice(VERIFY_CHOICES) if check is None else None  # «Пропустить» pressed or typed, «1»
    if turn.command == "back":
        go_back(turn)
    elif chosen == "nav:skip" or turn.command == "skip":
        turn.say(t("verify.skipped"))
        ask_next(turn)
    elif turn.payload is not None:
        turn.stale()
    elif check is None:
        turn.say(Reply(t("verify.expect_code"), VERIFY_CHOICES))
    elif check.outcome == "ok":
        turn.emit(ContactVerified())
        turn.say(t("verify.ok"))
        if not offer_on_file(turn, turn.ctx.contact_match):
            ask_next(turn)
    elif check.outcome == "wrong":
        turn.say(Reply(t("verify.wrong", left=check.attempts_left), VERIFY_CHOICES))
    else:
        turn.say(t(f"verify.{check.outcome}"))
        ask_next(turn)
