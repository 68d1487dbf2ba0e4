"""Removing one person's data from free text and JSON: their phones in any format, e-mails and names.

Used when consent is withdrawn: technical texts (a ticket's description, the transcript) stay, but
every trace of the person in them goes. Anything else shaped like a phone or an e-mail goes as well,
since the client may have typed a number we never stored as theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from core.facts import LEGAL_FORMS
from core.pii import mask_personal

REDACTED = "[удалено]"
_SEPARATORS = r"[\s().-]{0,3}"
_NAME_TOKEN = re.compile(r"[^\W\d_]{3,}")
_NATIONAL_DIGITS = 10  # a Russian number without +7/8; shorter foreign numbers keep all their digits
# keys that address or reference something (a chat, a stored file, a button): kept, or delivery breaks
KEPT_KEYS = frozenset({"channel", "chat", "ref", "kind", "mime_type", "payload", "type", "ticket"})


def _phone_pattern(phone: str) -> str | None:
    """A number's digits with any separators between them, with or without its country prefix."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 7:
        return None
    national = digits[-_NATIONAL_DIGITS:]
    return r"(?:\+?\d{1,3}" + _SEPARATORS + r")?" + _SEPARATORS.join(national)


class Scrubber:
    """Replaces the given person's values in texts and in JSON-like data with «[удалено]»."""

    def __init__(self, *, phones: Iterable[str], emails: Iterable[str], names: Iterable[str]) -> None:
        patterns = [p for p in map(_phone_pattern, set(phones)) if p]
        patterns += [re.escape(e) for e in set(emails) if e]
        names = {n.strip() for n in names if n and n.strip()}
        patterns += [re.escape(n) for n in sorted(names, key=len, reverse=True)]  # whole values first
        # «ООО» of «ООО «Зенит»» names no one: cut everywhere, it took «ООО» out of every text, the consent's too
        tokens = {token for name in names for token in _NAME_TOKEN.findall(name) if token.casefold() not in LEGAL_FORMS}
        patterns += [rf"(?<!\w){re.escape(token)}\w*" for token in sorted(tokens, key=len, reverse=True)]
        self._known = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    def text(self, value: str) -> str:
        if self._known is not None:
            value = self._known.sub(REDACTED, value)
        return mask_personal(value)

    def data(self, value: Any) -> Any:
        """The same structure with every string scrubbed, except addresses and references (``KEPT_KEYS``)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: item if key in KEPT_KEYS else self.data(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        return value
