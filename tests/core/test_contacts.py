"""Several contacts in one answer are taken apart: the phone is the contact, the e-mail is kept beside it."""

from __future__ import annotations

import pytest

from core import validators
from core.validators import Contacts, InvalidAnswer

CASES = [
    ("smirnov@mail.ru, +7 (846) 200-10-20", Contacts("+78462001020", "smirnov@mail.ru")),
    ("+7 (846) 200-10-20, smirnov@mail.ru", Contacts("+78462001020", "smirnov@mail.ru")),
    ("тел. 8 846 200-10-20, почта smirnov@mail.ru.", Contacts("+78462001020", "smirnov@mail.ru")),
    ("Smirnov@Mail.ru; 8(846)2001020", Contacts("+78462001020", "Smirnov@mail.ru")),
    ("звоните 89271234567", Contacts("+79271234567", None)),
    ("+7 846 555-12-34", Contacts("+78465551234", None)),
    ("ivanov@example.ru", Contacts(None, "ivanov@example.ru")),
    ("пишите на ivanov@example.ru", Contacts(None, "ivanov@example.ru")),
    ("ivanov@example, +7 846 555-12-34", Contacts("+78465551234", None)),  # a broken address beside a phone
]


@pytest.mark.parametrize(("typed", "found"), CASES)
def test_every_contact_in_one_answer_is_found(typed: str, found: Contacts) -> None:
    assert validators.contacts(typed) == found


def test_both_contacts_are_kept_the_phone_first() -> None:
    assert validators.phone_or_email("smirnov@mail.ru, +7 (846) 200-10-20") == "+78462001020, smirnov@mail.ru"
    assert validators.phone_or_email("smirnov@mail.ru") == "smirnov@mail.ru"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("12-34", "invalid.phone_or_email"),
        ("+7 999 000", "invalid.phone"),
        ("+7 (000) 000-00-00", "invalid.phone"),
        ("ivanov@", "invalid.email"),
        ("ivanov@mail, 12", "invalid.email"),
        ("звоните вечером", "invalid.phone_or_email"),
        ("8-800-25-00-846", "invalid.support_line"),  # our own line was kept as the client's phone
    ],
)
def test_no_contact_at_all_is_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        validators.contacts(typed)
    assert refused.value.reason == reason


def test_our_line_beside_the_client_s_own_phone_leaves_only_theirs() -> None:
    assert validators.contacts("8-800-25-00-846, 8 927 111-22-33").kept == "+79271112233"
