"""Proof that a new chat belongs to a client on file: a one-time code sent to that client's own chat.

A phone or e-mail typed in a chat is only a claim. The messenger vouches for who writes in each chat,
so a code delivered to the client's chat on file and typed back here proves that both chats are one
person. Codes are short-lived, allow a few attempts, and are rate-limited per requesting chat and per
client on file, so that nobody can guess a code or flood a client with them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from core.engine import CodeCheck
from storage.models import Client, Identity, VerificationCode
from storage.repos import clients, verifications

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5
RATE_WINDOW = timedelta(hours=1)
MAX_CODES_PER_REQUESTER = 3  # codes one chat may ask for per window
MAX_CODES_PER_CLIENT = 3  # codes one client on file may receive per window
_NOT_DIGITS = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class CodeDestination:
    """Where a code for the claim just typed would go: the client on file and one of their chats."""

    client: Client
    chat: Identity


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


async def destination(
    session: AsyncSession, requester: Identity, known: Client, phone: str | None, now: datetime
) -> CodeDestination | None:
    """The chat of ``known`` to send a code to; None when no code may be sent now (limits, no reachable chat)."""
    assert requester.id is not None and known.id is not None
    since = now - RATE_WINDOW
    if (
        await verifications.count_issued(session=session, since=since, requester_id=requester.id)
        >= (MAX_CODES_PER_REQUESTER)
        or await verifications.count_issued(session=session, since=since, client_id=known.id) >= MAX_CODES_PER_CLIENT
    ):
        return None
    chats = [i for i in await clients.identities_of(session=session, client_id=known.id) if not i.unreachable]
    if not chats:
        return None
    # the chat whose phone the messenger vouched for is the best proof; otherwise the one used last
    chats.sort(key=lambda i: (phone is not None and i.phone == phone, i.last_inbound_at or i.created_at))
    return CodeDestination(known, chats[-1])


async def issue(session: AsyncSession, requester: Identity, known: Client, now: datetime) -> str:
    """A new code for ``requester`` to type back, replacing any open one; only its salted hash is stored."""
    assert requester.id is not None and known.id is not None
    await verifications.close_pending(session=session, requester_id=requester.id, status="expired")
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(8)
    session.add(
        VerificationCode(
            requester_id=requester.id,
            client_id=known.id,
            code_hash=_digest(salt, code),
            salt=salt,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    return code


async def check(session: AsyncSession, requester: Identity, typed: str, now: datetime) -> tuple[CodeCheck | None, int]:
    """The verdict on ``typed`` and the client on file it proves (0 unless «ok»); None when it is not a code."""
    assert requester.id is not None
    pending = await verifications.latest_pending(session=session, requester_id=requester.id)
    if pending is None:
        return CodeCheck("expired"), 0
    if pending.expires_at <= now:
        pending.status = "expired"
        return CodeCheck("expired"), 0
    digits = _NOT_DIGITS.sub("", typed)
    if len(digits) != CODE_DIGITS or not digits.isascii() or not digits.isdigit():
        return None, 0
    pending.attempts += 1
    if hmac.compare_digest(_digest(pending.salt, digits), pending.code_hash):
        pending.status = "verified"
        return CodeCheck("ok"), pending.client_id
    left = MAX_ATTEMPTS - pending.attempts
    if left <= 0:
        pending.status = "locked"
        return CodeCheck("locked"), 0
    return CodeCheck("wrong", left), 0
