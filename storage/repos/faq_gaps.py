"""Questions the FAQ did not settle, kept so that staff can see what the knowledge base lacks (`faq gaps`).

A question is kept without personal data: phones and e-mails in any form are masked, and so are the
writer's own names and contacts we know of; the text is then capped. No row points to a client, a chat
or a ticket, so a withdrawal of consent has nothing to erase here and storage/repos/erasure.py
leaves this table alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from core.gap_key import gap_key
from core.scrub import Scrubber
from storage.models import FaqGap

MAX_TEXT = 300  # enough for any question; a pasted log or letter is not one
_NOT_A_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """The wording alone: «Как сбросить  пароль?!» → «как сбросить пароль». The grouping key was this until it
    became the lemmas (core/gap_key.py): rows kept before still hold it."""
    return _NOT_A_WORD.sub(" ", text.casefold().replace("ё", "е")).strip()


def record_gap(
    *,
    session: AsyncSession,
    query: str,
    now: datetime,
    entry_id: str | None = None,
    names: Iterable[str | None] = (),
    phones: Iterable[str | None] = (),
    emails: Iterable[str | None] = (),
) -> None:
    """Keep ``query`` (with ``entry_id``, the entry that did not help), scrubbed of the writer's ``names``,
    ``phones`` and ``emails``, of anything shaped like a phone or an e-mail, and of people's names typed in it
    («меня зовут Сидоров Алексей»: no one's consent covers them here). A query with no words left is not kept."""
    scrub = Scrubber(phones=filter(None, phones), emails=filter(None, emails), names=filter(None, names))
    text = " ".join(scrub.text(query).split())[:MAX_TEXT]  # masked whole before the cut
    key = gap_key(text)  # «не открывается журнал» and «журнал не открывается» are one question
    if key:
        session.add(FaqGap(text=text, key=key, entry_id=entry_id, asked_at=now))


@dataclass(frozen=True)
class Gap:
    """One question, however it was phrased, with how often and how recently it went unsettled."""

    text: str  # one of its phrasings
    count: int
    last_asked: datetime
    entry_id: str | None  # «не помогло»: the entry shown that did not help; None: no answer was found


async def list_gaps(*, session: AsyncSession, limit: int) -> list[Gap]:
    """The ``limit`` most frequent gaps, most recent first among equals."""
    count, last_asked = func.count(FaqGap.id), func.max(FaqGap.asked_at)
    query = (
        select(func.min(FaqGap.text), count, last_asked, FaqGap.entry_id)
        .group_by(FaqGap.key, FaqGap.entry_id)
        .order_by(count.desc(), last_asked.desc(), FaqGap.key)
        .limit(limit)
    )
    return [Gap(*row) for row in await session.exec(query)]
