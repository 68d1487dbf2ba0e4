"""What every HTTP sender shares: the client with explicit timeouts, length limits, what a failure means."""

from __future__ import annotations

import httpx

from bots.base import DeliveryResult

TIMEOUT = httpx.Timeout(20.0, connect=5.0)


def http_client() -> httpx.AsyncClient:
    """One client per channel, closed with the runtime's resources."""
    return httpx.AsyncClient(timeout=TIMEOUT)


def same_origin(url: str, base: str) -> bool:
    """True when ``url`` has exactly the scheme, host and port of ``base``: where a credential may go.

    A prefix test would hand the secret to ``https://api.twilio.com.evil.tld/…``.
    """
    try:
        given, expected = httpx.URL(url), httpx.URL(base)
    except (httpx.InvalidURL, TypeError):
        return False
    return (given.scheme, given.host, given.port) == (expected.scheme, expected.host, expected.port)


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at paragraph, line or word ends where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        cut = cut if cut > limit // 2 else limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers["Retry-After"])
    except (KeyError, ValueError):
        return None


def unreachable_api(error: httpx.HTTPError) -> DeliveryResult:
    """Network trouble or a timeout: try again later."""
    return DeliveryResult.later(type(error).__name__)


OUR_CREDENTIALS = (401, 403)  # the platform refuses the bot's own token or account: fixed on our side, then sent


def refused(response: httpx.Response) -> DeliveryResult | None:
    """None for a 2xx answer; a retry for 429, 5xx and a refusal of our credentials (a token being rotated, an
    account to be paid: the messages wait for the fix, and become dead letters past the horizon); a final failure
    for any other 4xx (this message or this chat)."""
    if response.is_success:
        return None
    error = f"http {response.status_code}"
    if response.status_code in (429, *OUR_CREDENTIALS) or response.status_code >= 500:
        return DeliveryResult.later(error, _retry_after(response))
    return DeliveryResult.failed(error)
