"""Masking of personal data in free text: anything shaped like a phone number or an e-mail address.

``mask_personal`` is pure and idempotent and runs in time linear in the length of the text, whatever
the text: the patterns below have no nested quantifiers that could overlap, so they cannot backtrack
catastrophically. Masking is deliberately generous: any run of 10 or more digits joined by spaces,
dashes, dots or parentheses is taken for a phone (so long ids, passport or card numbers and IPv4
addresses with long octets are masked too), while short numbers, ticket numbers like ``TP-00001``,
dates and times, decimal fractions and bare runs of more than 16 digits (message tokens) stay as
they are.
"""

from __future__ import annotations

import re

PHONE = "[phone]"
EMAIL = "[email]"

# Separators allowed between the digit groups of a phone: "+7 (916) 123-45-67", "8.916.123.45.67".
_SEPARATORS = r"[ \u00a0.()\-]{1,3}"
# A digit run: an optional "+", a first group of any length (a country code or the whole
# number), then groups of two or more digits, each after 1-3 separators. Single digits after a
# separator end the run, so that "1 2 3 4 5 6 7 8 9 10" is not taken for a phone.
_DIGIT_RUN = re.compile(rf"\+?[0-9]+(?:{_SEPARATORS}[0-9]{{2,}})*")
# The local part cannot start inside another local part (the look-behind), so a long run of word
# characters without "@" is tried once, not from each of its positions.
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A date at the start of a run is kept: "2024-05-01 10:20" gives the run "2024-05-01 10".
_DATE = re.compile(r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}\.[0-9]{2}\.[0-9]{4})[ T]?")
# A decimal fraction with a short integer part is a duration or a measure, not a phone.
_FRACTION = re.compile(r"[0-9]{1,9}\.[0-9]+")
_PHONE_DIGITS = 10
# A phone has at most 15 digits (E.164) and a card number usually 16: a longer run of bare digits is
# an id, such as a Viber message token (19 digits), and is kept.
_LONGEST_PLAIN = 16


def _digit_count(text: str) -> int:
    return sum(character in "0123456789" for character in text)


def _mask_run(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) < _PHONE_DIGITS or (len(run) > _LONGEST_PLAIN and run.isdigit()) or _FRACTION.fullmatch(run):
        return run
    date = _DATE.match(run)
    kept = date.group() if date else ""
    rest = run[len(kept) :]
    return kept + PHONE if _digit_count(rest) >= _PHONE_DIGITS else run


def mask_personal(text: str) -> str:
    """``text`` with e-mails replaced by ``[email]`` and phone-shaped digit runs by ``[phone]``.

    >>> mask_personal("call +7 (916) 123-45-67 or write to ivan@example.ru, ticket TP-00001, id 12345")
    'call [phone] or write to [email], ticket TP-00001, id 12345'
    """
    return _DIGIT_RUN.sub(_mask_run, _EMAIL.sub(EMAIL, text))
