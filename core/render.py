"""Choices for channels without buttons: a numbered list out; a number, the title or the client's own words
(core/choice_words.py) back in."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from core.choice_words import best_match, phrases_of
from core.messages import Choice
from core.texts import t

_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
# The engine's choice payloads («kind:problem», «nav:skip», …), as a button sends them back
_PAYLOAD = re.compile(r"(?:kind|crit|consent|ret|faq|menu|sum|nav|opt|rate|draft):[\w:-]+")


def engine_payload(text: str) -> str | None:
    """``text`` when it is a button's payload sent back as a message (Viber, WhatsApp quick replies), else None."""
    return text if _PAYLOAD.fullmatch(text) else None


def _normal(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.casefold().replace("ё", "е")).split())


def choices_as_text(text: str, choices: tuple[Choice, ...]) -> str:
    """``text`` followed by the options as «1. …» lines, as a client without buttons sees them."""
    if not choices:
        return text
    lines = [f"{index}. {choice.title}" for index, choice in enumerate(choices, start=1)]
    return text + "\n\n" + "\n".join(lines) + "\n\n" + t("choice.hint")


def resolve_choice(text: str, choices: tuple[Choice, ...], *, numbered: bool = True, loose: bool = True) -> str | None:
    """The payload of the option the client typed: its number, its title or a synonym, or the title's beginning.

    ``loose``: a title or synonym anywhere in the message chooses («у нас всё стоит»), and so does a title's
    beginning; otherwise only the whole message does, where any other text is an answer of its own (options offered
    as suggestions).
    """
    typed = _normal(text)
    if not typed or not choices:
        return None
    if numbered and typed.isdigit():
        index = int(typed) - 1
        return choices[index].payload if 0 <= index < len(choices) else None
    options = {choice.payload: phrases_of(choice.payload, choice.title) for choice in choices}
    chosen = best_match(text, options, whole=not loose)
    if chosen is not None:
        return chosen
    # a title's beginning stands for it in a menu («офор»), not where the options only suggest: «скуд+опс» is no
    # «СКУД + ОПС + СТВН», «COM» no «COM-порт через преобразователь» (a subsystem, a converter the client never named)
    prefixed = [choice.payload for choice in choices if len(typed) >= 3 and _normal(choice.title).startswith(typed)]
    if len(prefixed) == 1 and loose:
        return prefixed[0]
    return _mistyped_title(typed, choices)


TYPO_SIMILARITY = 0.85  # «офорить заявку», «работает частчно»: one or two letters wrong in a title
TYPO_SHORTEST = 6  # shorter titles («Да», «СКУД») are too short to tell a typo from another word


def _mistyped_title(typed: str, choices: tuple[Choice, ...]) -> str | None:
    """The one option whose title the whole message is, but for a letter or two mistyped."""
    close = [
        choice.payload
        for choice in choices
        if len(typed) >= TYPO_SHORTEST
        and SequenceMatcher(None, typed, _normal(choice.title)).ratio() >= TYPO_SIMILARITY
    ]
    return close[0] if len(close) == 1 else None
