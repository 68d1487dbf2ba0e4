"""What the client may say at any stage, before the stage's own handler sees the message: consent withdrawal
(in the client's own words too), «мои данные», «подписаться на новости» / «отписаться», «мои заявки» and a
ticket's status (with «Связать с прежним чатом» when none is open), /start, «отмена» (asked first when it would
lose what the client typed into a draft) and «помощь»; «новая заявка» in the questions after a critical ticket
opened. «Не знаю» to a question the client
may well not know gets a hint where to find it here, and then goes on to the intake, which keeps it as the answer.
"""

from __future__ import annotations

from dataclasses import replace

from core import my_requests, personal_data, walker
from core.consent_words import ConsentIntent, about_consent, bare_disagreement, consent_answer
from core.events import ClientWroteOnTicket, ConsentRefused, ConsentWithdrawn, PersonalDataShown
from core.messages import Choice
from core.news_words import about_news
from core.person_names import asks_for_someone
from core.render import resolve_choice
from core.replies import Reply
from core.stages.clock import answered_by_clock
from core.stages.consent import start_ticket
from core.stages.flow import leave_follow_up
from core.stages.greeting import greet
from core.stages.link import NO_REQUESTS_CHOICES, asked_to_link
from core.stages.news import news_intent, on_news
from core.stages.rating import leave_rating
from core.stages.same_request import AT_MENU, drop_question
from core.stages.turn import NEW_TICKET, Turn
from core.stages.words import bot_asked, looks_like_a_question, no_longer_needed, own_data_changed, wants_a_person
from core.state import DRAFT_STAGES, RATING_STAGES, Stage
from core.texts import t

WITHDRAW_CHOICES = (Choice("consent:withdraw", t("consent.withdraw_yes")), Choice("consent:keep", t("consent.keep")))
DROP_DRAFT, KEEP_DRAFT = Choice("draft:drop", t("draft.drop")), Choice("draft:keep", t("draft.keep"))
WHAT_IS_DROPPED = "draft:what"  # «а что удалится?» asked back


def handle_command(turn: Turn) -> bool:
    """Answer a command understood at every stage; False when the message is for the stage's handler."""
    payload, command = turn.payload, turn.command
    about_draft = cancel_answer(turn)
    intent = consent_intent(turn)
    news = news_intent(turn)
    stops = stops_draft(turn)
    asks = turn.command is None and turn.payload is None and not stops  # «вопрос снят»: the draft's
    requests = my_requests.asked_about_requests(turn.text) if asks else None
    if about_draft == DROP_DRAFT.payload and turn.state.stage in DRAFT_STAGES:
        drop_draft(turn)
    elif about_draft == KEEP_DRAFT.payload and turn.state.stage in DRAFT_STAGES:
        turn.say(t("draft.kept"))
        turn.reask()
    elif about_draft == WHAT_IS_DROPPED and turn.state.stage in DRAFT_STAGES:
        explain_what_is_dropped(turn)
    elif about_draft is not None:
        turn.stale()  # the draft was sent or dropped since the question
    elif payload == "consent:withdraw" or command == "withdraw" or intent is ConsentIntent.WITHDRAW:
        if turn.ctx.consent_given and not turn.ctx.sender_vouched:  # a new letter with the client's From
            turn.state.confirming_withdrawal = True
            turn.say(Reply(t("consent.confirm_withdraw_by_reply"), WITHDRAW_CHOICES))
        else:
            withdraw_consent(turn)
    elif news is not None:  # before a «maybe» withdrawal: «отпишите меня от рассылки» is about the news
        on_news(turn, news)
    elif payload == "consent:keep" or intent is ConsentIntent.AGREE:
        turn.say(t("consent.kept"))
        turn.reask()
    elif intent is ConsentIntent.MAYBE_WITHDRAW:
        turn.state.confirming_withdrawal = True
        turn.say(Reply(t("consent.confirm_withdraw"), WITHDRAW_CHOICES))
    elif intent is ConsentIntent.MY_DATA:
        turn.emit(PersonalDataShown())
        turn.say(my_data(turn))
        turn.reask()
    elif requests is not None:
        return answer_requests(turn, requests)
    elif answered_by_clock(turn):  # «вы сейчас работаете?», «когда ответите?»: answered there
        pass
    elif turn.state.stage in AT_MENU and asked_to_link(turn):
        turn.ask(Stage.LINK)
    elif turn.state.on_ticket and (payload == NEW_TICKET.payload or command == "ticket"):
        new_request_after_ticket(turn)
    elif command == "ticket" and turn.state.stage in DRAFT_STAGES:  # «новая заявка» is no answer to the question
        turn.say(t("draft.in_progress"))
        turn.reask()
    elif command in ("start", "cancel") or payload == "sum:cancel" or stops:
        cancel(turn, greet_again=command == "start")
    elif command == "help":
        turn.say(t("menu.help"))
        turn.reask()
    elif payload is None and command is None and turn.state.stage in AT_MENU and own_data_changed(turn.text):
        turn.say(Reply(t("my_data.change_how"), (NEW_TICKET,)))
    elif payload is None and command is None and turn.state.stage in PERSON_ANSWERED and bot_asked(turn.text):
        who_writes(turn)
    elif payload is None and command is None and person_asked_for(turn):
        ask_for_a_person(turn, "person.asked")
    elif payload is None and command is None and turn.state.stage in PERSON_ANSWERED and asks_for_someone(turn.text):
        ask_for_a_person(turn, "person.named")
    else:
        return False
    return True


def my_data(turn: Turn) -> Reply:
    """«Мои данные»: what the store holds, and what this chat's draft holds besides (not yet in a ticket)."""
    s = turn.state
    draft = {key: value for key, value in s.answers.items() if s.on_ticket.get(key) != value and walker.given(value)}
    kept = bool(s.pending_question) and s.stage is Stage.CONSENT
    return personal_data.report(turn.ctx.stored_data, turn.ctx.timezone, draft=draft, first_message_kept=kept)


# where «позовите оператора» is answered by the bot; at an open ticket it reaches the engineers as it is
PERSON_ANSWERED = DRAFT_STAGES | AT_MENU


def person_asked_for(turn: Turn) -> bool:
    """«Позовите оператора» where the bot answers it; not «нет, не согласна, просто дайте человека» at the consent,
    which refuses it (the refusal is the stage's, and says how to reach a person)."""
    refused = turn.state.stage is Stage.CONSENT and consent_answer(turn.text) is ConsentIntent.REFUSE
    return turn.state.stage in PERSON_ANSWERED and wants_a_person(turn.text) and not refused


def who_writes(turn: Turn) -> None:
    """«Ты бот?»: who writes and who answers the requests; then the same question, or at the menu the ticket's
    button (no ticket is started: nobody asked for one)."""
    if turn.state.stage in DRAFT_STAGES:
        turn.say(t("person.bot_asked"))
        turn.reask()
    else:
        turn.say(Reply(t("person.bot_asked"), (NEW_TICKET,)))


def ask_for_a_person(turn: Turn, key: str) -> None:
    """«Позовите оператора», «можно Сергея Викторовича?»: who answers (text ``key``) and the phone line; then the
    same question, or at the menu a ticket."""
    turn.say(t(key))
    if turn.state.stage in DRAFT_STAGES:
        turn.reask()
    else:
        start_ticket(turn)


def answer_requests(turn: Turn, query: my_requests.RequestsQuery) -> bool:
    """«Мои заявки», «статус TP-…»: answered, and the question asked again; False when the open ticket takes it.

    With a ticket open in this chat a question about it reaches its engineers too (the client is waiting), and once
    an engineer has taken that ticket the bot leaves it to them; «Мои заявки» and another ticket's status do not.
    """
    s = turn.state
    if (query.solved and s.stage not in AT_MENU) or (query.waiting and s.stage in RATING_STAGES):
        return False  # «вопрос решён» in a ticket's chat reaches its engineers; at a rating it is the comment
    if s.stage != Stage.TICKET_OPEN:
        reply = my_requests.answer(query, turn.ctx.client_tickets, turn.ctx.timezone, turn.ctx.now)
        none_open = all(ticket.status == "closed" for ticket in turn.ctx.client_tickets)
        turn.say(replace(reply, choices=NO_REQUESTS_CHOICES) if none_open and s.stage in AT_MENU else reply)
        turn.reask()
        return True
    elsewhere = query.listing or query.number not in (None, s.ticket)  # «Мои заявки», another ticket's status
    if s.engineer is None or elsewhere:
        turn.say(my_requests.answer(query, turn.ctx.client_tickets, turn.ctx.timezone, turn.ctx.now))
    return elsewhere  # «есть новости по заявке?» reaches its engineers too; «Мои заявки» is no news to them


# the questions answered by a button, where a file is no answer; the questions typed into keep files themselves
CHOICE_STAGES = frozenset({Stage.CONSENT, Stage.KIND, Stage.CRITICALITY, Stage.RETURNING})


def keep_files_at_a_choice(turn: Turn) -> bool:
    """Files sent while a button question waits are kept for the ticket; without text, the question is asked again.

    Telegram sends an album as one update per photo: the first may start the intake, and the others arrive at
    the consent or kind question, where each was «Не понял ответ» and lost. A caption («вот скриншот ошибки») is
    read by the stage as any text is (False: the message goes on to it); the file was dropped then.
    """
    if turn.state.stage not in CHOICE_STAGES or not turn.inbound.attachments or turn.payload:
        return False
    turn.keep_files_for_ticket()
    if turn.text:
        return False
    turn.reask()
    return True


def stops_draft(turn: Turn) -> bool:
    """«Стоп», «хватит», «всё заработало, заявка не нужна» in a new ticket's intake or the questions after a critical
    one: «отмена» (asked first)."""
    stops = turn.command == "stop" or (turn.payload is None and no_longer_needed(turn.text))
    return stops and (turn.state.stage in DRAFT_STAGES or bool(turn.state.on_ticket))


def cancel_answer(turn: Turn) -> str | None:
    """The answer to «Отменить заполнение заявки?»: a button, or words (/start and «отмена» again mean yes).

    A question back («а что удалится?») is no yes, though it names deleting: it is ``WHAT_IS_DROPPED``.
    """
    confirming, turn.state.confirming_cancel = turn.state.confirming_cancel, False
    if turn.payload in (DROP_DRAFT.payload, KEEP_DRAFT.payload):
        return turn.payload
    if not confirming or turn.payload is not None:
        return None
    if turn.command in ("start", "cancel", "stop"):
        return DROP_DRAFT.payload
    whole = resolve_choice(turn.text, (DROP_DRAFT, KEEP_DRAFT), loose=False)
    if whole is None and looks_like_a_question(turn.text):
        return WHAT_IS_DROPPED
    return whole or turn.typed_choice((DROP_DRAFT, KEEP_DRAFT))


def explain_what_is_dropped(turn: Turn) -> None:
    """The draft's items the client has answered, which cancelling would drop; and the question again."""
    items = [t(f"field.{name}.label") for name, value in turn.state.answers.items() if value]
    if turn.state.attachments:
        items.append(t("draft.files"))
    turn.state.confirming_cancel = True
    dropped = t("draft.what_is_dropped", items=", ".join(items) or t("draft.nothing_typed"))
    turn.say(Reply(f"{dropped}\n\n{t('draft.confirm_cancel')}", (DROP_DRAFT, KEEP_DRAFT)))


def consent_intent(turn: Turn) -> ConsentIntent | None:
    """What a typed message says about consent, wherever the conversation is.

    Answers to «Вы хотите отозвать согласие?» come back as WITHDRAW or AGREE (keep it). Before any consent
    is given there is nothing to withdraw: the consent question itself takes refusals in any words.
    """
    confirming, turn.state.confirming_withdrawal = turn.state.confirming_withdrawal, False
    if turn.payload is not None or turn.command is not None or not turn.text:
        return None
    if confirming:
        answer = consent_answer(turn.text)
        if answer is not None:
            return ConsentIntent.WITHDRAW if answer is ConsentIntent.AGREE else ConsentIntent.AGREE
    intent = about_consent(turn.text)
    if intent is ConsentIntent.MAYBE_WITHDRAW and about_news(turn.text) is not None:
        return None  # «как отписаться от рассылки» is about the news (it erased a new chat's messages)
    if intent is None and turn.ctx.consent_given and bare_disagreement(turn.text):
        return ConsentIntent.MAYBE_WITHDRAW  # «Не согласен!» on a ticket: the consent's own word, asked about
    if not turn.ctx.consent_given and intent in (ConsentIntent.WITHDRAW, ConsentIntent.MAYBE_WITHDRAW):
        return ConsentIntent.WITHDRAW if turn.state.stage != Stage.CONSENT else None
    if not turn.ctx.consent_given and intent is ConsentIntent.AGREE:
        return None  # «не удаляйте мои данные» before any consent: nothing is kept on it to keep
    return intent


def withdraw_consent(turn: Turn) -> None:
    """The consent withdrawn and the person erased everywhere; without consent, what this chat wrote is erased (a
    name and a phone typed into a question were kept, and the client told that nothing was)."""
    if turn.state.on_ticket:
        leave_follow_up(turn)  # the critical ticket stays open: what it was not told is marked so
    drafting = turn.state.stage in DRAFT_STAGES and not turn.state.on_ticket
    turn.emit(ConsentWithdrawn() if turn.ctx.consent_given else ConsentRefused())
    turn.state.reset_intake()
    turn.state.faq_entry = turn.state.faq_query = None
    if turn.state.stage != Stage.TICKET_OPEN:
        turn.state.stage = Stage.IDLE
    if not turn.ctx.consent_given:  # said again after a withdrawal, it was «согласия вы не давали»
        turn.say(t("consent.already_withdrawn" if turn.ctx.consent_withdrawn else "consent.nothing_to_withdraw"))
        return
    turn.say(t("consent.withdrawn"))
    if drafting:  # «а заявка моя что, не отправится?»: it was dropped without a word
        turn.say(t("consent.draft_dropped"))
    if turn.ctx.news_subscribed:  # the news need the consent too: the shell unsubscribes with the erasure
        turn.say(t("news.unsubscribed"))


def cancel(turn: Turn, *, greet_again: bool) -> None:
    """«Отмена» drops a draft, asking first if the client typed into it; /start greets, leaving a rating.

    Before the first greeting anything greets; at rest (the menu, an open ticket) «отмена» offers the menu.
    """
    if turn.state.stage == Stage.SAME_REQUEST:
        drop_question(turn.state)  # «Это по заявке TP-…?» is no longer asked
    if turn.state.on_ticket:
        stop_follow_up(turn)
    elif turn.state.stage in DRAFT_STAGES and typed_into_draft(turn):
        turn.state.confirming_cancel = True
        turn.say(Reply(t("draft.confirm_cancel"), (DROP_DRAFT, KEEP_DRAFT)))
    elif turn.state.stage in DRAFT_STAGES:
        drop_draft(turn)
    elif greet_again or turn.state.stage == Stage.NEW:
        if turn.state.stage in RATING_STAGES:
            leave_rating(turn.state)
        greet(turn)
    else:
        turn.say(Reply(t("menu.ask_more"), (NEW_TICKET,)))


def stop_follow_up(turn: Turn) -> None:
    """«Отмена» or /start in the questions after a critical ticket opened: no more questions, the ticket stays open
    with the items not answered marked as not given. «вопрос снят, заработало» reaches its engineers too (an urgent
    call about a problem gone would be wasted), and the client hears they will close it."""
    leave_follow_up(turn)
    number = turn.state.ticket
    assert number is not None
    if turn.payload is None and no_longer_needed(turn.text):
        turn.emit(ClientWroteOnTicket(number, turn.text))
        turn.say(t("ticket.solved_added", number=number))
    else:
        turn.say(t("followup.stopped", number=number))


def new_request_after_ticket(turn: Turn) -> None:
    """«Новая заявка» in the questions after a critical ticket opened: they end as «отмена» ends them, and a new
    request starts."""
    leave_follow_up(turn)
    turn.say(t("followup.left_for_new", number=turn.state.ticket))
    start_ticket(turn)


def typed_into_draft(turn: Turn) -> bool:
    """The draft holds something the client wrote: the message it started from, an answer other than the data on
    file taken over, or a file."""
    on_file = turn.ctx.on_file
    s = turn.state
    typed = any(value and value != on_file.get(key) for key, value in s.answers.items())
    return bool(s.attachments) or bool(s.pending_question) or typed


def drop_draft(turn: Turn) -> None:
    """Forget the draft and go back to the menu."""
    turn.state.reset_intake()
    turn.state.stage = Stage.IDLE
    turn.say(Reply(t("menu.cancelled"), (NEW_TICKET,)))
