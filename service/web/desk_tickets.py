"""The desk's pages: the register of tickets (filters, search, pages) and one ticket's card and transcript."""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from bots.files import STORE_PREFIX, FileStore
from bots.media import media_type
from bots.telegram_files import telegram_file_id
from core.intake import INTAKE, KINDS
from core.staff import PRIORITIES, STATUSES, Engineer
from core.texts import TEXTS, channel_key, t
from service.channels.media import INLINE_TYPES, SAFE_HEADERS
from service.desk import Desk
from service.staff_actions import DESK_PREFIX
from service.web import templates
from service.web.desk_auth import HOME, NO_NUL, DeskLogin, LoggedIn
from storage.models import Client, Message, Ticket
from storage.repos import desk_tickets, messages, tickets
from storage.repos.desk_tickets import DEADLINE_STATES, TicketFilter

PAGE_SIZE = 25
NUMBER = Path(pattern=r"^[A-Za-z0-9-]{1,40}$")
Choice = Annotated[str | None, Query(max_length=100, pattern=NO_NUL)]
FLASHES = frozenset({"take", "reply", "note", "close", "reopen", "priority", "repeated", "empty"})
# what the ticket's state did not allow (``core.staff.Refused``)
FLASHES |= {"closed_no_reply", "closed_no_take", "already_yours", "already_closed", "not_closed"}

router = APIRouter()


def _desk(request: Request) -> Desk:
    return request.app.state.desk


def engineer_of(me: DeskLogin) -> Engineer:
    """The desk user as the engineer the client is told about."""
    return Engineer(id=f"{DESK_PREFIX}{me.user.id}", name=me.user.login)


def render(request: Request, name: str, me: DeskLogin, **context: Any) -> HTMLResponse:
    """A desk page: the catalogue, the CSRF token for its forms and the desk's time zone come with every one."""
    zone = _desk(request).timezone

    def local(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M") if moment else ""

    base = {"t": t, "me": me.user, "csrf": me.csrf, "local": local, "channel_key": channel_key}
    return templates.TemplateResponse(request, name, {**base, **context})


@router.get("/desk", include_in_schema=False)
async def home() -> RedirectResponse:
    return RedirectResponse(HOME, status_code=303)


@router.get("/desk/tickets", response_class=HTMLResponse)
async def ticket_list(
    request: Request,
    me: LoggedIn,
    status: Choice = None,
    channel: Choice = None,
    kind: Choice = None,
    priority: Choice = None,
    deadline: Choice = None,
    engineer: Choice = None,
    q: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    chosen = TicketFilter(status, channel, kind, priority, deadline, engineer, (q or "").strip() or None)
    desk = _desk(request)
    async with desk.sessions() as session:
        found, total = await desk_tickets.find_tickets(
            session=session, chosen=chosen, now=desk.clock(), offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        names = await desk_tickets.engineers(session=session)
    kept = {key: value for key, value in request.query_params.items() if key != "page" and value}
    pages = max(math.ceil(total / PAGE_SIZE), 1)
    return render(
        request,
        "desk/tickets.html",
        me,
        rows=found,
        total=total,
        page=page,
        pages=pages,
        page_link=lambda number: "?" + urlencode({**kept, "page": number}),
        chosen=chosen,
        options={
            "status": [(s, t(f"status.{s}")) for s in STATUSES],
            "channel": [(c, t(channel_key(c))) for c in _channels()],
            "kind": [(k, t(f"kind.{k}")) for k in KINDS],
            "priority": [(p, t(f"priority.{p}")) for p in PRIORITIES],
            "deadline": [(d, t(f"desk.deadline.{d}")) for d in DEADLINE_STATES],
            "engineer": [(name, name) for name in names],
        },
    )


def _channels() -> list[str]:
    """Every channel that has a name for people."""
    return [key.removeprefix("channel.") for key in TEXTS if key.startswith("channel.")]


@dataclass(frozen=True)
class FieldLine:
    label: str
    value: str


def field_lines(fields: dict[str, Any]) -> list[FieldLine]:
    """Every Appendix 1 answer under its label, in the intake's order, then other labelled facts."""
    keys = [f.key for f in INTAKE if f.key in fields]
    keys += [key for key in fields if key not in keys and f"field.{key}.label" in TEXTS]
    return [FieldLine(t(f"field.{key}.label"), str(fields[key] or t("summary.empty_value"))) for key in keys]


def consent_state(client: Client | None) -> str:
    if client is not None and client.consent_at is not None:
        return t("desk.ticket.consent_given", date=client.consent_at.strftime("%d.%m.%Y"))
    if client is not None and client.anonymized_at is not None:
        return t("desk.ticket.consent_withdrawn", date=client.anonymized_at.strftime("%d.%m.%Y"))
    return t("desk.ticket.consent_none")


def stored_keys(ticket: Ticket, transcript: list[Message]) -> set[str]:
    """Keys of the file store the ticket refers to: only these are served on its page."""
    files = [*ticket.fields.get("attachments", []), *(a for m in transcript for a in m.attachments)]
    return {str(f["ref"]).removeprefix(STORE_PREFIX) for f in files if str(f.get("ref", "")).startswith(STORE_PREFIX)}


def telegram_files(ticket: Ticket, transcript: list[Message]) -> dict[str, dict[str, Any]]:
    """The ticket's files that Telegram keeps, by their file id: fetched from the Bot API when opened."""
    files = [*ticket.fields.get("attachments", []), *(a for m in transcript for a in m.attachments)]
    return {file_id: file for file in files if (file_id := telegram_file_id(str(file.get("ref", ""))))}


@dataclass(frozen=True)
class TicketView:
    ticket: Ticket
    client: Client | None
    transcript: list[Message]
    deadline: str  # one of DEADLINE_STATES


async def _load(desk: Desk, number: str) -> TicketView:
    async with desk.sessions() as session:
        ticket = await tickets.get_ticket(session=session, number=number)
        if ticket is None or ticket.id is None:
            raise HTTPException(404, "no such ticket")
        client = await session.get(Client, ticket.client_id)
        transcript = await messages.ticket_transcript(session=session, ticket_id=ticket.id)
        deadline = await desk_tickets.deadline_state_of(session=session, ticket_id=ticket.id, now=desk.clock())
    return TicketView(ticket, client, transcript, deadline)


@router.get("/desk/tickets/{number}", response_class=HTMLResponse)
async def ticket_page(
    request: Request, me: LoggedIn, number: Annotated[str, NUMBER], done: Choice = None
) -> HTMLResponse:
    view = await _load(_desk(request), number)
    return render(
        request,
        "desk/ticket.html",
        me,
        ticket=view.ticket,
        deadline_state=view.deadline,
        fields=field_lines(view.ticket.fields),
        files=view.ticket.fields.get("attachments", []),
        consent=consent_state(view.client),
        transcript=view.transcript,
        flash=t(f"desk.flash.{done}") if done in FLASHES else None,
        nonce=secrets.token_urlsafe(16),  # one per rendered page: a form sent twice is done once
        priorities=[(p, t(f"priority.{p}")) for p in PRIORITIES],
        store_prefix=STORE_PREFIX,
        telegram_on="telegram" in request.app.state.runtime.channels,
        mine=view.ticket.assignee_id == engineer_of(me).id,  # taken by this desk user: no «Взять»
    )


@router.get("/desk/tickets/{number}/files/{key}")
async def ticket_file(
    request: Request, me: LoggedIn, number: Annotated[str, NUMBER], key: Annotated[str, Path(max_length=100)]
) -> FileResponse:
    """A file of the ticket, to a logged-in user only; images inline, anything else as a download."""
    view = await _load(_desk(request), number)
    path = FileStore(request.app.state.settings.files_dir).path(STORE_PREFIX + key)
    if key not in stored_keys(view.ticket, view.transcript) or path is None:
        raise HTTPException(404, "no such file")
    kind = media_type(path)
    disposition = "inline" if kind in INLINE_TYPES else "attachment"
    return FileResponse(
        path, media_type=kind, filename=path.name, content_disposition_type=disposition, headers=SAFE_HEADERS
    )


@router.get("/desk/tickets/{number}/telegram-files/{file_id}")
async def telegram_file(
    request: Request,
    me: LoggedIn,
    number: Annotated[str, NUMBER],
    file_id: Annotated[str, Path(max_length=200, pattern=r"^[\w-]+$")],
) -> Response:
    """A file the client sent in Telegram, fetched from the Bot API: Telegram keeps it, the service does not."""
    view = await _load(_desk(request), number)
    file = telegram_files(view.ticket, view.transcript).get(file_id)
    channel = request.app.state.runtime.channels.get("telegram")
    if file is None or channel is None:
        raise HTTPException(404, "no such file")
    content = await channel.file_bytes(file_id)
    if content is None:
        raise HTTPException(503, t("desk.ticket.telegram_file_unavailable"))
    kind = str(file.get("mime_type") or "application/octet-stream")
    disposition = "inline" if kind in INLINE_TYPES else "attachment"
    name = quote(str(file.get("file_name") or file_id))
    headers = {**SAFE_HEADERS, "Content-Disposition": f"{disposition}; filename*=UTF-8''{name}"}
    return Response(content, media_type=kind, headers=headers)
