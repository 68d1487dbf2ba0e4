"""Working a ticket from its desk page, through the same ``StaffActions`` as the engineers' group.

Each form carries the page's nonce: it is the action's platform id, so a form sent twice (a double click,
a reload after POST) is done once. The answer to the client goes through the outbox like a reply from the
ticket's topic, so a desk without a Telegram group has an engineers' side all the same.
"""

from __future__ import annotations

from typing import Annotated, Literal

import structlog
from fastapi import APIRouter, Form, HTTPException, Path, Request
from fastapi.responses import RedirectResponse

from core.staff import PRIORITIES, Engineer, Refused
from service.staff_actions import DESK_PREFIX, StaffActions, TicketNotFound
from service.web.desk_auth import NO_NUL, LoggedIn, same_token
from service.web.desk_tickets import NUMBER, engineer_of

log = structlog.get_logger(__name__)
router = APIRouter()

Action = Literal["take", "reply", "note", "close", "reopen", "priority"]
WITH_TEXT = ("reply", "note")


async def _perform(
    staff: StaffActions, action: Action, number: str, engineer: Engineer, text: str, priority: str, platform_id: str
) -> bool:
    if action == "take":
        return await staff.take(number, engineer, platform_id)
    if action == "reply":
        return await staff.reply(number, engineer, text, (), platform_id)
    if action == "note":
        return await staff.note(number, engineer, text, platform_id)
    if action == "close":
        return await staff.close(number, platform_id)
    if action == "reopen":
        return await staff.reopen(number, platform_id)
    if priority not in PRIORITIES:
        raise HTTPException(400, "unknown priority")
    return await staff.set_priority(number, priority, platform_id)


@router.post("/desk/tickets/{number}/{action}")
async def act(
    request: Request,
    me: LoggedIn,
    number: Annotated[str, NUMBER],
    action: Annotated[Action, Path()],
    nonce: Annotated[str, Form(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
    csrf: Annotated[str, Form(max_length=100)] = "",
    text: Annotated[str, Form(max_length=4000, pattern=NO_NUL)] = "",
    priority: Annotated[str, Form(max_length=20)] = "",
) -> RedirectResponse:
    same_token(csrf, me.csrf)
    text = text.strip()
    page = f"/desk/tickets/{number}"
    if action in WITH_TEXT and not text:
        return RedirectResponse(f"{page}?done=empty", status_code=303)
    staff: StaffActions = request.app.state.runtime.staff
    try:
        done = await _perform(staff, action, number, engineer_of(me), text, priority, f"{DESK_PREFIX}{nonce}")
    except TicketNotFound as error:
        raise HTTPException(404, "no such ticket") from error
    except Refused as refusal:  # «staff.closed_no_reply» → the page's «closed_no_reply» flash
        return RedirectResponse(f"{page}?done={refusal.reason.removeprefix('staff.')}#actions", status_code=303)
    log.info("desk_action", ticket=number, action=action, user_id=me.user.id, repeated=not done)
    return RedirectResponse(f"{page}?done={action if done else 'repeated'}#actions", status_code=303)
