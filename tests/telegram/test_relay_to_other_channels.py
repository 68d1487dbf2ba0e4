"""An engineer's file from a Telegram topic reaches a client on another messenger as a file kept by the service."""

from __future__ import annotations

from bots.files import FileStore
from core.texts import t
from tests.store.dialogue import DeskChat
from tests.telegram import updates
from tests.telegram.world import TelegramWorld


async def test_engineer_document_is_downloaded_and_sent_from_the_file_store(telegram: TelegramWorld) -> None:
    client = DeskChat(telegram.runtime, channel="console")
    number = await client.open_ticket()
    await telegram.deliver()
    thread_id = await telegram.topic_of(number)
    telegram.bot_api.files[updates.DOCUMENT["file_id"]] = b"2026-11-25 11:00 driver v2.1 loaded"

    await telegram.engineer_says(thread_id=thread_id, document=updates.DOCUMENT, caption="Лог драйвера")

    [reply] = client.outbox.take()
    assert reply.text == "Лог драйвера" and reply.extras["author"] == "Алексей"
    [document] = reply.attachments
    path = FileStore(telegram.runtime.settings.files_dir).path(document.ref)
    assert path is not None and path.read_bytes() == b"2026-11-25 11:00 driver v2.1 loaded"
    assert (document.file_name, document.mime_type) == ("log.txt", "text/plain")


async def test_a_file_telegram_will_not_give_is_reported_to_the_engineer(telegram: TelegramWorld) -> None:
    client = DeskChat(telegram.runtime, channel="console")
    number = await client.open_ticket()
    await telegram.deliver()
    thread_id = await telegram.topic_of(number)
    telegram.bot_api.fail(
        "/getFile", 400, {"ok": False, "error_code": 400, "description": "Bad Request: file is too big"}
    )

    await telegram.engineer_says(thread_id=thread_id, document=updates.DOCUMENT)

    assert client.outbox.take() == []
    assert telegram.group_texts(thread_id)[-2:] == [
        t("telegram.file_unavailable", name="log.txt"),
        t("staff.not_relayed"),
    ]
