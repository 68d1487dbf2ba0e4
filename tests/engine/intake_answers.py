"""Valid answers for every intake field, so tests can walk a whole intake without repeating it."""

from __future__ import annotations

from typing import Any

from core.events import TicketFieldsAdded
from core.intake import FIELDS_BY_KEY
from tests.fakes import EngineChat

VALID_ANSWERS = {
    "contact": "+7 846 555-12-34",
    "organization": "ООО «Охрана-Сервис»",
    "city": "Самара",
    "contact_name": "Смирнова Анна",
    "product_name": "АПК «Бастион-3»",
    "product_version": "3.1.14.2789",
    "os": "Windows Server 2019 64-бит",
    "antivirus": "Kaspersky Endpoint Security 12",
    "hardware": "Core i5, 16 ГБ",
    "network": "3 ПК в одном коммутаторе",
    "pcs": "3: сервер БД, сервер оборудования, рабочее место",
    "subsystems": "СКУД и ОПС",
    "connection": "USB через преобразователь С2000-ПИ",
    "device_involved": "Нет",
    "key_type": "HASP",
    "key_number": "HS-0123456",
    "expected": "журнал открывается быстро",
    "description": "журнал событий зависает",
    "steps": "1) открыть журнал 2) выбрать месяц",
    "actual": "окно не отвечает",
}


def answer_form(chat: EngineChat, **overrides: str) -> str:
    """A reply to the questions asked in one message, every one answered by its number (files go attached)."""
    keys = enumerate(chat.state.form_keys, start=1)
    return "\n".join(
        f"{n}. {overrides.get(key, VALID_ANSWERS[key])}" for n, key in keys if not FIELDS_BY_KEY[key].files
    )


def walk(chat: EngineChat, until: str, **overrides: str) -> list[str]:
    """Answer every question the bot asks, one by one or in one message, until stage ``until``; the keys asked."""
    asked: list[str] = []
    for _ in range(40):
        if chat.state.stage == "form":
            asked += chat.state.form_keys
            chat.say(answer_form(chat, **overrides))
        elif chat.state.stage == "field":
            key = chat.state.field
            assert key is not None
            asked.append(key)
            chat.say(overrides[key] if key in overrides else VALID_ANSWERS[key])
        else:
            break
    assert chat.state.stage == until, chat.text()
    return asked


def walk_to_summary(chat: EngineChat, **overrides: str) -> list[str]:
    """Answer every question the bot asks until the summary; the keys asked, in order."""
    return walk(chat, "summary", **overrides)


def start_ticket(chat: EngineChat, kind: str, criticality: str | None = "partial") -> None:
    """From the first message to the first intake question of ``kind``."""
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    if not chat.consent:
        chat.press("consent:yes")
    chat.press(f"kind:{kind}")
    if chat.state.stage == "criticality":
        chat.press(f"crit:{criticality}")


def at_summary(kind: str = "problem") -> EngineChat:
    """A new client at the summary of a ``kind`` request, every question answered plainly."""
    chat = EngineChat()
    start_ticket(chat, kind)
    walk_to_summary(chat)
    return chat


def at_field(kind: str, key: str, criticality: str = "question", **chat_options: Any) -> EngineChat:
    """A new client at the question ``key`` of a ``kind`` request, everything before answered plainly."""
    chat = EngineChat(**chat_options)
    start_ticket(chat, kind, criticality)
    return answer_until(chat, key)


def reported_until(report: str, key: str) -> EngineChat:
    """A new client who reports ``report``, agrees, says it works in part, and answers plainly until ``key``."""
    chat = EngineChat()
    chat.say(report)
    chat.press("consent:yes")
    chat.press("crit:partial")
    return answer_until(chat, key)


def answer_until(chat: EngineChat, key: str) -> EngineChat:
    """Plain answers (the optional items in one message) until the intake asks ``key``."""
    for _ in range(30):
        if chat.state.field == key:
            return chat
        if chat.state.stage == "form":
            chat.say(answer_form(chat))
            continue
        assert chat.state.field is not None, chat.text()
        chat.say(VALID_ANSWERS[chat.state.field])
    raise AssertionError(f"never asked {key}")


def reach_ticket(chat: EngineChat, first_message: str, criticality: str = "partial", **overrides: str) -> int:
    """A client who writes ``first_message`` and then takes the quickest way the bot offers to a ticket: buttons
    where there are some (the profile's name, «Пропустить» for the optional items), answers where there are not.
    The number of messages the client sent, buttons included, until the ticket opened."""
    chat.say(first_message)
    for _ in range(40):
        if chat.tickets():
            return chat.messages
        stage, field = chat.state.stage, chat.state.field
        if stage == "consent":
            chat.press("consent:yes")
        elif stage == "kind":
            chat.press("kind:problem")
        elif stage == "criticality":
            chat.press(f"crit:{criticality}")
        elif stage == "returning":
            chat.press("ret:yes")
        elif stage == "form":
            chat.press("nav:skip")
        elif stage == "summary":
            chat.press("sum:send")
        elif field == "contact_name" and chat.profile_name:
            chat.press("opt:contact_name:profile")
        else:
            assert stage == "field" and field is not None, chat.text()
            chat.say(overrides.get(field, VALID_ANSWERS[field]))
    raise AssertionError(f"no ticket after {chat.messages} messages: {chat.text()}")


def ticket_items(chat: EngineChat) -> dict[str, str]:
    """What the chat's one ticket holds by the end: its fields, with the answers added after it opened."""
    [ticket] = chat.tickets()
    fields = dict(ticket.fields)
    for event in chat.events:
        if isinstance(event, TicketFieldsAdded):
            fields.update(event.fields)
    return fields
