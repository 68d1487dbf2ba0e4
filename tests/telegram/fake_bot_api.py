"""A Bot API server on a local port: answers what the bot calls, like Telegram would, and records it."""

from __future__ import annotations

from itertools import count
from typing import Any

from tests.fake_api import Call, FakeApi

BOT_ID = 123456
TOKEN = f"{BOT_ID}:TEST-token"
SENDS = ("sendMessage", "sendPhoto", "sendDocument", "copyMessage")
NOT_A_FORUM = {"ok": False, "error_code": 400, "description": "Bad Request: the chat is not a forum"}


def method_of(call: Call) -> str:
    return call.path.rsplit("/", 1)[-1]


class FakeBotApi(FakeApi):
    def __init__(self, *, forum: bool = True) -> None:
        super().__init__(self.answer)
        self.forum = forum
        self.message_ids = count(9001)
        self.thread_ids = count(1042)
        self.files: dict[str, bytes] = {}  # file_id → content, served by getFile and the file download URL
        self.delivered: list[Call] = []  # the sends Telegram accepted (``calls`` also holds the refused ones)
        self.pending_updates: list[dict[str, Any]] = []  # handed out once by getUpdates (long polling)
        self.refusals: dict[tuple[str, int], list[tuple[int, Any]]] = {}

    def fail_in_chat(self, method: str, chat_id: int, status: int, body: Any, *, times: int = 1) -> None:
        """Refuse ``method`` into one chat only (``fail`` refuses it everywhere)."""
        self.refusals.setdefault((method, chat_id), []).extend([(status, body)] * times)

    def answer_slowly(self, method: str, seconds: float, result: Any) -> None:
        """Answer the next call of ``method`` with ``result``, but only after ``seconds`` (Telegram on a bad day)."""
        self.fail(f"/{method}", 200, {"ok": True, "result": result}, delay=seconds)

    def new_topic(self, name: str) -> dict[str, Any]:
        return {"message_thread_id": next(self.thread_ids), "name": name, "icon_color": 7322096}

    def new_message(self, chat_id: int) -> dict[str, Any]:
        return self._message({"chat_id": chat_id})

    # --- answers
    def _message(self, data: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(data["chat_id"])
        message: dict[str, Any] = {
            "message_id": next(self.message_ids),
            "date": 1764000000,
            "chat": {"id": chat_id, "type": "supergroup" if chat_id < 0 else "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "TwinPro"},
        }
        if "message_thread_id" in data:
            message |= {"message_thread_id": int(data["message_thread_id"]), "is_topic_message": True}
        return message

    def answer(self, call: Call) -> tuple[int, Any]:
        if call.path.startswith("/file/"):
            file_id = call.path.rsplit("/", 1)[-1]
            return (200, self.files[file_id]) if file_id in self.files else (404, {"ok": False})
        method, data = method_of(call), call.data
        refusals = self.refusals.get((method, int(data.get("chat_id", 0))))
        if refusals:
            return refusals.pop(0)
        if method in SENDS:
            self.delivered.append(call)
            return 200, {"ok": True, "result": self._message(data)}
        if method == "createForumTopic":
            if not self.forum:
                return 400, NOT_A_FORUM
            return 200, {"ok": True, "result": self.new_topic(data["name"])}
        if method == "getFile":
            file_id = str(data["file_id"])
            size = len(self.files.get(file_id, b""))
            result = {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": size, "file_path": file_id}
            return 200, {"ok": True, "result": result}
        if method == "getUpdates":
            handed, self.pending_updates = self.pending_updates, []
            return 200, {"ok": True, "result": handed}
        if method == "getMe":
            return 200, {"ok": True, "result": {"id": BOT_ID, "is_bot": True, "first_name": "TwinPro"}}
        return 200, {"ok": True, "result": True}

    # --- what was sent
    def sent(self, chat_id: int, *, thread_id: int | None = None) -> list[Call]:
        """Messages the bot got through into a chat (and a topic of it), oldest first."""
        return [
            call
            for call in self.delivered
            if int(call.data["chat_id"]) == chat_id
            and (thread_id is None or int(call.data.get("message_thread_id", 0)) == thread_id)
        ]

    def texts(self, chat_id: int, *, thread_id: int | None = None) -> list[str]:
        return [str(c.data.get("text") or c.data.get("caption") or "") for c in self.sent(chat_id, thread_id=thread_id)]

    def called(self, method: str) -> list[dict[str, Any]]:
        return [call.data for call in self.calls if method_of(call) == method]

    def forget(self) -> None:
        self.calls.clear()
        self.delivered.clear()
