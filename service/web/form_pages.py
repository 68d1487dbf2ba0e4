"""The client's intake form: ``/form/tg`` as a Telegram Mini App, ``/form/{token}`` from a Viber or WhatsApp link.

The page is built from core/intake.py (service/web/form_model.py); the ticket is opened by the desk's own submit
step (``Desk.submit_form``), and its confirmation goes to the client's messenger through the outbox.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.datastructures import FormData, UploadFile

from core import walker
from core.intake import MAX_FILE_BYTES, REMEMBERED_KEYS
from core.messages import Attachment
from core.state import ConversationState
from core.texts import PRIVACY_POLICY_URL, t
from service.desk import Desk
from service.runtime import Runtime
from service.web import form_links, templates
from service.web.form_links import FormChat
from service.web.form_model import (
    CONSENT,
    CRITICALITY,
    SubmittedForm,
    asks_criticality,
    check,
    consent_event,
    criticality_titles,
    file_limit_mb,
    form_fields,
    kind_titles,
)
from storage.models import Client
from storage.repos import clients, conversations
from storage.repos import form_links as stored_links

TOKEN = Path(pattern=r"^[A-Za-z0-9_-]{20,64}$")
Claim = Callable[[AsyncSession], Awaitable[bool]]

router = APIRouter()


def _desk(request: Request) -> Desk:
    return request.app.state.desk


def refused(request: Request, reason: str, status: int) -> HTMLResponse:
    """A clear page instead of the form: a used or expired link (410), a forged one or forged initData (403)."""
    context = {"t": t, "reason": t(f"webform.{reason}")}
    return templates.TemplateResponse(request, "form/refused.html", context, status_code=status)


# --- Telegram Mini App
@router.get("/form/tg", response_class=HTMLResponse)
async def telegram_page(request: Request) -> HTMLResponse:
    """Telegram hands ``initData`` to the page's script only: the script posts it back, the server checks it."""
    return templates.TemplateResponse(request, "form/telegram.html", {"t": t, "action": form_links.TELEGRAM_PATH})


@router.post("/form/tg", response_class=HTMLResponse)
async def telegram_form(request: Request) -> HTMLResponse:
    data = await request.form()
    token = request.app.state.settings.telegram_bot_token
    init_data = str(data.get("init_data", ""))
    chat = form_links.telegram_chat(init_data, token.get_secret_value(), _desk(request).clock()) if token else None
    if chat is None:
        return refused(request, "telegram_forged", 403)
    return await _form(request, chat, data, form_links.TELEGRAM_PATH, {"init_data": init_data}, _no_claim)


async def _no_claim(session: AsyncSession) -> bool:
    return True  # a Mini App's form is Telegram's word for who sends it: no link to use up


# --- a link sent to a Viber or WhatsApp chat
@router.get("/form/{token}", response_class=HTMLResponse)
async def link_page(request: Request, token: str = TOKEN) -> HTMLResponse:
    return await _by_link(request, token, None)


@router.post("/form/{token}", response_class=HTMLResponse)
async def link_form(request: Request, token: str = TOKEN) -> HTMLResponse:
    return await _by_link(request, token, await request.form())


async def _by_link(request: Request, token: str, data: FormData | None) -> HTMLResponse:
    desk, digest = _desk(request), form_links.token_hash(token)
    async with desk.sessions() as session:
        link = await stored_links.find_link(session=session, token_hash=digest)
    if link is None:
        return refused(request, "link_forged", 403)
    if link.used_at is not None:
        return refused(request, "link_used", 410)
    now = desk.clock()
    if link.expires_at <= now:
        return refused(request, "link_expired", 410)

    async def claim(session: AsyncSession) -> bool:
        return await stored_links.claim_link(session=session, token_hash=digest, now=desk.clock())

    chat = FormChat(link.channel, link.chat)
    return await _form(request, chat, data or FormData(), f"/form/{token}", {}, claim)


# --- the form itself
async def _form(
    request: Request, chat: FormChat, data: FormData, action: str, hidden: dict[str, str], claim: Claim
) -> HTMLResponse:
    """Show the form (prefilled), or take it: errors next to their fields, else the ticket through the desk."""
    desk = _desk(request)
    state, on_file, consent_given = await _known(desk, chat)
    values = {**on_file, **state.answers, **_typed(data)}
    kind = values.get("kind") or request.query_params.get("kind") or state.kind
    kind = kind if kind in dict(kind_titles()) else None
    if kind is None or data.get("step") != "submit":
        return _page(request, action, hidden, kind, values, {}, consent_given)
    checked = check(kind, values, consent_needed=not consent_given)
    attachments = await _kept_files(request, data, checked.errors)
    if checked.errors:
        return _page(request, action, hidden, kind, values, checked.errors, consent_given, status=422)
    assert checked.priority is not None
    submitted = SubmittedForm(
        chat, kind, checked.priority, checked.answers, attachments, None if consent_given else consent_event()
    )
    if await desk.submit_form(submitted, claim) is None:
        return refused(request, "link_used", 410)
    return templates.TemplateResponse(request, "form/sent.html", {"t": t})


def _typed(data: FormData) -> dict[str, str]:
    return {key: value.strip() for key, value in data.items() if isinstance(value, str) and key != "init_data"}


async def _known(desk: Desk, chat: FormChat) -> tuple[ConversationState, dict[str, str], bool]:
    """The chat's draft, the client's own data on file, and whether they have consented."""
    async with desk.sessions() as session:
        conversation = await conversations.find_conversation(session=session, channel=chat.channel, chat=chat.chat)
        identity = await clients.get_identity(session=session, channel=chat.channel, sender=chat.chat)
        client = await session.get(Client, identity.client_id) if identity is not None else None
    state = ConversationState.from_dict(conversation.state if conversation else None)
    profile = dict(client.profile or {}) if client is not None else {}
    on_file = {key: profile[key] for key in REMEMBERED_KEYS if profile.get(key)}
    if chat.profile_name and "contact_name" not in on_file:
        on_file["contact_name"] = chat.profile_name
    return state, on_file, client is not None and client.consent_at is not None


async def _kept_files(request: Request, data: FormData, errors: dict[str, str]) -> list[dict[str, Any]]:
    """The files attached, kept in the service's file store; what cannot be taken is an error of the files field."""
    uploads = [item for item in data.getlist("files") if isinstance(item, UploadFile) and item.filename]
    kept: list[dict[str, Any]] = []
    refusals: list[str] = []
    for upload in uploads:
        content = await upload.read(MAX_FILE_BYTES + 1)
        mime = upload.content_type or None
        attachment = Attachment(
            kind="image" if (mime or "").startswith("image/") else "document",
            ref=upload.filename or "",
            mime_type=mime,
            size=len(content),
            file_name=upload.filename,
        )
        refusal = walker.check_attachment(attachment)
        if refusal:
            refusals.append(refusal)
            continue
        if errors:
            continue  # the form goes back to the client: nothing is kept until it can be sent
        runtime: Runtime = request.app.state.runtime
        ref = await asyncio.to_thread(runtime.files.save, content, file_name=upload.filename, mime_type=mime)
        kept.append({**attachment.to_dict(), "ref": ref})
    if refusals:
        errors["screenshots"] = " ".join(refusals)
    return kept


def _page(
    request: Request,
    action: str,
    hidden: dict[str, str],
    kind: str | None,
    values: dict[str, str],
    errors: dict[str, str],
    consent_given: bool,
    status: int = 200,
) -> HTMLResponse:
    context = {
        "t": t,
        "action": action,
        "hidden": hidden,
        "kind": kind,
        "kinds": kind_titles(),
        "criticalities": criticality_titles() if kind and asks_criticality(kind) else [],
        "fields": form_fields(kind) if kind else [],
        "values": values,
        "errors": errors,
        "consent_needed": not consent_given,
        "consent_text": t("consent.request", policy_url=PRIVACY_POLICY_URL),
        "limit_mb": file_limit_mb(),
        "CRITICALITY": CRITICALITY,
        "CONSENT": CONSENT,
    }
    return templates.TemplateResponse(request, "form/page.html", context, status_code=status)
