"""Questions the clock answers, at the menu and in the middle of an intake or at an open ticket: whether the
engineers are at work now or on a day, when they are back after days off, whether a call reaches one now, and
when an engineer answers (the client's own ticket's deadline, or that of a request written now).

In an intake such a question used to be kept as the answer («Продукт: вы сейчас работаете») or refused as no
phone; at an open ticket it was only added to the ticket, unanswered, at night when nobody reads it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core import calendar, my_requests, notices
from core.clock_words import ClockQuestion, clock_question
from core.day_words import days_off_asked
from core.events import ClientWroteOnTicket
from core.stages.turn import Turn
from core.stages.words import back_asked, holidays_asked, open_asked, small_talk
from core.state import DRAFT_STAGES, Stage
from core.texts import t
from core.translit import cyrillic_reading

ASKED_AT = DRAFT_STAGES | {Stage.TICKET_OPEN}  # the menu answers them among its own readings (core/stages/greeting)
CLOSING_SOON = timedelta(minutes=30)  # «звоните прямо сейчас»: the line closes at ``calendar.CLOSES``


def answered_by_clock(turn: Turn) -> bool:
    """A clock question in an intake (answered, and the question asked again) or at an open ticket (answered; «когда
    ответ будет?» is added to the ticket too, for its engineers to see the client waits, while «а завтра?» would
    reach them without a context); False when the message asks none here."""
    s = turn.state
    if s.stage not in ASKED_AT or turn.payload or turn.command or not turn.text or turn.inbound.attachments:
        return False
    if s.stage in DRAFT_STAGES and small_talk(turn.text) is not None:  # «алло, есть кто живой?»: «Я здесь»
        return False
    reading = cyrillic_reading(turn.text)
    said = clock_answer(turn, reading)
    if said is None:
        return False
    waits = clock_question(reading) is ClockQuestion.ANSWER_WHEN
    if s.stage is Stage.TICKET_OPEN and s.ticket is not None and waits:
        turn.emit(ClientWroteOnTicket(s.ticket, turn.text))
        turn.say(t("ticket.faq_answer_added", answer=said, number=s.ticket))
        return True
    turn.say(said)
    if s.stage is not Stage.TICKET_OPEN:
        turn.reask()
    return True


def clock_answer(turn: Turn, reading: str) -> str | None:
    """The answer to the clock question ``reading`` asks; None when it asks none (or only the FAQ can answer it)."""
    today = turn.today()
    if (day := open_asked(reading, today)) is not None:
        return _open_when(turn, day)
    if (first_day_off := holidays_asked(reading, today)) is not None:  # «в праздники работаете?»
        return notices.open_when(turn.ctx.now, turn.ctx.timezone, first_day_off)
    if back_asked(reading):
        days_off = days_off_asked(reading, today)
        return None if days_off is None else notices.back_after(turn.ctx.now, turn.ctx.timezone, days_off)
    asked = clock_question(reading)
    if asked is ClockQuestion.CALL:
        return _call(turn)
    open_tickets = [ticket for ticket in turn.ctx.client_tickets if ticket.status != "closed"]
    if asked is ClockQuestion.ANSWER_WHEN and open_tickets:
        if turn.state.stage is Stage.TICKET_OPEN and turn.state.engineer is not None:
            return None  # the engineer who took the ticket answers it
        query = my_requests.RequestsQuery(waiting=True)
        lines = my_requests.answer(query, turn.ctx.client_tickets, turn.ctx.timezone, turn.ctx.now).text
        return _with_away(turn, lines)
    if asked is not None:  # no request yet, or «если я сейчас напишу заявку»
        deadline = calendar.reaction_deadline(turn.ctx.now, turn.ctx.timezone)
        return _with_away(turn, t("hours.answer_if_now", deadline=_at(turn, deadline)))
    return None


def _open_when(turn: Turn, day: date) -> str:
    """«вы сейчас работаете?»; at night, what waits for the engineers: the ticket, the one being filled in, or one
    the client may leave."""
    if day == turn.today() and not calendar.is_working_time(turn.ctx.now, turn.ctx.timezone):
        return f"{t('hours.away_now', back=_back(turn))} {_what_waits(turn)}"
    return notices.open_when(turn.ctx.now, turn.ctx.timezone, day)


def _call(turn: Turn) -> str:
    """«Можно позвонить сейчас?»: yes while the line works (and how long it still does), else when it is back."""
    if not calendar.is_working_time(turn.ctx.now, turn.ctx.timezone):
        return f"{t('hours.call_closed', back=_back(turn))} {_what_waits(turn)}"
    minutes = minutes_to_closing(turn)
    return t("hours.call_open") if minutes is None else t("hours.call_closing", minutes=minutes)


def minutes_to_closing(turn: Turn) -> int | None:
    """The minutes left before the line closes at 17:00, when they are few; None otherwise, and off hours."""
    now, tz = turn.ctx.now, turn.ctx.timezone
    if not calendar.is_working_time(now, tz):
        return None
    local = now.astimezone(tz)
    left = datetime.combine(local.date(), calendar.CLOSES, tzinfo=tz) - local
    return max(1, int(left.total_seconds() // 60)) if left <= CLOSING_SOON else None


def _with_away(turn: Turn, text: str) -> str:
    """``text``, after the line saying when the engineers are back while they are away (unless the greeting of the
    same turn said so: it was said twice to a first message)."""
    away = t("hours.away_now", back=_back(turn))
    said = any(away in reply.text for reply in turn.result.replies)
    if said or calendar.is_working_time(turn.ctx.now, turn.ctx.timezone):
        return text
    return f"{away}\n{text}"


def _what_waits(turn: Turn) -> str:
    """«Ваша заявка TP-… ждёт их» for the ticket open in this chat; else the one being filled in, or one to leave."""
    here = next((ticket for ticket in turn.ctx.open_tickets if ticket.here), None)
    if here is not None:
        return t("hours.ticket_waits", number=here.number)
    return t("hours.draft_waits" if turn.state.stage in DRAFT_STAGES else "hours.leave_ticket")


def _back(turn: Turn) -> str:
    return notices.back_at(turn.ctx.now, turn.ctx.timezone)


def _at(turn: Turn, moment: datetime) -> str:
    return moment.astimezone(turn.ctx.timezone).strftime("%d.%m.%Y %H:%M")
