"""Drive the web desk as a person in a browser would: log in through the form, post the page's own forms."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import httpx

from service.cli import save_desk_user
from service.runtime import Runtime
from service.settings import Settings
from service.web.desk_auth import hash_password
from storage.models import Client, Conversation, Ticket
from storage.repos.tickets import create_ticket

LOGIN = "anna"
PASSWORD = "долгий-пароль-2026"


async def add_user(settings: Settings, login: str = LOGIN, password: str = PASSWORD) -> None:
    await save_desk_user(settings, login, hash_password(password))


def form_value(page: str, name: str, ending: str = "") -> str:
    """The value of the hidden input ``name`` on ``page`` (the one ending with ``ending``, for a nonce)."""
    found = re.search(rf'name="{name}" value="([^"]*{re.escape(ending)})"', page)
    assert found is not None, f"no {name} field on the page"
    return html.unescape(found.group(1))


async def log_in(
    http: httpx.AsyncClient, login: str = LOGIN, password: str = PASSWORD, next_path: str | None = None
) -> httpx.Response:
    """Open the login page and send its form, as typed."""
    page = await http.get("/desk/login", params={"next": next_path} if next_path else None)
    data = {"login": login, "password": password, "csrf": form_value(page.text, "csrf")}
    data["next"] = form_value(page.text, "next")
    return await http.post("/desk/login", data=data)


async def act(http: httpx.AsyncClient, number: str, action: str, **fields: str) -> httpx.Response:
    """Press a button of the ticket's page: its form, with the page's CSRF token and nonce."""
    page = (await http.get(f"/desk/tickets/{number}")).text
    data = {"csrf": form_value(page, "csrf"), "nonce": form_value(page, "nonce", f"-{action}"), **fields}
    return await http.post(f"/desk/tickets/{number}/{action}", data=data)


async def seed_ticket(runtime: Runtime, chat: str, *, age: timedelta = timedelta(0), **values: Any) -> str:
    """A ticket written straight to the store (as the desk would have opened it ``age`` ago); its number."""
    now = runtime.desk.clock() - age
    fields, channel = values.pop("fields", {}), values.pop("channel", "console")
    async with runtime.desk.transaction() as session:
        client = Client(created_at=now)
        session.add(client)
        await session.flush()
        assert client.id is not None
        conversation = Conversation(channel=channel, chat=chat, client_id=client.id)
        session.add(conversation)
        await session.flush()
        assert conversation.id is not None
        ticket = Ticket(
            client_id=client.id,
            conversation_id=conversation.id,
            channel=channel,
            chat=chat,
            fields={"organization": "ООО «Север»", "description": "Вопрос", **fields},
            created_at=now,
            reaction_due_at=now + timedelta(hours=4),
            **{"kind": "consultation", "priority": "normal", **values},
        )
        await create_ticket(session=session, ticket=ticket)
        assert ticket.number is not None
        return ticket.number
