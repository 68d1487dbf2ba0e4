"""Real Bot API ``Update`` JSON, as Telegram posts it to the webhook (see ../shared/protocol/telegram.md)."""

from __future__ import annotations

from typing import Any

CLIENT_ID = 700000001
STAFF_CHAT_ID = -1001234567890
ENGINEER = {"id": 555001, "is_bot": False, "first_name": "Алексей", "last_name": "Смирнов"}
STRANGER_CHAT_ID = -1009999999999

PHOTO = {
    "file_id": "AgACAgIAAxkBAAI-photo",
    "file_unique_id": "AQADx",
    "width": 1280,
    "height": 720,
    "file_size": 81234,
}
DOCUMENT = {
    "file_id": "BQACAgIAAxkBAAI-doc",
    "file_unique_id": "AgADy",
    "file_name": "log.txt",
    "mime_type": "text/plain",
    "file_size": 2048,
}


def client_user(user_id: int = CLIENT_ID) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Пётр", "last_name": "Иванов", "language_code": "ru"}


def private_message(update_id: int, user_id: int = CLIENT_ID, **content: Any) -> dict[str, Any]:
    """A client's message in the private chat; ``content`` is text=…, photo=[…], document={…}, contact={…}, …"""
    if str(content.get("text", "")).startswith("/"):
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(content["text"].split()[0])}]
    message = {
        "message_id": update_id % 100000,
        "date": 1764000000,
        "chat": {"id": user_id, "type": "private", "first_name": "Пётр"},
        "from": client_user(user_id),
        **content,
    }
    return {"update_id": update_id, "message": message}


def button(
    update_id: int,
    data: str,
    *,
    chat_id: int = CLIENT_ID,
    user: dict[str, Any] | None = None,
    thread_id: int | None = None,
) -> dict[str, Any]:
    """An inline button pressed under a bot's message in ``chat_id`` (in a forum topic with ``thread_id``)."""
    message: dict[str, Any] = {
        "message_id": 5005,
        "date": 1764000000,
        "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
        "from": {"id": 123456, "is_bot": True, "first_name": "TwinPro"},
        "text": "…",
    }
    if thread_id is not None:
        message |= {"message_thread_id": thread_id, "is_topic_message": True}
    query = {"id": f"cbq-{update_id}", "chat_instance": "-1", "from": user or client_user(), "data": data}
    return {"update_id": update_id, "callback_query": query | {"message": message}}


def group_message(
    update_id: int,
    *,
    thread_id: int | None = None,
    reply_to: int | None = None,
    chat_id: int = STAFF_CHAT_ID,
    user: dict[str, Any] | None = None,
    **content: Any,
) -> dict[str, Any]:
    """An engineer's message in a supergroup: in a forum topic, or as a reply to one of the bot's messages."""
    message: dict[str, Any] = {
        "message_id": update_id % 100000,
        "date": 1764000000,
        "chat": {"id": chat_id, "type": "supergroup", "title": "Инженеры", "is_forum": thread_id is not None},
        "from": user or ENGINEER,
        **content,
    }
    if thread_id is not None:
        message |= {"message_thread_id": thread_id, "is_topic_message": True}
    if reply_to is not None:
        message["reply_to_message"] = {
            "message_id": reply_to,
            "date": 1764000000,
            "chat": message["chat"],
            "from": {"id": 123456, "is_bot": True, "first_name": "TwinPro"},
            "text": "…",
        }
    return {"update_id": update_id, "message": message}
