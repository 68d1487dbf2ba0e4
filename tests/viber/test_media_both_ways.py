"""Pictures and files both ways: a client's picture is kept for the engineers; an engineer's goes out by a link."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bots.files import FileStore
from bots.media import UNAVAILABLE
from core.messages import Attachment
from core.texts import t
from service.staff_actions import Engineer
from tests.messenger_world import PICTURE
from tests.viber.world import CLIENT, ViberWorld

ENGINEER = Engineer("tg-501", "Иван")


async def test_client_picture_is_fetched_into_the_store_and_reaches_the_ticket(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    response = await viber.post(picture(viber))
    assert response.status_code == 200 and viber.api.calls_to("/files/img.jpg") == []  # fetched when processed
    await viber.deliver()

    [notice] = viber.staff_notices("client_message")
    assert notice["ticket"] == number and notice["text"] == "вот ошибка"
    [attachment] = notice["attachments"]
    assert attachment["ref"].startswith("store:") and attachment["file_name"] == "screen.jpg"
    path = FileStore(viber.runtime.settings.files_dir).path(attachment["ref"])
    assert path is not None and path.read_bytes() == PICTURE


def picture(viber: ViberWorld, name: str = "img.jpg") -> dict[str, Any]:
    return viber.message({"type": "picture", "text": "вот ошибка", "media": viber.media_url(name), "thumbnail": "",
                          "file_name": "screen.jpg", "size": len(PICTURE)})  # fmt: skip


def stored_files(viber: ViberWorld) -> list[Path]:
    root = viber.runtime.settings.files_dir
    return sorted(root.iterdir()) if root.exists() else []


async def test_redelivered_picture_is_downloaded_once(viber: ViberWorld) -> None:
    await viber.open_ticket()
    event = picture(viber)
    await viber.send(event)
    await viber.send(event)  # Viber thought the first delivery failed
    assert len(viber.api.calls_to("/files/img.jpg")) == 1
    assert len(stored_files(viber)) == 1
    assert len(viber.staff_notices("client_message")) == 1


async def test_media_host_failing_is_acknowledged_and_the_picture_fetched_when_it_recovers(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    viber.api.fail("/files/img.jpg", 500)
    await viber.send(picture(viber))  # 200: stored, to be processed
    await viber.client_says("и ещё вопрос")  # the chat's next message waits for its turn
    assert viber.staff_notices("client_message") == [] and stored_files(viber) == []

    viber.clock.advance(minutes=1)
    await viber.deliver()
    notices = viber.staff_notices("client_message")
    assert [(n["ticket"], n["text"]) for n in notices] == [(number, "вот ошибка"), (number, "и ещё вопрос")]
    [attachment] = notices[0]["attachments"]
    assert attachment["ref"].startswith("store:") and stored_files(viber)
    assert FileStore(viber.runtime.settings.files_dir).path(attachment["ref"]) == stored_files(viber)[0]


async def test_media_host_down_for_long_lets_the_message_go_on_with_the_remote_link(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    viber.api.fail("/files/img.jpg", 503, times=100)
    await viber.send(picture(viber))
    for _ in range(30):
        viber.clock.advance(minutes=2)
        await viber.deliver()
    [notice] = viber.staff_notices("client_message")
    assert notice["ticket"] == number and notice["attachments"][0]["ref"] == viber.media_url("img.jpg")
    assert stored_files(viber) == []


async def test_media_refused_for_good_keeps_the_remote_link(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    viber.api.fail("/files/gone.pdf", 404)
    document = {"type": "file", "media": viber.media_url("gone.pdf"), "file_name": "log.pdf", "size": 2048}
    await viber.send(viber.message(document))
    [notice] = viber.staff_notices("client_message")
    assert notice["ticket"] == number
    assert notice["attachments"][0]["ref"] == viber.media_url("gone.pdf")


async def test_picture_pointing_at_the_service_itself_is_not_fetched(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    event = picture(viber)
    event["message"]["media"] = "http://127.0.0.1:8000/openapi.json"  # signed, but not a Viber file
    await viber.send(event)
    [notice] = viber.staff_notices("client_message")
    assert notice["ticket"] == number and notice["text"] == "вот ошибка"  # the words still reach the engineers
    assert notice["attachments"][0]["ref"] == UNAVAILABLE and stored_files(viber) == []


async def test_engineer_picture_goes_out_by_a_signed_link_that_expires(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    await viber.engineer_sends_file(number, "Вот схема подключения", PICTURE, "schema.png", "image/png")

    text, picture = viber.sent()[-2:]
    assert text["text"] == "Вот схема подключения" and text["sender"]["name"].startswith("Иван")
    assert picture["type"] == "picture" and picture["media"].startswith("https://support.example.test/media/")
    assert picture["media"].endswith(".png")  # Viber checks the extension

    path = urlsplit(picture["media"]).path
    served = await viber.http.get(path)
    assert served.status_code == 200 and served.content == PICTURE
    assert served.headers["content-type"] == "image/png"

    forged = path.replace(path.split("/")[3], "0" * 64)
    assert (await viber.http.get(forged)).status_code == 404
    viber.clock.advance(hours=25)
    assert (await viber.http.get(path)).status_code == 404


async def test_engineer_document_goes_out_as_a_file(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    ref = FileStore(viber.runtime.settings.files_dir).save(b"log line\n" * 10, file_name="setup.log")
    log = Attachment("document", ref, "text/plain", None, "setup.log")
    await viber.runtime.staff.reply(number, ENGINEER, None, [log], "tg-update-2")
    await viber.deliver()
    [message] = viber.sent()[-1:]
    assert message["type"] == "file" and message["file_name"] == "setup.log" and message["size"] == 90
    assert CLIENT == message["receiver"]


async def test_a_picture_that_never_came_is_asked_again_not_said_to_be_saved(viber: ViberWorld) -> None:
    """Before a ticket the bot said «Файлов сохранено: 1 — приложу их к заявке» of a file it never had."""
    await viber.client_says("Здравствуйте")
    event = picture(viber)
    event["message"]["media"] = "https://evil.example.com/a.jpg"  # signed, but not a Viber file
    await viber.send(event)
    said = "\n".join(viber.texts())
    assert t("intake.file_unavailable", name=" «screen.jpg»") in said
    assert t("files.kept_for_ticket", count=1) not in said
