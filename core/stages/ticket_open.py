"""Stage ticket_open: the client's messages and files go to the open ticket's engineers.

A message that looks like a new problem is asked about first (core/stages/same_request.py); a chat that joined
another chat's ticket is back at the menu once that ticket closed. An engineer's /reopen brings a closed
ticket's chat back here (``reopen_ticket``).
"""

from __future__ import annotations

import re
from copy import deepcopy

from core import notices, walker
from core.changed_on_file import changes_in
from core.events import AnswerByEmailAsked, ClientWroteOnTicket, TicketFieldsAdded
from core.intake import FIELDS_BY_KEY
from core.my_requests import RequestsQuery, answer, asked_about_requests, ticket_number_in
from core.stages import same_request
from core.stages.consent import start_ticket
from core.stages.greeting import on_idle
from core.stages.turn import Step, Turn, sent_again
from core.stages.words import looks_like_a_question, small_talk
from core.state import DRAFT_STAGES, RATING_STAGES, ConversationState, Stage
from core.texts import t
from core.validators import merged_contacts

BY_EMAIL = re.compile(r"\b(?:почт|e-?mail|email|имейл|емейл|мейл|электронк|письм)", re.IGNORECASE)
TO_SEND = re.compile(r"\b(?:ответ|пришл|присыл|отправ|продубл|дублир|напиш|пиш)", re.IGNORECASE)


def wants_answer_by_email(text: str) -> bool:
    """«Пришлите ответ на почту», «продублируйте письмом»: the answer wanted in writing (regulation 4.6)."""
    return len(text) < 300 and BY_EMAIL.search(text) is not None and TO_SEND.search(text) is not None


def on_ticket_open(turn: Turn) -> None:
    s = turn.state
    if same_request.left_closed_ticket(turn):
        on_idle(turn)
        return
    if turn.payload == "menu:ticket" or turn.command == "ticket":
        start_ticket(turn)
        return
    if turn.payload is not None and turn.payload.startswith("rate:"):
        turn.stale()
        return
    if sent_again(turn):
        turn.say(t("ticket.already_sent", number=s.ticket))
        return
    if same_request.ask_if_new(turn):
        return
    refusals = turn.keep_attachments() if turn.inbound.attachments else []
    for refusal in refusals:
        turn.say(refusal)
    kept = tuple(s.attachments)
    s.attachments = []
    if not turn.text and not kept:
        if turn.inbound.unsupported:
            turn.say(t("intake.unsupported", what=t("unsupported.other"), prompt=""))
        return
    assert s.ticket is not None
    if names_another_clients_ticket(turn) or own_data_put_right(turn):
        return
    turn.emit(ClientWroteOnTicket(s.ticket, turn.text or None, kept))
    if not turn.inbound.by_letter and wants_answer_by_email(turn.text):
        turn.emit(AnswerByEmailAsked(s.ticket))  # the shell knows the address and answers
    elif s.engineer is None:  # «спасибо» is passed on too, and answered in kind
        turn.say(added_to_ticket(turn, s.ticket))
    elif status_asked(turn) and not waits_for_client(turn, s.ticket):  # «что с заявкой?» met silence
        turn.say(t("ticket.with_engineer", number=s.ticket, engineer=s.engineer))


# «Измените мой номер телефона на …», «мой новый e-mail: …», «исправьте имя: …»: the client's own data, changed
CHANGE_WORDS = re.compile(r"(?<![\w-])(?:помен|измен|смен|обнов|исправ|нов|теперь|актуальн|правильн)\w*", re.IGNORECASE)
# and names the item as the client's own: «мой номер», «наш e-mail», «исправьте имя» (not «звоните охране 8 927 …»)
OWN_ITEM = re.compile(
    r"(?<![\w-])(?:мо[йяюие]|наш\w*|измени\w*|поменя\w*|исправ\w*|обнови\w*|замени\w*),?\s+(?:\w+,?\s+)?"
    r"(?:телефон|номер|e-?mail|имейл|почт|им[яе]|фамили|фио|контакт|организаци|город)",
    re.IGNORECASE,
)
OWN_KEYS = ("contact", "contact_name", "organization", "city")
CHANGE_WORDS_AT_MOST = 16


def own_data_put_right(turn: Turn) -> bool:
    """The client puts right their own contact data on the open ticket («Измените мой номер телефона на +7 903 …»):
    the ticket's item and the data on file change, its engineers hear it, and the client is told what changed. It was
    only added as a message, the ticket and «Мои данные» keeping the old phone. The messenger vouches for who writes,
    so this is the client's own data (a typed phone is never looked up here); a letter only when it replies to ours.
    """
    text = turn.text
    if not turn.ctx.consent_given or not text or len(text.split()) > CHANGE_WORDS_AT_MOST:
        return False  # withdrawn: nothing personal is collected again (core.scrub.without_person)
    if not CHANGE_WORDS.search(text) or not OWN_ITEM.search(text):
        return False
    if turn.reports_trouble(text):
        return False
    on_file = {key: turn.ctx.on_file.get(key, "") for key in OWN_KEYS}
    changed = {key: c.value for key, c in changes_in(text, on_file).items() if c.value and c.value != on_file[key]}
    if not changed:
        return False
    if not turn.ctx.sender_vouched:  # a new letter with the client's From: anyone could have written it
        turn.say(t("ticket.own_data_by_reply"))
        return True
    if "contact" in changed:  # «мой новый e-mail: …» keeps the phone on file, and a new phone the e-mail
        changed["contact"] = merged_contacts(on_file["contact"], changed["contact"])
    assert turn.state.ticket is not None
    turn.emit(TicketFieldsAdded(turn.state.ticket, changed, remembered=changed))
    items = "; ".join(
        f"{walker.TEXTS[f'field.{key}.label']} — {walker.display_value(FIELDS_BY_KEY[key], value)}"
        for key, value in changed.items()
    )
    turn.say(t("ticket.own_data_changed", number=turn.state.ticket, items=items))
    return True


def names_another_clients_ticket(turn: Turn) -> bool:
    """«Дополнение к заявке TP-00001: …» naming no ticket of this client's (a typo, or someone else's): said so, with
    the client's open tickets, and not added to the one this chat talks to (it went there silently, «закройте её»
    too). The answer is the same whether the number exists or not."""
    s = turn.state
    named = ticket_number_in(turn.text or "")
    own = {ticket.number for ticket in turn.ctx.client_tickets} | {ticket.number for ticket in turn.ctx.open_tickets}
    if named is None or named in own | {s.ticket}:
        return False
    turn.say(answer(RequestsQuery(named), turn.ctx.client_tickets, turn.ctx.timezone, turn.ctx.now))
    turn.say(t("ticket.not_added_unknown_number", number=s.ticket))
    return True


def status_asked(turn: Turn) -> bool:
    return asked_about_requests(turn.text) is not None or small_talk(turn.text) == "poke"


def waits_for_client(turn: Turn, number: str) -> bool:
    """The engineer answered and waits for the client: the answer is in the chat already (or arrives with this very
    message, held by WhatsApp's 24 hours), so «ответ придёт сюда» would be wrong."""
    return any(ticket.number == number and ticket.waiting for ticket in turn.ctx.open_tickets)


def added_to_ticket(turn: Turn, number: str) -> str:
    """What the client is told of a message added to their ticket while no engineer talks to them: a question the
    FAQ answers gets that answer at once («техподдержка платная?», «а завтра работаете?»); «всё решилось» is said
    to reach the engineers, who close the ticket."""
    query = asked_about_requests(turn.text) if turn.text else None
    if query is not None and query.solved:
        return t("ticket.solved_added", number=number)
    if small_talk(turn.text) == "thanks":
        return t("ticket.thanks_added", number=number)
    found = turn.ctx.faq(turn.text) if turn.ctx.faq is not None and looks_like_a_question(turn.text) else None
    if found is not None and found.answered:
        return t("ticket.faq_answer_added", answer=found.results[0].answer, number=number)
    return t("ticket.message_added", number=number)


def reopen_ticket(state: ConversationState, number: str, engineer: str | None, channel: str, chat: str) -> Step:
    """An engineer reopened ticket ``number``: the chat talks to it again, and its rating is no longer asked.

    A draft in progress (or another ticket's rating) stays where it is: the client is told, and their next
    answers go on into the draft.
    """
    new = deepcopy(state)
    new.ratings_due = [due for due in new.ratings_due if due != number]
    busy = new.stage in DRAFT_STAGES or (new.stage in RATING_STAGES and new.rating_ticket != number)
    if not busy:
        new.stage, new.rating_ticket = Stage.TICKET_OPEN, None
    new.ticket, new.engineer = number, engineer
    return Step(new, [notices.ticket_reopened(number).address(channel, chat)])
