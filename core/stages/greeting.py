"""Stages new, idle and faq: the greeting, the menu, small talk, and what the client writes there.

A reported malfunction starts a ticket at once (the report is its description), and so does a wish for new
functionality (core/wish_words.py), as a wish; a question gets an FAQ answer only when one really answers it
(«Помогло»?); a question on how to do something in our products that no entry answers starts a consultation
(core/howto_words.py); any other question gets the offer of a ticket. Files sent here are kept for the ticket.
"""

from __future__ import annotations

import re

from core import calendar, notices
from core.consent_words import ConsentIntent, consent_answer
from core.events import FaqFeedback, QuestionUnanswered
from core.howto_words import asks_how_to_use
from core.messages import Choice
from core.render import resolve_choice
from core.replies import Reply
from core.stages.clock import clock_answer
from core.stages.consent import start_ticket
from core.stages.turn import NEW_TICKET, FaqResult, Turn
from core.stages.words import (
    after_small_talk,
    asks_for_ticket,
    bare_yes_or_no,
    is_greeting,
    open_asked,
    small_talk,
    system_down,
    takes_offer,
    unknown_command,
    word_count,
)
from core.state import Stage
from core.texts import t
from core.translit import cyrillic_reading
from core.validators import only_a_phone, only_an_email
from core.wish_words import asks_for_feature

FAQ_CHOICES = (Choice("faq:helped", t("choice.helped")), NEW_TICKET)
NOT_FOUND_CHOICES = (NEW_TICKET, Choice("menu:ask", t("choice.another_question")))
MANY_QUESTIONS = 2  # questions in one message, each with its «?», each answered
AGREED_WORDS = 4  # «ладно, согласен» at the menu after a refusal: the consent asked again


def greet(turn: Turn) -> None:
    """The greeting and the menu; outside working hours also when the engineers are back (regulation 4.6)."""
    if turn.state.stage in (Stage.NEW, Stage.FAQ):
        turn.state.stage = Stage.IDLE
    off_hours = notices.away(turn.ctx.now, turn.ctx.timezone, "hours.away_greeting")
    text = t("menu.greeting") if off_hours is None else f"{t('menu.greeting')}\n\n{off_hours}"
    turn.say(Reply(text, (NEW_TICKET,)))


def on_new(turn: Turn) -> None:
    greet(turn)
    reading = cyrillic_reading(turn.text)
    # «вы сейчас работаете?» off hours: the greeting has said when the engineers are back
    today = turn.today()
    asked_now = open_asked(reading, today) == today
    said_by_greeting = asked_now and not calendar.is_working_time(turn.ctx.now, turn.ctx.timezone)
    typed_more = turn.text and not is_greeting(reading) and turn.payload is None and not said_by_greeting
    # «Оформить заявку» pressed on a message of a conversation the store no longer has: pressed once is enough
    if typed_more or turn.inbound.attachments or turn.payload == NEW_TICKET.payload:
        on_idle(turn)


def on_idle(turn: Turn) -> None:
    """The menu: a new ticket, or anything typed taken as small talk, a report or a question for the FAQ."""
    if turn.state.stage not in (Stage.IDLE, Stage.FAQ):
        turn.state.stage = Stage.IDLE
    payload = turn.payload
    if payload is None and turn.text:
        payload = resolve_choice(turn.text, NOT_FOUND_CHOICES, loose=False)  # every menu starts with these
    # «да, давайте» after «Могу оформить заявку»: the question not answered is the ticket's description
    offer_taken = turn.state.pending_question is not None and takes_offer(cyrillic_reading(turn.text))
    if payload == "menu:ticket" or turn.command == "ticket" or (payload is None and asks_for_ticket(turn.text)):
        start_ticket(turn)
    elif payload is None and offer_taken:
        start_ticket(turn)
    elif payload == "menu:ask":
        turn.say(t("menu.ask_more"))
    elif payload is not None:
        turn.stale()
    elif turn.inbound.attachments:
        keep_files(turn)
    elif turn.inbound.unsupported:  # a voice message at the menu: said so, not passed over
        text = t("intake.unsupported", what=turn.unsupported_what(), prompt=t("menu.ask_more"))
        turn.say(Reply(text, (NEW_TICKET,)))
    elif not turn.text:
        turn.say(Reply(t("menu.ask_more"), (NEW_TICKET,)))
    elif unknown_command(turn.text):  # «/foo»: said so, and not kept among the FAQ's gaps as a question
        turn.say(Reply(t("menu.unknown_command"), (NEW_TICKET,)))
    else:
        answer_text(turn)


def keep_files(turn: Turn) -> None:
    """Files sent before a ticket are kept for it; the text sent with them is read as usual."""
    turn.keep_files_for_ticket()
    if turn.text:
        answer_text(turn)
    else:
        turn.say(Reply(t("files.describe"), (NEW_TICKET,)))


def answer_text(turn: Turn) -> None:
    """Small talk answered in kind, anything else taken as a question or a report; a Russian message typed in Latin
    letters («ne rabotaet klyuch») is read in Cyrillic, and kept as it was typed."""
    reading = cyrillic_reading(turn.text)
    talk = small_talk(reading)
    if word_count(turn.text) == 0:  # emoji or punctuation only: nothing to look up in the FAQ
        turn.say(Reply(t("smalltalk.emoji"), (NEW_TICKET,)))
    elif bare_yes_or_no(reading):  # «да» to nothing asked is no question for the FAQ
        turn.say(Reply(t("smalltalk.ack"), (NEW_TICKET,)))
    elif not turn.ctx.consent_given and agrees_again(reading):
        start_ticket(turn)  # «ладно, согласен» after «Не согласен»: the consent question again, its buttons at hand
    elif only_a_phone(turn.text) or only_an_email(turn.text):  # «89271234567»: a call back wanted, not a question
        turn.say(t("greeting.contact_alone"))
        start_ticket(turn)
    elif talk == "greeting":
        greet(turn)
    elif len(questions_in(reading)) >= MANY_QUESTIONS:  # each answered: «сколько ждать? и в субботу работаете?»
        answer_question(turn, turn.text, reading)
    elif (by_clock := clock_answer(turn, reading)) is not None:  # «вы сейчас работаете?», «когда ответите?»
        turn.say(Reply(by_clock, (NEW_TICKET,)))
    elif talk == "help":  # with what is not said yet: asked, with the way to a ticket at hand
        turn.say(Reply(t("smalltalk.help"), (NEW_TICKET,)))
    elif talk is not None:
        turn.say(t(f"smalltalk.{talk}"))
    else:  # «понятно, а как с вами связаться»: the FAQ reads the question, not the thanks before it
        answer_question(turn, turn.text, after_small_talk(reading))


def agrees_again(text: str) -> bool:
    """«ладно, согласен», «я передумал, согласен»: consent in words at the menu, where no question asked it (after
    «Не согласен» they got «не нашёл готового ответа»); not a bare «ок»."""
    said = text.casefold()
    return word_count(text) <= AGREED_WORDS and "соглас" in said and consent_answer(text) is ConsentIntent.AGREE


def other_answers(turn: Turn, reading: str, first: str) -> list[str]:
    """«сколько ждать ответа после заявки? и в субботу вы работаете?»: the answers of the other questions of the
    message, each asked with its own «?» and answered by another entry (only the first was answered)."""
    assert turn.ctx.faq is not None
    questions = questions_in(reading)
    if len(questions) < MANY_QUESTIONS:
        return []
    shown, others = {first}, []
    for question in questions:
        day = open_asked(question, turn.today())
        if day is not None:  # «и в субботу работаете?»: the clock and the calendar answer
            others.append(notices.open_when(turn.ctx.now, turn.ctx.timezone, day))
            continue
        found = turn.ctx.faq(f"{question}?")
        if found.answered and not found.report and found.results[0].id not in shown:
            shown.add(found.results[0].id)
            others.append(found.results[0].answer)
    return others


def questions_in(reading: str) -> list[str]:
    """The questions of a message asked each with its «?» («сколько ждать ответа? и в субботу работаете?»)."""
    return [part.strip() for part in reading.split("?")[:-1] if word_count(part) > 0]


def answer_question(turn: Turn, question: str, reading: str) -> None:
    """A report starts a ticket; an FAQ entry is shown only when it answers; a how-to question on our products starts
    a consultation; any other question offers a ticket.

    ``reading`` is the question as it is read (in Cyrillic), ``question`` as the client typed it and it is kept."""
    s = turn.state
    found = turn.ctx.faq(reading) if turn.ctx.faq else None
    s.faq_entry = s.faq_query = None
    reported = found is not None and found.report
    if reported or system_down(reading):
        s.pending_question = question
        turn.say(t("report.taken"))
        # a protection key's trouble is the key's request: its type and number are asked (section 6 of the regulation)
        start_ticket(turn, kind="license" if turn.key_in_trouble(reading) else "problem")
        # An entry the FAQ chose for a question («система стоит второй час» read as one) is no help beside a report.
        suggest(turn, found if reported else None, "faq.maybe_helps")
    elif asks_for_feature(reading):  # «срочно нужна выгрузка в Excel»: a wish, whatever the FAQ makes of «срочно»
        s.pending_question = question
        turn.say(t("wish.taken"))
        turn.say(t("kind.wish_note"))
        start_ticket(turn, kind="wish")
    elif found is not None and found.answered:
        hit = found.results[0]
        s.stage, s.faq_entry, s.faq_query = Stage.FAQ, hit.id, question
        s.pending_question = None
        answers = [hit.answer, *other_answers(turn, reading, hit.id)]
        turn.say(Reply(t("faq.answer", answer="\n\n".join(answers)), FAQ_CHOICES))
    elif asks_how_to_use(reading) or (found is not None and found.consultation):  # «как выдать пропуск гостю»
        turn.emit(QuestionUnanswered(question))
        s.pending_question = question
        turn.say(t("howto.taken"))
        start_ticket(turn, kind="consultation")
    else:
        turn.emit(QuestionUnanswered(question))
        s.stage, s.pending_question = Stage.IDLE, question
        # «не нашёл ответа», then an answer that may help, read as a contradiction: said as one
        maybe = found is not None and found.suggestion is not None
        turn.say(Reply(t("faq.not_found_but_maybe" if maybe else "faq.not_found"), NOT_FOUND_CHOICES))
        suggest(turn, found, "faq.maybe_helps_question")


def suggest(turn: Turn, found: FaqResult | None, key: str) -> None:
    """An entry that may help though it does not answer: said second, after the way forward."""
    if found is not None and found.suggestion is not None:
        turn.say(t(key, answer=found.suggestion.answer))


# «не помогло, ключ нужен срочно, объект стоит»: the answer did not help, and more is told
NOT_HELPED = re.compile(
    r"^\W*(?:нет\W+)?(?:не\s+помогл\w*|это\s+не\s+то|не\s+то|не\s+подходит|это\s+не\s+ответ)(?![\w-])"
    r"|^\W*нет\W*$",  # «нет» to the answer shown: it was «Хорошо. Если появится вопрос…», the question dropped
    re.IGNORECASE,
)


def on_faq(turn: Turn) -> None:
    s = turn.state
    chosen = turn.typed_choice(FAQ_CHOICES) if turn.payload or len(turn.text) < 30 else None
    if chosen is None and turn.payload is None and asks_for_ticket(turn.text):  # «оформите пожалуйста»
        chosen = "menu:ticket"
    entry, query = s.faq_entry or "", s.faq_query or ""
    if chosen is None and turn.payload is None and (not_helped := NOT_HELPED.match(turn.text)):
        turn.emit(FaqFeedback(entry, query, helpful=False))  # «не помогло, ключ нужен срочно»: the question and this
        more = turn.text[not_helped.end() :].strip(" ,.;:!—–-")  # «это не ответ» itself told the engineer nothing
        s.pending_question = "\n".join(part for part in (query, more) if part) or turn.text
        start_ticket(turn)
        return
    if chosen == "faq:helped":
        turn.emit(FaqFeedback(entry, query, helpful=True))
        s.stage, s.faq_entry, s.faq_query = Stage.IDLE, None, None
        turn.say(t("faq.thanks"))
    elif chosen == "menu:ticket":
        turn.emit(FaqFeedback(entry, query, helpful=False))
        s.pending_question = query or None
        start_ticket(turn)
    else:
        on_idle(turn)
