"""EMAIL_IMAP_URL, EMAIL_SMTP_URL and EMAIL_FROM as connection parameters."""

from __future__ import annotations

import pytest

from bots.email_settings import ImapServer, SmtpServer, email_settings, parse_imap_url, parse_smtp_url


def test_imap_url_with_an_address_as_user_and_an_encoded_password() -> None:
    server = parse_imap_url("imaps://help@twinpro.ru:p%40ss%2Fw0rd@mail.twinpro.ru/Support%20Inbox")
    assert server == ImapServer("mail.twinpro.ru", 993, "help@twinpro.ru", "p@ss/w0rd", "Support Inbox", tls=True)
    assert "p@ss" not in repr(server)


def test_imap_url_defaults_to_port_143_and_the_inbox() -> None:
    assert parse_imap_url("imap://help:secret@127.0.0.1") == ImapServer("127.0.0.1", 143, "help", "secret", "INBOX")
    assert parse_imap_url("imap://help:secret@127.0.0.1:1143/").port == 1143


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://127.0.0.1:2525", SmtpServer("127.0.0.1", 2525)),
        (
            "smtps://help%40twinpro.ru:secret@smtp.twinpro.ru",
            SmtpServer("smtp.twinpro.ru", 465, "help@twinpro.ru", "secret", tls=True),
        ),
        ("smtp://u:p@smtp.twinpro.ru:587?starttls=1", SmtpServer("smtp.twinpro.ru", 587, "u", "p", starttls=True)),
        ("smtp://smtp.twinpro.ru?starttls=0", SmtpServer("smtp.twinpro.ru", 25)),
    ],
)
def test_smtp_urls(url: str, expected: SmtpServer) -> None:
    assert parse_smtp_url(url) == expected


@pytest.mark.parametrize(
    "url",
    ["http://help:secret@host/INBOX", "imap://host/INBOX", "imap://help@host", "imap://help:secret@host:99999"],
)
def test_unusable_imap_urls_are_refused_without_repeating_the_password(url: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_imap_url(url)
    assert "secret" not in str(refused.value)


def test_smtps_with_starttls_is_a_contradiction() -> None:
    with pytest.raises(ValueError):
        parse_smtp_url("smtps://host?starttls=1")


def test_the_channel_is_off_without_an_imap_url_and_complete_with_all_three() -> None:
    assert email_settings(None, "smtp://host", "help@twinpro.ru") is None
    settings = email_settings("imap://help:pw@host/INBOX", "smtp://host:25", "ТвинПро Поддержка <Help@TwinPro.ru>")
    assert settings is not None
    assert settings.address == "help@twinpro.ru"
    assert settings.domain == "twinpro.ru"
    assert settings.sender == "ТвинПро Поддержка <Help@TwinPro.ru>"


@pytest.mark.parametrize(("smtp", "sender"), [(None, "help@twinpro.ru"), ("smtp://host", None), ("smtp://h", "nobody")])
def test_an_incomplete_channel_fails_at_start(smtp: str | None, sender: str | None) -> None:
    with pytest.raises(ValueError):
        email_settings("imap://help:pw@host/INBOX", smtp, sender)
