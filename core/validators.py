"""Parsers for intake answers: each takes the client's text and returns the value to keep,
or raises :class:`InvalidAnswer` with the catalogue key of the reason."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

SHORT_LIMIT = 500
LONG_LIMIT = 3000

_HAS_WORD = re.compile(r"[\w]", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_DIGIT = re.compile(r"\d")
_BITNESS = re.compile(r"(?<!\d)(32|64)(?!\d)|x86|x64|amd64|arm64|i386|i686", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


class InvalidAnswer(ValueError):
    """The answer cannot be accepted; ``reason`` is a text catalogue key, ``values`` fill it."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


def _clean(text: str, limit: int) -> str:
    value = " ".join(text.split()) if limit == SHORT_LIMIT else text.strip()
    if not value:
        raise InvalidAnswer("invalid.empty")
    if not _HAS_WORD.search(value):
        raise InvalidAnswer("invalid.no_letters")
    if len(value) > limit:
        raise InvalidAnswer("invalid.too_long", limit=limit)
    return value


def short_text(text: str) -> str:
    return _clean(text, SHORT_LIMIT)


def long_text(text: str) -> str:
    return _clean(text, LONG_LIMIT)


def person_name(text: str) -> str:
    value = short_text(text)
    if _DIGIT.search(value) or len(_LETTERS.findall(value)) < 2:
        raise InvalidAnswer("invalid.name")
    return value


def version(text: str) -> str:
    value = short_text(text)
    if not _DIGIT.search(value):
        raise InvalidAnswer("invalid.version")
    return value


def operating_system(text: str) -> str:
    value = short_text(text)
    if not _BITNESS.search(value):
        raise InvalidAnswer("invalid.os_bitness")
    return value


def count_with_roles(text: str) -> str:
    value = short_text(text)
    if not _DIGIT.search(value):
        raise InvalidAnswer("invalid.number")
    return value


def production_date(text: str) -> str:
    value = short_text(text)
    if not _YEAR.search(value):
        raise InvalidAnswer("invalid.year")
    return value


def phone(text: str) -> str:
    """A phone number in E.164; Russian numbers may be written the Russian way (8 …)."""
    raw = text.strip()
    try:
        number = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException as error:
        raise InvalidAnswer("invalid.phone") from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidAnswer("invalid.phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(text: str) -> str:
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidAnswer("invalid.email") from error


def phone_or_email(text: str) -> str:
    value = short_text(text)
    if "@" in value:
        return email(value)
    if len(_DIGIT.findall(value)) < 6:
        raise InvalidAnswer("invalid.phone_or_email")
    return phone(value)
