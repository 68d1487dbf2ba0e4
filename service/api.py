"""Admin and public read endpoints of CONTRACT.md: health, tickets, FAQ search."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from sqlalchemy import text

from service.desk import Desk
from storage.models import Client, Message, Ticket
from storage.repos import messages, tickets

router = APIRouter()


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
        "author": message.author,
        "text": message.text,
        "attachments": message.attachments,
        "created_at": message.created_at.isoformat(),
    }


@router.get("/healthz")
async def healthz(desk: DeskDep) -> dict[str, str]:
    try:
        async with desk.sessions() as session:
            await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except Exception as error:
        raise HTTPException(503, "store unavailable") from error
    return {"status": "ok"}


@router.get("/api/tickets", dependencies=[Admin])
async def list_tickets(
    desk: DeskDep,
    status: str | None = None,
    channel: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    async with desk.sessions() as session:
        found = await tickets.list_tickets(session=session, status=status, channel=channel, limit=limit)
    return [ticket_summary(t) for t in found]


@router.get("/api/tickets/{number}", dependencies=[Admin])
async def get_ticket(number: str, desk: DeskDep) -> dict[str, Any]:
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
