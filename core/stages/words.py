"""How typed words are read at any stage: the commands, a greeting, the first word of an answer."""

from __future__ import annotations

import re

WORDS = re.compile(r"[^\W_]+", re.UNICODE)
GREETINGS = frozenset(
    "здравствуйте здравствуй привет добрый день вечер утро доброе доброго приветствую хай hello hi start".split()
)
COMMANDS = {
    "withdraw": ("отозвать согласие", "/withdraw"),
    "cancel": ("отмена", "/cancel", "отменить"),
    "help": ("/help", "помощь", "help"),
    "start": ("/start", "меню", "начать"),
    "back": ("назад",),
    "skip": ("пропустить", "пропуск", "skip"),
    "done": ("готово", "всё", "все"),
    "ticket": ("оформить заявку", "новая заявка", "заявка"),
}


def command_of(text: str) -> str | None:
    """The name of the command typed («назад», «/start» …), if the whole message is one."""
    typed = " ".join(WORDS.findall(text.casefold())) if not text.startswith("/") else text.casefold().split()[0]
    for name, words in COMMANDS.items():
        if typed in words:
            return name
    return None


def is_greeting(text: str) -> bool:
    words = WORDS.findall(text.casefold())
    return bool(words) and all(word in GREETINGS for word in words)


def first_word(text: str) -> str | None:
    words = WORDS.findall(text.casefold())
    return words[0] if words else None


def word_count(text: str) -> int:
    return len(WORDS.findall(text))
