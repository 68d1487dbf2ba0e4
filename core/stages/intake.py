"""Stages kind, criticality, returning and field: the walk through the intake form of core/intake.py.

kind → criticality (problems and licences only) → returning (data on file offered back, «всё верно?») →
one field after another → summary (core/stages/summary.py). What comes next is decided in core/stages/flow.py.
A contact typed here is only the ticket's: joining a chat to a client on file is asked for apart
(core/stages/link.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from core import notices, validators, walker
from core.changed_on_file import changes_in
from core.choice_words import says_unknown
from core.environment_words import items_in_words, names_an_item
from core.events import ClientWroteOnTicket
from core.facts import FAMILIES, bare_version, extract, organization_names, system_named
from core.howto_words import asks_how_to_use
from core.intake import ENVIRONMENT, FIELDS_BY_KEY, INTAKE, NO, YES
from core.messages import Choice
from core.person_names import introduced_name, is_full_name, name_among
from core.render import resolve_choice
from core.replies import Reply
from core.stages.flow import (
    ask_next,
    ask_together,
    begin_fields,
    continue_with_kind,
    leave_follow_up,
    offer_on_file,
    open_keys,
)
from core.stages.greeting import on_idle
from core.stages.known import corrected_earlier, fact_said, note_facts
from core.stages.same_request import left_follow_up
from core.stages.turn import Turn, sent_again
from core.stages.words import (
    LI_QUESTION,
    WORDS,
    after_pointing_back,
    after_yes,
    annoyed,
    asks_for_ticket,
    first_word,
    looks_like_a_question,
    means_own_number,
    messengers_named,
    no_phone_given,
    opens_with_question,
    points_back,
    small_talk,
    takes_offer,
    why_asked,
    word_count,
)
from core.state import ConversationState, Stage
from core.texts import TEXTS, t
from core.translit import cyrillic_reading
from core.validators import (
    InvalidAnswer,
    contacts,
    email_in,
    long_text,
    merged_contacts,
    only_contacts,
    person_name,
    phone_in,
    phone_or_email,
    short_text,
    story,
)
from core.wish_words import asks_for_feature

NAME_MISPLACED_AT = frozenset({"contact", "organization", "city"})  # where a person's name is typed one step early
_FAMILY_NAMED = re.compile(r"бастион|bastion|elsys|элсис", re.IGNORECASE)  # a quick look before reading the facts
# a bitness alone: «64», «x64», «32 бит», «64-разрядная»
BARE_BITNESS = re.compile(r"(?:x|х)?(?:32|64|86)(?:[\s-]?(?:бит\w*|bit|разряд\w*))?|amd64", re.IGNORECASE)
GENERATIONS = {"2": "Бастион-2", "3": "Бастион-3"}  # a digit typed at the product question, its buttons aside
DOTTED_NUMBER = re.compile(r"\d+\.\d+")  # a version's shape: «3.1.14», «2023.2»
ANY_TEXT = (short_text, long_text, story)  # parsers any text with a letter passes
KIND_CHOICES = tuple(Choice(f"kind:{k}", t(f"kind.{k}")) for k in ("problem", "consultation", "license", "wish"))
CRIT_CHOICES = tuple(Choice(f"crit:{c}", t(f"crit.{c}")) for c in ("stopped", "partial", "question"))
RETURNING_CHOICES = (Choice("ret:yes", t("choice.all_correct")), Choice("ret:change", t("choice.change")))
ALL_CHANGED = Choice("ret:all", t("returning.all_changed"))
CRITICALITY_PRIORITY = {"stopped": "critical", "partial": "high", "question": "normal"}
PROFILE_NAME = "opt:contact_name:profile"  # the messenger profile's name, offered at the contact name question
WRITTEN_PHONE = "opt:contact:written"  # a phone the first message gave («звоните 8 927…»), offered in one tap
KIND_WORDS_AT_MOST = 4  # «проблема в работе программы» only chooses; a longer answer tells the story too
FREE_TEXT_QUESTION_WORDS_AT_MOST = 6  # «а когда ответите?» at «Что вы ожидали?» is a question; a story is longer
CRITICALITY_STORY_WORDS = 5  # «работает частично, не открывается только дверь в бухгалтерию»: more than the choice
LEADING_ASSENT = re.compile(r"^\s*(?:ладно|хорошо|ну|ок|окей|ok|так|давайте|пожалуйста)\s*[,.!—–-]+\s*", re.IGNORECASE)
SKIP_WORDS_AT_MOST = 3  # «пропусти», «пропустим этот вопрос»; «дальше нажимаем «Сохранить»» is an answer
REPORT_WORDS_AT_LEAST = 3  # «ООО Не работает» may be a name; «турникеты не отвечают» is a report
ANSWER_PARTS = re.compile(r"[,;\n]")  # «Самара, Иванов Иван»: the answers to two questions


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


def field_question(state: ConversationState) -> Reply | None:
    if not (state.field and state.kind):
        return None
    reply = walker.prompt(FIELDS_BY_KEY[state.field], state.kind, critical=state.calling_back)
    if state.field == "contact_name" and (offered := name_to_offer(state)):
        return replace(reply, choices=(Choice(PROFILE_NAME, offered), *reply.choices))
    if state.field == "product_name" and named_family(state.answers.get("description", "")):
        return replace(reply, text=t("field.product_name.prompt.which"))
    written = written_phone(state)
    if written:
        return replace(reply, choices=(Choice(WRITTEN_PHONE, written), *reply.choices))
    return reply


def name_to_offer(state: ConversationState) -> str | None:
    """The name offered in one tap at the contact's name question: the one the client gave as theirs in the first
    message («меня зовут Сергей Петров»; it was asked again), else the messenger profile's."""
    return introduced_name(state.answers.get("description", "")) or state.profile_name


def named_family(text: str) -> bool:
    """The client named a product only by its family («камеры в бастионе»), not which one of it."""
    return bool(text) and _FAMILY_NAMED.search(text) is not None and extract(text).get("product_name") in FAMILIES


THIS_ONE = frozenset("да ага угу этот тот же он его по нему на него звоните пишите верно".split())
THIS_ONE_WORDS_AT_MOST = 4


def this_one(text: str) -> bool:
    """«да, этот», «по нему»: the one-tap answer offered, in words (no other phone in them)."""
    words = set(WORDS.findall(text.casefold()))
    return 0 < len(words) <= THIS_ONE_WORDS_AT_MOST and words <= THIS_ONE


def written_phone(state: ConversationState) -> str | None:
    """At the contact question, the phone the description gives («вся СКУД легла, звоните 8 927 700-11-22»): offered
    in one tap rather than taken unasked, since it may be someone else's (the security guard's, the installer's)."""
    if state.field != "contact" or "contact" in state.answers:
        return None
    return phone_in(state.answers.get("description", ""))


# --- kind and criticality
def answered_question(turn: Turn) -> bool:
    """«А сколько стоит поддержка?» at a choice is a question, answered from the FAQ before its words choose anything
    («стоит» would say the system is down)."""
    return turn.payload is None and looks_like_a_question(turn.text) and turn.answered_from_faq()


def answer_after_question(turn: Turn, choices: tuple[Choice, ...]) -> str | None:
    """The choice the words after a question make («а что значит критично? у нас не пускает людей в здание»: the
    site is shut); None when nothing follows the question, or it chooses nothing. The question was answered from
    the FAQ and the choice asked again, four times over."""
    if turn.payload is not None or "?" not in turn.text:
        return None
    after = turn.text.rsplit("?", 1)[1].strip()
    return resolve_choice(cyrillic_reading(after), choices) if after else None


def on_kind(turn: Turn) -> None:
    if answered_question(turn):
        return
    typed = turn.typed_choice(KIND_CHOICES)
    told = None if typed else kind_told(turn)  # a story: it is the description too
    chosen = typed or told
    if chosen is None and turn.payload is None and says_unknown(turn.text):
        turn.say(Reply(t("kind.unknown"), KIND_CHOICES))
        return
    if chosen is None:
        turn.not_understood()
        return
    turn.state.kind, turn.state.priority = chosen.removeprefix("kind:"), None  # chosen anew: its priority too
    long_answer = word_count(turn.text) > KIND_WORDS_AT_MOST
    if turn.payload is None and (told or long_answer) and not turn.state.pending_question:
        turn.state.pending_question = turn.text  # «у нас после обновления Бастион-3 не видит…»: the description too
    if turn.state.kind == "wish":
        turn.say(t("kind.wish_note"))
    continue_with_kind(turn)


def kind_told(turn: Turn) -> str | None:
    """The kind a typed story tells, read as at the menu: «у нас не печатаются пропуска» a problem (a key's trouble
    the key's request), «хотим, чтобы в отчёте была колонка» a wish, «как выдать пропуск посетителю» a consultation;
    None when it tells none of them."""
    if turn.payload is not None or not turn.text:
        return None
    if turn.reports_trouble(turn.text):
        return "kind:license" if turn.key_in_trouble(turn.text) else "kind:problem"
    if asks_for_feature(turn.text):
        return "kind:wish"
    return "kind:consultation" if asks_how_to_use(turn.text) else None


def on_criticality(turn: Turn) -> None:
    if turn.command == "back":
        turn.ask(Stage.KIND)
        return
    told = answer_after_question(turn, CRIT_CHOICES)  # «а что значит критично? у нас не пускает людей в здание»
    if told is None and answered_question(turn):
        return
    chosen = told or turn.typed_choice(CRIT_CHOICES)
    talk = small_talk(turn.text) if chosen is None and turn.payload is None else None
    if talk is not None:  # «секунду, уточню у охраны» got «Не понял ответ»
        question = turn.question_of(turn.state)
        assert question is not None
        turn.say(replace(question, text=t(f"intake.small_talk.{talk}", prompt=question.text)))
        return
    if chosen is None and turn.payload is None and any([note_facts(turn, turn.text), noted_contact_or_name(turn)]):
        turn.reask()  # «ООО «Вектор», г. Сызрань» a question early: kept, not «не понял» and asked again later
        return
    if chosen is None and turn.command == "skip":
        turn.say(t("crit.not_optional"))
    if chosen is None and (turn.command == "skip" or (turn.payload is None and says_unknown(turn.text))):
        turn.say(Reply(t("crit.unknown"), CRIT_CHOICES))  # the options explained, not «не понял» again and again
        return
    if chosen is None:
        turn.not_understood()
        return
    turn.state.priority = CRITICALITY_PRIORITY[chosen.removeprefix("crit:")]
    if turn.payload is None and word_count(turn.text) >= CRITICALITY_STORY_WORDS:  # more than the choice's words:
        pending = turn.state.pending_question  # «частично, скуд работает а видео нет уже второй день» was lost
        turn.state.pending_question = f"{pending}\n{turn.text}" if pending else turn.text
    begin_fields(turn)


# --- data on file offered back
def on_returning(turn: Turn) -> None:
    if turn.payload is None and changed_in_words(turn):
        return
    s = turn.state
    chosen = turn.typed_choice(RETURNING_CHOICES + what_changed_choices(s.offer))
    if chosen is None and first_word(turn.text) == "да":
        chosen = "ret:yes"
    if chosen is None and looks_like_a_question(turn.text) and not turn.answered_from_faq():
        turn.say(t("returning.where_from"))  # «откуда у вас мои данные?»
        turn.reask()
    elif chosen is None:
        turn.not_understood()
    elif chosen == "ret:change":  # which item: that one is asked, not all of them again
        turn.say(Reply(t("returning.what_changed"), what_changed_choices(s.offer)))
    else:
        changed = chosen.removeprefix("ret:item:")
        if chosen != ALL_CHANGED.payload:
            s.answers.update({key: value for key, value in s.offer.items() if key != changed})
        s.offer = {}
        ask_next(turn)


def what_changed_choices(offer: dict[str, str]) -> tuple[Choice, ...]:
    """One button an item offered back, and one for all of them."""
    items = tuple(Choice(f"ret:item:{key}", walker.TEXTS[f"field.{key}.label"]) for key in offer)
    return (*items, ALL_CHANGED)


def changed_in_words(turn: Turn) -> bool:
    """«Город поменялся, теперь Тольятти»: the items named are updated (or asked again), the rest is taken as it
    is, and the change said back in one line; False when the message names no item of the offer."""
    s = turn.state
    changes = changes_in(turn.text, s.offer)
    if not changes:
        return False
    asked = {key for key, change in changes.items() if change.value is None}
    new = {key: c.value for key, c in changes.items() if c.value is not None and c.value != s.offer[key]}
    if "contact" in new:  # a new phone keeps the e-mail on file, and the other way round
        new["contact"] = merged_contacts(s.offer["contact"], new["contact"])
    s.answers.update({key: value for key, value in s.offer.items() if key not in asked} | new)
    s.offer = {}
    said = [f"{walker.TEXTS[f'field.{key}.label']} — {value}" for key, value in new.items()]
    if said:
        turn.say(t("returning.updated", changes="; ".join(said)))
    elif asked:  # «да, Самара» changes nothing and needs no word of it
        turn.say(t("returning.rest_kept"))
    for key, change in changes.items():
        if change.refused is not None:
            reason = t(change.refused.reason, **change.refused.values)
            turn.say(t("returning.refused", label=walker.TEXTS[f"field.{key}.label"], reason=reason))
    ask_next(turn)  # the items named without a new value are the questions left
    return True


# --- the fields, one after another
def on_field(turn: Turn) -> None:
    s = turn.state
    current = walker.field_of(s.field)
    if current is None or s.kind is None:
        on_idle(turn)
        return
    if not turn.text and turn.inbound.verified_phone and current.request_phone:
        turn.text = turn.inbound.verified_phone  # an own contact, shared, answers the phone question
    offered = name_to_offer(s) if current.key == "contact_name" else None
    if turn.payload == PROFILE_NAME or (offered and turn.text == "1"):
        turn.text, turn.payload = offered or "", None  # the name offered, tapped or typed as its number
    written = written_phone(s)
    if turn.payload == WRITTEN_PHONE or (written and (turn.text == "1" or this_one(turn.text))):
        turn.text, turn.payload = written or "", None  # the phone of the first message, tapped or typed as its number
    if current.key == "product_name" and turn.text.strip() in GENERATIONS:  # «3»: Бастион-3, not the third option
        turn.text = GENERATIONS[turn.text.strip()]
    payload = turn.payload
    if payload is None and turn.text:
        typed = walker.prompt(current, s.kind).choices
        payload = resolve_choice(turn.text, typed, loose=current.strict_options)
    if payload is None and typed_skip(turn.text):
        payload = walker.SKIP.payload  # «пропусти» where no button offers it: kept as the organisation
    nav = payload.removeprefix("nav:") if payload and payload.startswith("nav:") else turn.command
    if nav == "back":
        go_back(turn)
    elif nav == "skip":
        skip(turn, current)
    elif payload is not None and not payload.startswith(f"opt:{current.key}:"):
        turn.stale()
    elif turn.inbound.unsupported:
        say_with_prompt(turn, "intake.unsupported", what=turn.unsupported_what())
    else:
        take_answer(turn, current, payload)


def typed_skip(text: str) -> bool:
    """«пропусти», «пропустим этот вопрос»: a skip typed in a few words, where no button may offer it."""
    return word_count(text) <= SKIP_WORDS_AT_MOST and resolve_choice(text, (walker.SKIP,)) is not None


def labelled(items: dict[str, str]) -> str:
    """Items with their labels, in one line: «Антивирус и брандмауэры — Kaspersky 10; Количество ПК — 3»."""
    return "; ".join(f"{walker.TEXTS[f'field.{key}.label']} — {value}" for key, value in items.items())


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
    if payload is None and answered_otherwise(turn, current):
        return
    if payload is None and not current.free_text:  # «ладно, Пермь»: the answer, without the word it was given with
        turn.text = LEADING_ASSENT.sub("", turn.text, count=1) or turn.text
    if current.key == "os" and s.os_named and payload is None and says_unknown(turn.text):
        turn.text = t("intake.os_bitness_unknown", os=s.os_named)  # «Windows 10», then «не знаю»: the system stays
    if current.key == "os":
        turn.text, s.os_named = with_os_named(s.os_named, turn.text), None
    try:
        value = walker.parse_answer(current, turn.text, payload)
    except InvalidAnswer as error:
        refuse(turn, current, error, file_kept=kept)
        return
    facts = extract(turn.text) if payload is None else {}
    beside = environment_beside(s, turn.text) if current.key in facts else {}
    if beside:  # «Windows 7 Professional 64 SP1, Kaspersky 10»: the system as written, the antivirus noted
        value = without_environment(current, turn.text) or facts[current.key]
    elif current.key in facts and len(facts) > 1:  # «Бастион-3 версия 3.1.14, Windows 10»: its fact, the rest noted
        value = facts[current.key]
    s.answers[current.key] = value
    remember_answered(turn, current.key)
    if beside:
        s.answers.update(beside)
        turn.say(t("form.read_in_words", items=labelled(beside)))
    if current.key == "contact" and s.calling_back and contacts(value).phone is None:
        turn.say(t("contact.email_for_critical"))
    if current.unknown_ok and value == walker.UNKNOWN:
        turn.say(t("unknown.noted", hint=t(f"unknown.hint.{current.key}")))
    note_facts(turn, turn.text)
    if current.key == "contact" and offer_on_file(turn, turn.ctx.contact_match):
        return
    yes_goes_on(turn, current)
    ask_next(turn)


def yes_goes_on(turn: Turn, current: walker.Field) -> None:
    """«Да, контроллер Сфинкс-2» at a yes-or-no question: «да» answered it, and the rest answers the question the yes
    opens (the device's name), said back in one line. Nothing more when the rest only says yes again («да, касается
    прибора») or is no answer to that question."""
    s = turn.state
    assert s.kind is not None
    if YES not in current.options or s.answers.get(current.key) != YES:
        return
    rest = after_yes(turn.text)
    if not rest or resolve_choice(rest, walker.option_choices(current)) is not None:
        return
    without_yes = {**s.answers, current.key: NO}
    opened = [f for f in walker.applicable_fields(s.kind, s.answers) if not f.applies(s.kind, without_yes)]
    following = next((f for f in opened if f.key not in s.answers and not f.files), None)
    if following is None:
        return
    try:
        s.answers[following.key] = walker.parse_answer(following, rest, None)
    except InvalidAnswer:
        return
    remember_answered(turn, following.key)
    turn.say(t("facts.noted", facts=fact_said(following.key, s.answers[following.key])))


def answered_otherwise(turn: Turn, current: walker.Field) -> bool:
    """A typed message that is not plainly the answer to ``current``, dealt with; True when it was. Small talk,
    «зачем вам мой телефон?», «см. выше», a client fed up with the questions, «нет телефона», an earlier answer put
    right, a product at the version question, a contact or more of the trouble where a name is asked, a question,
    «номер как в телеграме», or the answers to the next questions too."""
    short = not current.free_text  # a long answer may say any of these and still be the answer
    talk = small_talk(turn.text)  # the whole message: «спасибо» is no description either
    if talk is not None:  # «спасибо», «привет» is no organisation, nor a phone refused
        say_with_prompt(turn, f"intake.small_talk.{talk}")
    elif short and why_asked(turn.text):  # «зачем вам мой телефон?»: not the FAQ's entry on calling us
        say_with_prompt(turn, f"intake.why.{'contacts' if current.group == 'contacts' else 'other'}")
    elif current.request_phone and (no_phone_given(turn.text) or points_back(turn.text)) and earlier_email(turn):
        pass  # «телефона не дам, пишите на почту, я же указал»: the e-mail of the first message is the contact
    elif short and points_back(turn.text) and not said_after_pointing_back(turn):
        say_with_prompt(turn, "intake.not_found_above")  # what earlier messages stated was kept already
    elif short and annoyed(turn.text) and not checked_answer(turn, current):
        fed_up(turn)
    elif current.request_phone and no_phone_given(turn.text):
        say_with_prompt(turn, "contact.email_instead")
    elif turn.state.on_ticket and turn.state.ticket and sent_again(turn):  # the critical ticket is open already
        say_with_prompt(turn, "followup.already_sent", number=turn.state.ticket)
    elif short and asks_for_ticket(turn.text):  # «ну оформляй» was kept as the organisation
        turn.say(t("draft.in_progress"))
        turn.reask()
    elif short and current.parse in ANY_TEXT and takes_offer(turn.text):  # «да» is no organisation, no city
        say_with_prompt(turn, "intake.invalid", reason=t("invalid.yes_is_no_answer"))
    elif short and call_back_asked(turn):
        pass  # «перезвоните мне как можно скорее»: passed on, the question again
    elif corrected_earlier(turn, current.key):
        ask_next(turn)  # the question still open, asked again (and the correction added to an open ticket)
    else:  # each of these says what it took, and asks the question again
        return (
            (current.key == "product_version" and (product_instead(turn) or os_instead(turn)))
            or (current.names and (added_contact(turn) or added_to_description(turn)))
            or (current.key in FACTS_NOT_THESE and facts_instead(turn, current))
            or environment_after_skipping(turn, current)
            or where_to_find(turn, current)
            or answers_faq_instead(turn, current)
            or question_for_engineer(turn, current)
            or (current.request_phone and own_number_meant(turn))
            or (current.key in NAME_MISPLACED_AT and name_instead(turn))
            or (current.key != "contact_name" and name_completed(turn))
            or answered_ahead(turn, current)
        )
    return True


# «перезвоните мне как можно скорее», «позвоните срочно»: a call back asked for, instead of an answer
CALL_BACK = re.compile(
    r"(?<![\w-])(?:перезвон|позвон|набер|свяжи|свяжит)\w*(?:те)?\s+(?:мне|нам|пожалуйста|срочно|скорее)"
)
CALL_BACK_WORDS_AT_MOST = 10


def call_back_asked(turn: Turn) -> bool:
    """A call back asked for at a question: on a critical ticket already open it reaches the engineers at once (it was
    refused as no name); before one, it joins the description. The question is asked again."""
    text = turn.text
    if word_count(text) > CALL_BACK_WORDS_AT_MOST or not CALL_BACK.search(text):
        return False
    number = turn.state.open_ticket_number
    if number is not None:  # «позвоните срочно на 8 912 555 66 77»: the number with it (it was lost)
        turn.emit(ClientWroteOnTicket(number, text))
        away = notices.away(turn.ctx.now, turn.ctx.timezone, "hours.away_now")  # at 23:00 nobody calls
        say_with_prompt(turn, "intake.call_back_passed", number=number, away=f" {away}" if away else "")
    else:
        add_to_description(turn.state, text)
        say_with_prompt(turn, "intake.call_back_noted")
    return True


def said_after_pointing_back(turn: Turn) -> bool:
    """«я же написала Соколова Ирина»: the words after the pointing back are the answer, read as it (the message goes
    on with them alone); False when nothing follows it."""
    rest = after_pointing_back(turn.text)
    if rest:
        turn.text = rest
    return bool(rest)


def noted_contact_or_name(turn: Turn) -> bool:
    """«8412 55-66-77» or «Соколова Ирина» typed a question early (at «Насколько это критично?»): kept for its own
    question and said back; it got «Не понял ответ» and was asked again later."""
    s, text = turn.state, turn.text.strip()
    name = name_among(text)  # «Иванов Пётр, 89161234567»: the phone beside the name (note_facts keeps the name)
    if "contact" in s.answers or not only_contacts(text.replace(name, " ") if name else text):
        return name_kept(turn)
    try:
        s.answers["contact"] = contacts(text).kept
    except InvalidAnswer:
        return False
    remember_answered(turn, "contact")
    turn.say(t("facts.noted", facts=s.answers["contact"]))
    return True


def earlier_email(turn: Turn) -> bool:
    """The e-mail address the client wrote earlier in this request (in its first message), taken as the contact
    and said back; False when there is none."""
    s = turn.state
    address = email_in(s.answers.get("description", ""))
    if address is None:
        return False
    s.answers["contact"] = address
    remember_answered(turn, "contact")
    turn.say(t("contact.email_taken", email=address))
    if s.calling_back:
        turn.say(t("contact.email_for_critical"))
    ask_next(turn)
    return True


def name_instead(turn: Turn) -> bool:
    """«Кузнецов Сергей Петрович» at the phone-or-e-mail, organisation or city question: the contact's name, kept
    when it is still to be asked and said back; the question is asked again (the name was refused as no answer)."""
    if not name_kept(turn):
        return False
    turn.reask()
    return True


def name_kept(turn: Turn) -> bool:
    """A person's full name typed where another question waits: kept as the contact's name while that is still to
    be asked, and said back; False otherwise."""
    s = turn.state
    assert s.kind is not None
    asked_later = any(f.key == "contact_name" for f in walker.applicable_fields(s.kind, s.answers))
    if "contact_name" in s.answers or not asked_later or not is_full_name(turn.text.strip()):
        return False
    s.answers["contact_name"] = person_name(turn.text)
    remember_answered(turn, "contact_name")
    turn.say(t("facts.noted", facts=s.answers["contact_name"]))
    return True


def environment_beside(s: ConversationState, text: str) -> dict[str, str]:
    """The optional environment items plainly answered by parts of an answer to another question («Windows 10 64 бит,
    антивирус касперский» at the system's question), those not answered yet; the antivirus was asked again."""
    assert s.kind is not None
    open_items = [
        f.key for f in walker.applicable_fields(s.kind, s.answers) if f.key in ENVIRONMENT and f.key not in s.answers
    ]
    parts = [part for part in ANSWER_PARTS.split(text) if names_an_item(part)]
    return items_in_words(", ".join(parts), open_items) if parts and open_items else {}


def environment_after_skipping(turn: Turn, current: walker.Field) -> bool:
    """«один сервер, 3 рабочих места, контроллеры через преобразователь usb-485» at a question of options, the
    environment items skipped before («касперский стоит» answered one, the rest were skipped): what it plainly
    answers of the skipped items is taken and said back, and the question asked again. It was refused as no «да» or
    «нет», and lost."""
    s = turn.state
    skipped = [key for key in ENVIRONMENT if s.answers.get(key) == ""]
    if not skipped or not current.options or resolve_choice(turn.text, walker.option_choices(current)) is not None:
        return False
    parts = [part for part in ANSWER_PARTS.split(turn.text) if names_an_item(part)]
    found = items_in_words(", ".join(parts), skipped) if parts else {}
    if not found:
        return False
    s.answers.update(found)
    say_with_prompt(turn, "intake.environment_added", items=labelled(found))
    return True


def without_environment(current: walker.Field, text: str) -> str | None:
    """The answer to ``current`` without the parts that answer environment items; None when that is no answer."""
    rest = ", ".join(part.strip() for part in ANSWER_PARTS.split(text) if part.strip() and not names_an_item(part))
    try:
        return walker.parse_answer(current, rest, None) if rest else None
    except InvalidAnswer:
        return None


def name_completed(turn: Turn) -> bool:
    """«Иванов Сергей» at a later question, the name kept being «Иванов»: the name given in full, put right and said
    back (it was kept as the product); the question is asked again."""
    s, text = turn.state, turn.text.strip()
    kept = s.answers.get("contact_name", "")
    if not kept or not is_full_name(text) or not set(kept.casefold().split()) < set(text.casefold().split()):
        return False
    s.answers["contact_name"] = person_name(text)
    turn.say(t("facts.corrected", label=walker.TEXTS["field.contact_name.label"], value=s.answers["contact_name"]))
    turn.reask()
    return True


def product_instead(turn: Turn) -> bool:
    """«Бастион-3» at the version question: the product named, not its version (its «3» passed for one). A name other
    than the one kept («Бастион» → «Бастион-3») replaces it and is said back; the version is asked again. A family
    named in passing («…из бастиона») does not replace the product it is a family of («Бастион-3»)."""
    s = turn.state
    read = extract(turn.text)
    named = read.get("product_name")
    if named is None or "product_version" in read:
        return False
    kept = s.answers.get("product_name", "")
    if named in FAMILIES and kept and named != kept:  # «…из бастиона» said in passing: «Бастион-3» stays
        return False
    if named in (kept, extract(kept).get("product_name")):  # «бастион 3» for «АПК «Бастион-3»»
        say_with_prompt(turn, "intake.invalid", reason=t("invalid.product_for_version"))
    else:
        s.answers["product_name"] = named
        say_with_prompt(turn, "intake.product_noted", product=named)
    return True


# questions any text answers, where a product, a system, or the other of the two alone is no answer
FACTS_NOT_THESE = frozenset({"organization", "city"})
OTHER_FACTS = frozenset({"product_name", "product_version", "os", "key_type", "key_number", "organization", "city"})
FACTS_ALONE_WORDS_AT_MOST = 5  # words of letters: «у нас бастион 2 версии 2.1.5»
LETTER_WORDS = re.compile(r"[^\W\d_]+")


def facts_instead(turn: Turn, current: walker.Field) -> bool:
    """«бастион 3 3.1.14» or «в Казани» at the organisation question, «Windows Server 2019 64» or «ООО Ромашка» at the
    city's: other facts, not this answer (each was kept as it); noted for their own questions, and this one asked
    again. Not «ООО «Бастион»» at the organisation question: an organisation by its legal form."""
    read = extract(turn.text)
    if not read or current.key in read or not read.keys() <= OTHER_FACTS:
        return False
    if len(LETTER_WORDS.findall(turn.text)) > FACTS_ALONE_WORDS_AT_MOST:
        return False
    if current.key == "organization" and organization_names(turn.text):
        return False
    if note_facts(turn, turn.text):  # «Записал: Бастион-3, версия 3.1.14.», and the question again
        turn.reask()
    else:  # known already
        say_with_prompt(turn, "intake.invalid", reason=t("invalid.technical_not_this"))
    return True


def os_instead(turn: Turn) -> bool:
    """«Windows 10 64» at the version question: the operating system, not the product's version (its «10» passed for
    one); kept for the system's question when that is still open, said back, and the version asked again."""
    s = turn.state
    named, system = extract(turn.text).get("os"), system_named(turn.text)
    if system is None or DOTTED_NUMBER.search(_without_numbers_of(system, turn.text)):  # «3.1.14 на Windows 10»
        return False  # the version is there too; «Astra Linux 1.7» has only the system's own
    if named is not None and "os" not in s.answers:
        s.answers["os"] = named
        turn.say(t("facts.noted", facts=named))
    say_with_prompt(turn, "intake.invalid", reason=t("invalid.os_for_version"))
    return True


def _without_numbers_of(system: str, text: str) -> str:
    """``text`` without the dotted numbers of the system's own name («1.7» of «Astra Linux 1.7»)."""
    for number in DOTTED_NUMBER.findall(system):
        text = text.replace(number, " ")
    return text


def added_contact(turn: Turn) -> bool:
    """«наш адрес почты test@romashka.ru», «89171234567» at a question of names (the organisation, the city, the
    contact person), once the contact is given: a phone or an e-mail it does not hold yet joins it (the ticket keeps
    the phones first, then the e-mail), is said back, and the question is asked again. A message saying more than a
    contact («Иванов Пётр, 8 917…») is left to the question; one the contact already holds is refused as no name
    (walker.parse_answer)."""
    kept = turn.state.answers.get("contact")
    if not kept or not only_contacts(turn.text):
        return False
    try:
        found = contacts(turn.text)
    except InvalidAnswer:
        return False
    joined = phone_or_email(f"{kept}, {found.kept}")
    if joined == kept:
        return False
    turn.state.answers["contact"] = joined
    say_with_prompt(turn, "contact.added", contact=found.kept)
    return True


def added_to_description(turn: Turn) -> bool:
    """«турникеты и контроллеры не отвечают, сервер не видит ничего» at a question of names (the organisation, the
    city, the contact person), or refused at another: more of the trouble, not an answer. It joins the description
    (or is the description, when none is given yet), is said so, and the question is asked again; it used to be kept
    as the organisation. After a critical ticket opened, the engineers may be asking the same already (a
    «Перезагрузил контроллер, не помогло» waited in the description until the next answer): it goes to them at once."""
    s = turn.state
    if word_count(turn.text) < REPORT_WORDS_AT_LEAST or not turn.reports_trouble(turn.text):
        return False
    if s.on_ticket and s.ticket is not None:  # the critical ticket is open: its engineers read it now, not later
        turn.emit(ClientWroteOnTicket(s.ticket, turn.text))
        note_facts(turn, turn.text)
        say_with_prompt(turn, "followup.passed", number=s.ticket)
        return True
    add_to_description(s, turn.text)
    note_facts(turn, turn.text)
    if s.field in s.answers:  # «Бастион-3, не открываются двери» at the product question: answered too
        turn.say(t("summary.added_to_description"))
        ask_next(turn)
        return True
    say_with_prompt(turn, "intake.added_to_description")
    return True


def question_for_engineer(turn: Turn, current: walker.Field) -> bool:
    """«а это вообще платно?», which the FAQ has no sure answer for, typed at a short question: no answer to it (it
    was refused as no phone, or kept as the organisation). It joins the description, for the engineer to answer, and
    the question is asked again."""
    if current.free_text or not opens_with_question(turn.text):
        return False
    add_to_description(turn.state, turn.text)
    say_with_prompt(turn, "intake.question_for_engineer")
    return True


def add_to_description(s: ConversationState, text: str) -> None:
    """``text`` joins the description (or is the description, when none is given yet)."""
    given = s.answers.get("description")
    s.answers["description"] = long_text(f"{given}\n{text}" if given else text)


def with_os_named(named: str | None, text: str) -> str:
    """«64» after «семёрка» was refused for its bitness: the system named and the bitness, as one answer (the
    bitness alone was stored as the system)."""
    return f"{named} {text.strip()}" if named and BARE_BITNESS.fullmatch(text.strip()) else text


def refuse(turn: Turn, current: walker.Field, error: InvalidAnswer, *, file_kept: bool) -> None:
    """The answer cannot be taken: why, and the question again. Facts it states for other questions are kept
    («у нас Бастион-3» at the name question); a file sent with it was kept, and that is said instead; more of the
    trouble joins the description (it was thrown away with «в версии должны быть цифры»)."""
    if error.reason == "invalid.os_bitness":
        turn.state.os_named = turn.text  # the bitness answered next completes it
    if added_to_description(turn):  # «кстати программа вылетает, когда строю отчёт» at the version question
        return
    note_facts(turn, turn.text)
    if current.key in turn.state.answers:
        ask_next(turn)
    elif file_kept:
        say_with_prompt(turn, "intake.attachment_kept")
    else:
        say_with_prompt(turn, "intake.invalid", reason=t(error.reason, **error.values))


def answered_ahead(turn: Turn, current: walker.Field) -> bool:
    """«Самара, Иванов Иван» at the city question: the parts of one answer, split at commas, answer this question and
    the next ones in order. Taken only when every later part is plainly the answer to its question (a name, a phone,
    a version its parser checks, a city or an organisation read as one); otherwise the whole text answers this one."""
    s = turn.state
    parts = [part.strip() for part in ANSWER_PARTS.split(turn.text) if part.strip()]
    keys = open_keys(s, files=False)
    if current.free_text or not 2 <= len(parts) <= len(keys) or keys[0] != current.key:
        return False
    ahead = {key: plain_value(key, part) for key, part in zip(keys[1:], parts[1:], strict=False)}
    if None in ahead.values():
        return False
    try:
        s.answers[current.key] = walker.parse_answer(current, parts[0], None)
    except InvalidAnswer:
        return False
    s.answers.update({key: value for key, value in ahead.items() if value is not None})
    for key in (current.key, *ahead):
        remember_answered(turn, key)
    turn.say(t("facts.noted", facts=", ".join(fact_said(key, value) for key, value in ahead.items() if value)))
    ask_next(turn)
    return True


def plain_value(key: str, text: str) -> str | None:
    """``text`` as the answer to ``key`` when it plainly is one: checked by its parser, or, where any text would pass
    (a city, an organisation, a product), read as that fact; None otherwise, and when it reads as another fact."""
    field = FIELDS_BY_KEY[key]
    if BARE_BITNESS.fullmatch(text.strip()):
        return None  # «Windows Server 2022 Standard, 64»: the system's bitness, kept as the key's number
    facts = extract(text)
    read = facts.get(key)
    if read is not None or facts or field.free_text or field.options or field.files or field.parse in ANY_TEXT:
        return read  # «Windows 10 64 бит» names the system: no version, though it has digits
    if field.parse is validators.version and bare_version(text) is None:
        return None  # «+7 927 000-00-01», «ул. Гагарина 5» have digits, and were kept as the version
    try:
        return walker.parse_answer(field, text, None)
    except InvalidAnswer:
        return None


def checked_answer(turn: Turn, current: walker.Field) -> bool:
    """The message holds an answer its field's parser checks (a phone, a version, a name), whatever else it says;
    any text passes as a plain short answer, so that counts for nothing here."""
    if current.parse in ANY_TEXT:
        return False
    try:
        walker.parse_answer(current, turn.text, None)
    except InvalidAnswer:
        return False
    return True


def fed_up(turn: Turn) -> None:
    """«Задолбали с вопросами» is kept as no answer. After a critical ticket opened its questions end (what is left is
    marked not given on the ticket); otherwise the client hears why the questions are asked and how many are left."""
    s = turn.state
    if s.on_ticket:
        leave_follow_up(turn)
        turn.say(t("followup.stopped", number=s.ticket))
        return
    assert s.kind is not None
    left = [key for key in open_keys(s, files=turn.inbound.by_letter) if not FIELDS_BY_KEY[key].is_optional(s.kind)]
    say_with_prompt(turn, "intake.fed_up", left=len(left))


def own_number_meant(turn: Turn) -> bool:
    """«Номер как в телеграме» at the phone question: the number the messenger vouches for is taken where it comes
    with every message (WhatsApp) and the client means this messenger's; otherwise the bot says it does not see
    it, and how to share or type it. True when that was said (the question stays open)."""
    if not means_own_number(turn.text):
        return False
    named = messengers_named(turn.text)
    if turn.inbound.verified_phone and (not named or turn.inbound.channel in named):
        turn.text = turn.inbound.verified_phone
        turn.say(t("contact.profile_taken", phone=turn.text))
        return False
    button = turn.inbound.share_phone
    key = "contact.profile_unseen_button" if button else "contact.profile_unseen"
    base = field_question(turn.state)
    assert base is not None
    turn.say(replace(base, text=f"{t(key, button=button)}\n{base.text}"))
    return True


# «где посмотреть?», «а как узнать версию?»: where the answer is found, asked instead of it
WHERE_TO_FIND = re.compile(
    r"^\W*(?:(?:а|и|ну|так|подскажите|скажите)\W+)*(?:где|как|откуда)\s+(?:\w+\s+){0,2}"
    r"(?:посмотреть|смотреть|глянуть|найти|узнать|проверить|увидеть|взять)\b",
    re.IGNORECASE,
)
WHERE_WORDS_AT_MOST = 8


def where_to_find(turn: Turn, current: walker.Field) -> bool:
    """«где посмотреть?» at a question the client may not know the answer to: where it is found (the hint «не знаю»
    gets), and the question again; the FAQ answered it with its entry on installation consultations."""
    hint = f"unknown.hint.{current.key}"
    asks = word_count(turn.text) <= WHERE_WORDS_AT_MOST and WHERE_TO_FIND.search(turn.text) is not None
    if not current.unknown_ok or hint not in TEXTS or not asks:
        return False
    say_with_prompt(turn, "intake.where_to_find", hint=t(hint))
    return True


def answers_faq_instead(turn: Turn, current: walker.Field) -> bool:
    """A question typed instead of an answer gets the FAQ answer, then the same step again. Where the answer is a
    story (the description, the steps), only a short one asked with «?» («когда ответите?»): a longer one, or one
    without «?», may be the story itself («почему-то не печатает»). «не знаю, где посмотреть?» is the answer «не
    знаю» (kept, with where to look), not a question for the FAQ."""
    asked = "?" in turn.text or LI_QUESTION.match(turn.text) is not None  # «бесплатно ли это» asks too
    if current.free_text and (word_count(turn.text) > FREE_TEXT_QUESTION_WORDS_AT_MOST or not asked):
        return False
    if current.unknown_ok and says_unknown(turn.text):
        return False
    return turn.answered_from_faq()
