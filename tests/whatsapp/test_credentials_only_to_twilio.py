"""The Twilio account's credentials go only to the exact origin of TWILIO_API_BASE, never to a look-alike host."""

from __future__ import annotations

import pytest

from bots.delivery import same_origin

BASE = "https://api.twilio.com"


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", True),
        ("https://api.twilio.com:443/2010-04-01/x", True),
        ("https://api.twilio.com.evil.tld/2010-04-01/x", False),
        ("https://evil.tld/https://api.twilio.com/x", False),
        ("http://api.twilio.com/2010-04-01/x", False),
        ("https://api.twilio.com:8443/x", False),
        ("https://user@evil.tld/api.twilio.com", False),
        ("not a url at all", False),
    ],
)
def test_credentials_follow_only_the_exact_origin(url: str, allowed: bool) -> None:
    assert same_origin(url, BASE) is allowed
