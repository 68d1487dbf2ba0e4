"""Who is filling in the form: a Telegram Mini App's signed ``initData``, or a single-use link's token.

Telegram signs ``initData`` with a key derived from the bot token
(https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app); a link for Viber or
WhatsApp carries a random token of which the store keeps only the SHA-256 (storage/repos/form_links.py).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode

INIT_DATA_MAX_AGE = timedelta(hours=1)
LINK_LIFETIME = timedelta(hours=24)
TELEGRAM_PATH = "/form/tg"  # the Mini App's page: the client is who Telegram signs for, no token in the URL


@dataclass(frozen=True)
class FormChat:
    """The chat the form speaks for: its ticket is that chat's, its confirmation goes there."""

    channel: str
    chat: str
    profile_name: str | None = None


def new_token() -> str:
    """A link's secret: unguessable, safe in a URL path."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/form/{token}"


def telegram_url(base_url: str) -> str:
    return base_url.rstrip("/") + TELEGRAM_PATH


def telegram_chat(init_data: str, bot_token: str, now: datetime) -> FormChat | None:
    """The Telegram user ``init_data`` was signed for, or None when forged, for another bot, or too old."""
    try:
        pairs = dict(parse_qsl(init_data, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        return None
    received = pairs.pop("hash", "")
    if not received or not hmac.compare_digest(_signature(pairs, bot_token), received):
        return None
    try:
        signed_at = int(pairs["auth_date"])
        user = json.loads(pairs["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError):
        return None
    age = now.timestamp() - signed_at
    if not 0 <= age <= INIT_DATA_MAX_AGE.total_seconds():
        return None
    name = " ".join(str(user.get(part, "")) for part in ("first_name", "last_name")).strip()
    return FormChat("telegram", str(user_id), name or None)


def _signature(fields: dict[str, str], bot_token: str) -> str:
    """The hex HMAC of the sorted ``key=value`` lines, keyed by HMAC_SHA256("WebAppData", bot token)."""
    check_string = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, check_string.encode(), hashlib.sha256).hexdigest()


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """``initData`` as Telegram signs it for ``bot_token`` (the tests play Telegram with it)."""
    return urlencode({**fields, "hash": _signature(fields, bot_token)})
