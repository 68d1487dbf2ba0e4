"""Questions about when a person answers that only the clock can answer: «можно позвонить сейчас?», «кто-нибудь
дежурит?», «когда ответите?», «инженер сегодня посмотрит?», «так в понедельник ответите или нет». The FAQ's entries
state the usual hours and the reaction time; the client asks about now, or about their own ticket, so these are
answered from the production calendar and the ticket's deadline (``core.stages.clock``).

Read only in a short message asked as a question: «программа зависает, когда оператор отвечает на тревогу» tells
of a trouble, and «позвонить в охрану через Бастион» asks about a product.
"""

from __future__ import annotations

import re
from enum import Enum

WORDS_AT_MOST = 12
WORD = re.compile(r"[^\W_]+")
QUESTION_OPENERS = frozenset("а так и ну когда во через как сколько можно куда кто".split())
# «можно позвонить сейчас?», «а позвонить вам можно?», «куда звонить?», «кто-нибудь сейчас дежурит?»
CALL = re.compile(
    r"\b(?:позвонить|звонить|дозвониться|набрать)\b.{0,30}\b(?:вам|сейчас|можно)\b"
    r"|\b(?:вам|сейчас|можно|могу|куда|кому|успе\w*)\b.{0,30}\b(?:позвонить|звонить|дозвониться|набрать)\b"
    r"|\bпо\s+какому\s+(?:номеру|телефону)\b|\bдежур\w*",
)
ANSWERING = (
    r"(?:ответит\w*|ответят|ответ|ответа|перезвонит\w*|перезвонят|позвонит\w*|позвонят|посмотрит\w*|посмотрят"
    r"|глянете|гляне|свяжет\w*|свяжутся|возьмет\w*|возьмут|займет\w*|займутся|отреагиру\w*|успеете|успеют)"
)
DAY = (
    r"(?:сегодня|завтра|в\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|\d{1,2}-?го"
    r"|на\s+(?:этой|следующей)\s+неделе)"
)
# «когда ответите?», «через сколько перезвоните?», «ответите сегодня?», «так в понедельник ответите или нет»
ANSWER_WHEN = re.compile(
    rf"\b(?:когда|через\s+сколько|во\s+сколько|как\s+скоро|как\s+быстро|сколько\s+(?:ждать|ожидать))\b"
    rf".{{0,30}}\b{ANSWERING}\b|\b{DAY}\b.{{0,30}}\b{ANSWERING}\b|\b{ANSWERING}\b.{{0,30}}\b{DAY}\b"
    r"|^\W*(?:а\s+|и\s+|так\s+)?сколько\s+(?:ждать|ожидать)\W*$"
)
# «когда ответите, если я сейчас напишу заявку»: a request not written yet
HYPOTHETICAL = re.compile(r"\bесли\b|\bоставлю\b|\bнапишу\b|\bоформлю\b|\bподам\b|\bсейчас\s+(?:заявк|напиш|оформ)")
# «можно позвонить в охрану через Бастион?»: the call is about a product
PRODUCT = re.compile(r"\b(?:бастион\w*|программ\w*|систем\w*|модул\w*|охран\w*|пульт\w*|тревог\w*|оператор\w*)")


class ClockQuestion(Enum):
    CALL = "call"  # whether a call reaches an engineer now
    ANSWER_WHEN = "answer_when"  # when an engineer answers this client: their ticket's deadline
    ANSWER_IF_NOW = "answer_if_now"  # when an engineer would answer a request written now


def clock_question(text: str) -> ClockQuestion | None:
    """The question about a person's answer the message asks; None when it asks none."""
    said = text.casefold().replace("ё", "е")
    words = WORD.findall(said)
    if not words or len(words) > WORDS_AT_MOST or PRODUCT.search(said):
        return None
    asked = "?" in said or words[0] in QUESTION_OPENERS or said.rstrip(" .!").endswith("или нет")
    if not asked:
        return None
    if ANSWER_WHEN.search(said):
        return ClockQuestion.ANSWER_IF_NOW if HYPOTHETICAL.search(said) else ClockQuestion.ANSWER_WHEN
    return ClockQuestion.CALL if CALL.search(said) else None
