"""What the desk stores about one client, and how it is told to them (152-FZ, art. 14)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from core import walker
from core.intake import FIELDS_BY_KEY
from core.replies import Reply
from core.texts import channel_key, t

SHOWN_ABOVE = frozenset({"contact", "contact_name"})  # the phone or e-mail and the name have lines of their own


@dataclass(frozen=True)
class StoredData:
    """Everything personal the store holds about one client, gathered by the shell."""

    consent_at: datetime | None = None
    consent_version: str | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    profile: dict[str, str] = field(default_factory=dict)  # remembered answers, offered back next time
    chats: tuple[tuple[str, str | None], ...] = ()  # (channel, profile name) of each messenger used
    tickets: tuple[tuple[str, str], ...] = ()  # (number, status)
    news_since: datetime | None = None  # subscribed to the release news (4.8) since then; None: not subscribed
    withdrawn_at: datetime | None = None  # consent withdrawn then, the person's data erased; None: never withdrawn


DRAFT_VALUE_AT_MOST = 60  # a story in the draft is shown by its beginning


def report(
    data: StoredData | None, timezone: ZoneInfo, *, draft: Mapping[str, str], first_message_kept: bool = False
) -> Reply:
    """The client's data in plain words, with how to withdraw; marked personal so that it is erased too.

    ``draft``: the answers of the request being filled in, not yet in a ticket; ``first_message_kept``: a message
    written before consent, kept until consent is given or refused (then erased, as it is after a day's silence)."""
    if data is not None and data.consent_at is None and data.withdrawn_at is not None:
        numbers = ", ".join(number for number, _ in data.tickets) or t("mydata.no_tickets")
        return Reply(t("mydata.withdrawn", date=_moment(data.withdrawn_at, timezone), tickets=numbers))
    if data is None or data.consent_at is None:
        return Reply(t("mydata.nothing_but_message" if first_message_kept else "mydata.nothing"))
    lines = [
        t(
            "mydata.consent",
            date=_moment(data.consent_at, timezone),
            version=data.consent_version or "",
        )
    ]
    for label, value in (("name", data.name), ("phone", data.phone), ("email", data.email)):
        if value:
            lines.append(f"• {t(f'mydata.{label}')}: {value}")
    for key, value in data.profile.items():
        if value and key in FIELDS_BY_KEY and key not in SHOWN_ABOVE:
            lines.append(f"• {t(f'field.{key}.label')}: {walker.display_value(FIELDS_BY_KEY[key], value)}")
    for channel, profile_name in data.chats:
        suffix = f" ({profile_name})" if profile_name else ""
        lines.append(f"• {t('mydata.chat')}: {t(channel_key(channel))}{suffix}")
    news = t("mydata.news_on", date=_moment(data.news_since, timezone)) if data.news_since else t("mydata.news_off")
    lines.append(f"• {t('mydata.news')}: {news}")
    if data.tickets:
        numbers = ", ".join(f"{number} ({t(f'status.{status}')})" for number, status in data.tickets)
        lines.append(f"• {t('mydata.tickets')}: {numbers}")
    drafted = "; ".join(_draft_item(key, value) for key, value in draft.items() if key in FIELDS_BY_KEY and value)
    if drafted:
        lines.append(f"• {t('mydata.draft')}: {drafted}")
    return Reply(t("mydata.report", lines="\n".join(lines)), personal=True)


def _draft_item(key: str, value: str) -> str:
    shown = walker.display_value(FIELDS_BY_KEY[key], value)
    if len(shown) > DRAFT_VALUE_AT_MOST:
        shown = shown[:DRAFT_VALUE_AT_MOST].rstrip() + "…"
    return f"{t(f'field.{key}.label')}: {shown}"


def _moment(moment: datetime, timezone: ZoneInfo) -> str:
    return moment.astimezone(timezone).strftime("%d.%m.%Y %H:%M")
