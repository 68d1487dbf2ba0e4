"""Admin and public endpoints of CONTRACT.md: health, tickets, dead letters, FAQ search."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from service.desk import Desk
from storage.models import Client, Message, OutboxItem, Ticket
from storage.repos import messages, outbox, tickets

router = APIRouter()

# What a parameter must be to be looked up in the store (PostgreSQL's limits; SQLite has none): a row id is a
# 32-bit integer there, and text holds no NUL. Anything else is a malformed request (400), not a store error.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
NO_NUL = r"^[^\x00]*$"


def get_desk(request: Request) -> Desk:
    return request.app.state.desk


DeskDep = Annotated[Desk, Depends(get_desk)]


def require_admin(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    token = request.app.state.settings.admin_api_token
    if token is None:
        raise HTTPException(503, "admin API is off: set ADMIN_API_TOKEN")
    expected = f"Bearer {token.get_secret_value()}"
    if authorization is None or not secrets.compare_digest(authorization.encode(), expected.encode()):
        raise HTTPException(401, "bad or missing bearer token", headers={"WWW-Authenticate": "Bearer"})


Admin = Depends(require_admin)


def ticket_summary(ticket: Ticket) -> dict[str, Any]:
    fields = {k: v for k, v in ticket.fields.items() if k != "attachments"}
    return {
        "number": ticket.number,
        "status": ticket.status,
        "priority": ticket.priority,
        "kind": ticket.kind,
        "channel": ticket.channel,
        "created_at": ticket.created_at.isoformat(),
        "reaction_due_at": ticket.reaction_due_at.isoformat(),
        "assignee": ticket.assignee,
        "subject": (fields.get("description") or "")[:80],
        "organization": fields.get("organization"),
    }


def message_json(message: Message) -> dict[str, Any]:
    return {
        "direction": message.direction,
        "channel": message.channel,  # the messenger it came from or went to (4.13: one ticket, many channels)
        "author": message.author,
        "text": message.text,
        "attachments": message.attachments,
        "created_at": message.created_at.isoformat(),
    }


def _age(now: datetime, since: datetime | None) -> int:
    return max(int((now - since).total_seconds()), 0) if since is not None else 0


@router.get("/healthz")
async def healthz(request: Request, desk: DeskDep) -> dict[str, Any]:
    """``ok``; ``degraded`` while messages wait too long for a messenger or there are dead letters; 503
    when the store does not answer. One query on the outbox's status index."""
    try:
        async with desk.sessions() as session:
            waiting = await outbox.backlog(session=session)
    except Exception as error:
        raise HTTPException(503, "store unavailable") from error
    now = desk.clock()
    oldest_waiting = _age(now, waiting.oldest_waiting)
    if not waiting.dead and oldest_waiting < request.app.state.settings.degraded_after_minutes * 60:
        return {"status": "ok"}
    return {
        "status": "degraded",
        "undelivered": waiting.waiting + waiting.dead,
        "oldest_s": max(oldest_waiting, _age(now, waiting.oldest_dead)),
        "dead_letters": waiting.dead,
    }


def dead_letter_json(item: OutboxItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "channel": item.channel,
        "queue": item.queue,
        "type": item.payload.get("type", "message"),
        "ticket": item.payload.get("ticket"),
        "attempts": item.attempts,
        "error": item.last_error,
        "created_at": item.created_at.isoformat(),
        "replayed_at": item.replayed_at.isoformat() if item.replayed_at else None,
    }


@router.get("/api/dead-letters", dependencies=[Admin])
async def list_dead_letters(desk: DeskDep, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[dict[str, Any]]:
    """Messages still undelivered at the end of their retry horizon, oldest first."""
    async with desk.sessions() as session:
        found = await outbox.dead_letters(session=session, limit=limit)
    return [dead_letter_json(item) for item in found]


@router.post("/api/dead-letters/{item_id}/retry", dependencies=[Admin], status_code=202)
async def retry_dead_letter(item_id: RowId, desk: DeskDep) -> dict[str, Any]:
    """Deliver a dead letter again, once: it goes back to its queue; a second call finds it no longer dead (409)."""
    async with desk.transaction() as session:
        if not await outbox.replay_dead(session=session, now=desk.clock(), item_id=item_id):
            if await session.get(OutboxItem, item_id) is None:
                raise HTTPException(404, "no such message")
            raise HTTPException(409, "not a dead letter (replayed already?)")
    return {"id": item_id, "status": "pending"}


@router.get("/api/tickets", dependencies=[Admin])
async def list_tickets(
    desk: DeskDep,
    status: Annotated[str | None, Query(pattern=NO_NUL)] = None,
    channel: Annotated[str | None, Query(pattern=NO_NUL)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    async with desk.sessions() as session:
        found = await tickets.list_tickets(session=session, status=status, channel=channel, limit=limit)
    return [ticket_summary(t) for t in found]


@router.get("/api/tickets/{number}", dependencies=[Admin])
async def get_ticket(number: Annotated[str, Path(pattern=NO_NUL)], desk: DeskDep) -> dict[str, Any]:
    async with desk.sessions() as session:
        ticket = await tickets.get_ticket(session=session, number=number)
        if ticket is None:
            raise HTTPException(404, "no such ticket")
        client = await session.get(Client, ticket.client_id)
        transcript = await messages.ticket_transcript(session=session, ticket_id=ticket.id or 0)
    return {
        **ticket_summary(ticket),
        "fields": {k: v for k, v in ticket.fields.items() if k != "attachments"},
        "attachments": ticket.fields.get("attachments", []),
        "rating": ticket.rating,
        "rating_comment": ticket.rating_comment,
        "closed_at": ticket.closed_at.isoformat() if ticket.closed_at else None,
        "client": {
            "id": ticket.client_id,
            "name": client.name if client else None,
            "phone": client.phone if client else None,
            "email": client.email if client else None,
            "consent": bool(client and client.consent_at),
        },
        "messages": [message_json(m) for m in transcript],
    }


@router.get("/api/faq/search")
async def faq_search(
    request: Request, q: Annotated[str, Query(max_length=1000)] = "", limit: Annotated[int, Query(ge=1, le=20)] = 3
) -> dict[str, Any]:
    return request.app.state.faq.search(q, limit=limit).to_json()


class AnnouncementRequest(BaseModel):
    id: Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
    text: Annotated[str, Field(min_length=1, max_length=4000, pattern=NO_NUL)]


@router.post("/api/announcements", dependencies=[Admin], status_code=202)
async def announce(body: AnnouncementRequest, request: Request) -> dict[str, Any]:
    """A release announcement to every subscribed client (4.8), once per id: a repeated id sends nothing more."""
    if not body.text.strip():
        raise HTTPException(400, "the announcement has no text")
    created = await request.app.state.runtime.announcements.create(body.id, body.text.strip(), author="api")
    return {"id": created.id, "recipients": created.recipients, "created": created.created}


@router.get("/api/announcements/{announcement_id}", dependencies=[Admin])
async def announcement_counts(
    announcement_id: Annotated[str, Path(max_length=200, pattern=NO_NUL)], request: Request
) -> dict[str, Any]:
    """How an announcement's copies stand: delivered, failed for good, still on their way."""
    found = await request.app.state.runtime.announcements.counts(announcement_id)
    if found is None:
        raise HTTPException(404, "no such announcement")
    row, counts = found
    return {
        "id": row.id,
        "recipients": counts.recipients,
        "delivered": counts.delivered,
        "failed": counts.failed,
        "waiting": counts.waiting,
        "done": counts.done,
        "created_at": row.created_at.isoformat(),
        "reported_at": row.reported_at.isoformat() if row.reported_at else None,
    }
