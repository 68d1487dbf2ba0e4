"""The client's view of their own requests: «мои заявки», «какой статус заявки TP-00042?», «что с моей заявкой».

The shell gives the engine the tickets of the client it resolved from the messenger identity (never from what
was typed); a number that is not among them gets the same neutral answer whether it exists or not, so nothing
leaks about other clients. «Заявка» is also a word of the products (a pass request in an access-control system:
«статус заявки на пропуск не меняется»), so a question counts only when it is about the client's own requests:
a TP number, «мои/моя заявка», or a short question about a request's status with no such product word. «Я вчера
писал, ответа нет» is one too: the client waits for the engineers, and sees where their requests stand; so are
«проблема решена» and «закройте заявку»: the engineers close a request, and the client hears how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from core.replies import Reply
from core.texts import t

WORD = re.compile(r"[^\W_]+")
NUMBER = re.compile(
    r"\b[tт][pрп]\s*-?\s*(\d{1,7})\b"  # «ТР-00001» typed in Cyrillic too
    # «по заявке 5», «заявка №17»; not «заявка 2 дня висит»
    r"|\bзаявк\w*\s+(?:№|номер|n)?\s*(\d{1,7})\b(?![.,]\d|\s*(?:шт|раз|дн|день|час|мин|руб|недел|мес|%))",
    re.IGNORECASE,
)
REQUEST_STEMS = ("заявк", "заявок", "обращени", "тикет")
OWN_MANY = frozenset("мои моих наши наших".split())
OWN = OWN_MANY | frozenset("моя мою моей мой моего моему наша нашу нашей".split())
STATUS_STEMS = ("статус", "состояни", "этап", "движени", "продвига", "новост", "рассматр")
STATUS_PHRASES = re.compile(
    r"\bчто (?:там )?(?:с|по)\b|\bкак (?:там|дела)\b|\bкогда (?:ответ|будет|решит|возьм)|\bгде\b"
)
# «заявка на пропуск», «статус заявки в Бастионе»: requests inside the client's own system
PRODUCT_WORDS = ("пропуск", "посетител", "гост", "сотрудник", "карт", "бастион", "программ", "систем", "модул")
# «какие у меня заявки», «сколько у нас открытых обращений», «у меня есть заявки?»: the list, asked without «мои»;
# not «какие заявки можно подать», a question about the service
WHICH = re.compile(r"^(?:а\s+|и\s+)?(?:какие|сколько|покажите|покажи|есть\s+ли|у\s+(?:меня|нас)\s+есть)\b")
MINE = re.compile(r"\bу\s+(?:меня|нас)\b|\b(?:открыт|активн|незакрыт)")
LISTING_WORDS_AT_MOST = 8
SHORT_QUESTION = 10  # words: «Какой статус заявки?» without «мою» or a number, after «здравствуйте, я вчера…»
# «я вчера писал, ответа нет», «до сих пор не ответили», «жду ответа», «где ответ?»: waiting for the engineers, in few
# words; a device that «не отвечает» is a report, not this
WAITING = re.compile(
    r"\b(?:никто|вы|мне|нам)\s+(?:так\s+и\s+|до\s+сих\s+пор\s+|еще\s+)?не\s+(?:ответил|отвечает|перезвонил)"
    r"|\bне\s+(?:ответили|отвечаете|перезвонили)\b|\b(?:жду|ждем)\s+(?:вашего\s+)?ответа\b|\bгде\s+(?:же\s+)?(?:ваш\s+)?ответ\b"
    r"|\b(?:писал|писала|писали|обращался|обращалась|обращались)\b.{0,30}?(?:ответа\s+нет|нет\s+ответа|тишина)"
)
WAITING_WORDS_AT_MOST = 12
# «есть новости?», «какие новости?»: news of the request, not of the products (those name a version or the mailing)
BARE_NEWS = re.compile(
    r"^(?:(?:добрый|доброе|здравствуйте|день|утро|вечер|ну|а|и)\W+)*(?:есть|какие|как)\W+(?:там\W+)?новост\w*\W*$"
)
BARE_NEWS_WORDS = 5
# «какой статус?», «статус?», «что со статусом?»: the status of the request, asked bare
BARE_STATUS = re.compile(
    r"^\W*(?:(?:а|и|ну|так)\W+)*(?:(?:какой|каков)\s+(?:там\s+)?статус|статус|что\s+(?:там\s+)?со\s+статусом)\W*$"
)
# «когда ответите, если я сейчас напишу заявку»: a request not written yet, a question about the reaction time
HYPOTHETICAL = re.compile(r"\bесли\b.{0,30}?\b(?:напишу|оставлю|отправлю|подам|оформлю|создам|пришлю)\b")
# «проблема решена, спасибо», «закройте заявку», «хочу отменить свою заявку»: the request is over for the client
SOLVED = re.compile(
    r"\b(?:проблем\w*|вопрос\w*|заявк\w*)\s+(?:уже\s+)?(?:решен|решил|снят|закрыт|неактуальн|не\s+актуальн)"
    r"|\bвс[её]\W+(?:уже\s+)?(?:заработало|решилось|решили)|^\W*(?:спасибо\W+)?(?:уже\s+)?(?:заработал[оаи]?|починилось)\W*$"
    r"|^\W*(?:уже\s+)?(?:не\s+актуально|неактуально)\W*$"  # «уже не актуально» («отбой» is an alarm's reset)
    r"|\b(?:разобрались|разобрался|разобралась|справились)\s+сам"
    r"|\b(?:закро\w*|закры\w*|отмени\w*|отменя\w*|аннулир\w*|удали\w*|отзыва\w*|отзов\w*)\s+(?:мою\s+|нашу\s+|эту\s+|свою\s+)?"
    r"(?:заявк|обращени)"
    r"|\b(?:заявк\w*|обращени\w*)\s+(?:можно\s+)?(?:закро\w*|закрыва\w*|отмени\w*|отменя\w*)"  # «заявку закройте»
)


@dataclass(frozen=True)
class ClientTicket:
    """One of the client's own tickets, as the client may see it."""

    number: str
    status: str  # open, in_progress, waiting, closed
    engineer: str | None  # the first name of the engineer who took it
    due_at: datetime  # the reaction deadline (4.7)
    answered: bool  # the engineers have answered already


@dataclass(frozen=True)
class RequestsQuery:
    """A question about the client's requests: one by its number, or all that are open."""

    number: str | None = None
    listing: bool = False  # «мои заявки», «список обращений»: the list asked for, not one request's state
    waiting: bool = False  # «я вчера писал, ответа нет»: where their answer is
    solved: bool = False  # «проблема решена», «закройте заявку»: the engineers close it


def ticket_number_in(text: str) -> str | None:
    """The ticket number a message names, as the desk writes it («tp-42» → «TP-00042»); None when it names none."""
    found = NUMBER.search(text)
    return f"TP-{int(found.group(1) or found.group(2)):05d}" if found else None


def asked_about_requests(text: str) -> RequestsQuery | None:
    """The question the message asks about the client's own requests, or None when it asks none."""
    folded = text.casefold().replace("ё", "е")
    words = WORD.findall(folded)
    if not words or any(w.startswith(PRODUCT_WORDS) for w in words) or HYPOTHETICAL.search(folded):
        return None
    number = ticket_number_in(folded)
    requests = [i for i, w in enumerate(words) if w.startswith(REQUEST_STEMS)]
    neighbours = {words[i - 1] for i in requests if i} | {words[i + 1] for i in requests if i + 1 < len(words)}
    asks_which = len(words) <= LISTING_WORDS_AT_MOST and WHICH.search(folded) and MINE.search(folded)
    listing = bool(neighbours & OWN_MANY) or "список" in words or bool(requests and asks_which)
    status = any(w.startswith(STATUS_STEMS) for w in words) or STATUS_PHRASES.search(folded) is not None
    if number and (status or len(words) <= 3):  # «TP-00042», «статус TP-42?»
        return RequestsQuery(number)
    # «отмените мою заявку, вопрос снят» before «моя заявка»: it asked the status and was added to the ticket
    if len(words) <= WAITING_WORDS_AT_MOST and SOLVED.search(folded) and "?" not in folded:  # «вопрос закрыт?» asks
        return RequestsQuery(solved=True)
    if requests and (neighbours & OWN or listing or status and len(words) <= SHORT_QUESTION):
        return RequestsQuery(listing=listing)
    if BARE_STATUS.search(folded):
        return RequestsQuery()
    if len(words) <= BARE_NEWS_WORDS and BARE_NEWS.search(folded):  # «добрый день, есть новости?»: the release news
        return RequestsQuery()  # entry answered it, though a client with a request asks about that
    if len(words) <= WAITING_WORDS_AT_MOST and WAITING.search(folded):
        return RequestsQuery(waiting=True)
    return None


def answer(query: RequestsQuery, tickets: tuple[ClientTicket, ...], tz: ZoneInfo, now: datetime) -> Reply:
    """Each open ticket of the client with its status, engineer and deadline; or the one asked for by number."""
    open_tickets = [ticket for ticket in tickets if ticket.status != "closed"]
    if query.number is not None:
        found = next((ticket for ticket in tickets if ticket.number == query.number), None)
        if found is not None:
            return Reply(t("requests.one", line=_line(found, tz, now)))
        if not open_tickets:
            return Reply(t("requests.not_found_none_open"))
        return Reply(f"{t('requests.not_found')}\n{_lines(open_tickets, tz, now)}")
    if query.solved:
        lines = _lines(open_tickets, tz, now)
        return Reply(t("requests.solved", lines=lines) if open_tickets else t("requests.solved_none_open"))
    if not open_tickets:
        return Reply(t("requests.none_open" if query.listing else "requests.waiting_none_open"))
    return Reply(t("requests.list", lines=_lines(open_tickets, tz, now)))


def _lines(tickets: list[ClientTicket], tz: ZoneInfo, now: datetime) -> str:
    return "\n".join(f"• {_line(ticket, tz, now)}" for ticket in tickets)


def _line(ticket: ClientTicket, tz: ZoneInfo, now: datetime) -> str:
    """One ticket's status; a reaction deadline already past is owned up to, with what is done about it."""
    engineer = t("requests.engineer", name=ticket.engineer) if ticket.engineer else t("requests.not_taken")
    deadline = ticket.due_at.astimezone(tz).strftime("%d.%m.%Y %H:%M")
    if ticket.status == "closed":
        reaction = ""
    elif ticket.answered:
        reaction = t("requests.answered")
    elif ticket.due_at <= now:
        reaction = t("requests.overdue", deadline=deadline)
    else:
        reaction = t("requests.due", deadline=deadline)
    status = t(f"status.{ticket.status}")
    return t("requests.line", number=ticket.number, status=status, engineer=engineer, reaction=reaction)
