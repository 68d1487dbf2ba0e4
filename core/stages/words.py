"""How typed words are read at any stage: the commands, a greeting, the first word of an answer."""

from __future__ import annotations

import re

WORDS = re.compile(r"[^\W_]+", re.UNICODE)
GREETINGS = frozenset(
    "здравствуйте здравствуй привет добрый день вечер утро доброе доброго приветствую хай hello hi start".split()
)
# Small talk that needs a short human answer, not an FAQ search; the first group a message matches wins
SMALL_TALK: dict[str, frozenset[str]] = {
    "bye": frozenset("до свидания свиданья пока всего доброго хорошего бай bye".split()),
    "thanks": frozenset("спасибо спс благодарю благодарим пасиб спасиб thanks thank you большое огромное".split()),
    "ack": frozenset("понятно ясно ок окей ok okay хорошо ладно понял поняла принято отлично супер угу ага".split()),
}
FILLERS = frozenset("вам вас всё все теперь тогда уже да и а за помощь ответ".split())
# «вся СКУД легла», «ничего не работает», «система стоит»: the whole system is down, not one function
SYSTEM_DOWN = re.compile(
    r"\b(?:вс[яеё]|весь|целиком|полностью)\b.{0,40}?\b(?:легл|лежит|лег\b|упал|стоит|встал|останов|не работает)"
    r"|\b(?:легл|лежит|упал|стоит|встал|останов)\w*\s(?:вс[яеё]|весь|целиком|полностью)\b"
    r"|\bничего не работает|\bне работает\s(?:ничего|вся)\b"
    r"|\bсистема\s(?:стоит|встала|легла|упала|остановлена|остановилась|не работает)",
    re.IGNORECASE,
)
# «позовите оператора», «хочу поговорить с живым человеком», «соедините со специалистом»: a person, not the bot
HUMAN = re.compile(
    r"\b(?:позов|позва|соедин|переключ|переведи|свяж|дайте|нужен|нужна|хочу|можно|где)\w*\b.{0,30}?"
    r"\b(?:оператор|человек|специалист|сотрудник|менеджер|инженер)\w*"
    r"|\bжив(?:ой|ого|ым|ому)\s(?:человек|оператор|специалист|сотрудник|инженер)\w*",
    re.IGNORECASE,
)
HUMAN_WORDS_AT_MOST = 8  # a longer message is a question or a report that mentions a person
# a message that starts like a question is one, «?» or not: «а поддержка платная», «сколько стоит ключ»
QUESTION_STARTS = frozenset("а как сколько где когда почему зачем можно что какой какая какие кто чем".split())
COMMANDS = {
    "withdraw": ("отозвать согласие", "/withdraw"),
    "cancel": ("отмена", "/cancel", "отменить"),
    # «стоп», «хватит», «передумал»: out of a draft (asked first, as «отмена»); elsewhere a message like any other
    "stop": ("стоп", "хватит", "прекратить", "передумал", "передумала"),
    "help": ("/help", "помощь", "help"),
    "start": ("/start", "меню", "начать"),
    "back": ("назад",),
    "skip": ("пропустить", "пропуск", "skip"),
    "ticket": ("оформить заявку", "новая заявка", "заявка"),
}


def command_of(text: str) -> str | None:
    """The name of the command typed («назад», «/start» …), if the whole message is one."""
    typed = " ".join(WORDS.findall(text.casefold())) if not text.startswith("/") else text.casefold().split()[0]
    for name, words in COMMANDS.items():
        if typed in words:
            return name
    return None


def wants_a_person(text: str) -> bool:
    """The client asks for a person («позовите оператора», «соедините с живым человеком»), not the bot."""
    return word_count(text) <= HUMAN_WORDS_AT_MOST and HUMAN.search(text.casefold().replace("ё", "е")) is not None


def is_greeting(text: str) -> bool:
    words = WORDS.findall(text.casefold())
    return bool(words) and all(word in GREETINGS for word in words)


def small_talk(text: str) -> str | None:
    """«спасибо», «понятно», «до свидания»: which kind of small talk the whole message is, or None."""
    words = set(WORDS.findall(text.casefold())) - FILLERS
    if not words:
        return None
    if words <= GREETINGS:
        return "greeting"
    every = frozenset().union(GREETINGS, *SMALL_TALK.values())
    if not words <= every:
        return None
    return next(kind for kind, known in SMALL_TALK.items() if words & known)


def system_down(text: str) -> bool:
    """The message says the whole system is down («вся СКУД легла», «ничего не работает»): a critical request."""
    return SYSTEM_DOWN.search(text.casefold().replace("ё", "е")) is not None


def looks_like_a_question(text: str) -> bool:
    return "?" in text or first_word(text) in QUESTION_STARTS


def first_word(text: str) -> str | None:
    words = WORDS.findall(text.casefold())
    return words[0] if words else None


def word_count(text: str) -> int:
    return len(WORDS.findall(text))
