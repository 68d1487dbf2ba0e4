"""Media both ways: a client's photo is fetched with the account's credentials; an engineer's goes by a link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from bots.files import FileStore
from core.messages import Attachment
from service.staff_actions import Engineer
from tests.messenger_world import PICTURE
from tests.whatsapp.world import WhatsAppWorld


def photo(whatsapp: WhatsAppWorld, *media: int) -> dict[str, str]:
    urls = {f"MediaUrl{i}": whatsapp.media_url(n) for i, n in enumerate(media)}
    types = {f"MediaContentType{i}": "image/jpeg" for i in range(len(media))}
    return whatsapp.message("ошибка на экране", NumMedia=str(len(media)), MessageType="image", **urls, **types)


def stored_files(whatsapp: WhatsAppWorld) -> list[Path]:
    root = whatsapp.runtime.settings.files_dir
    return sorted(root.iterdir()) if root.exists() else []


async def test_client_photo_is_fetched_with_basic_auth_into_the_store(whatsapp: WhatsAppWorld) -> None:
    number = await whatsapp.open_ticket()
    response = await whatsapp.post(photo(whatsapp, 1))
    assert response.status_code == 200 and whatsapp.api.calls_to("/Media/ME1") == []  # fetched when processed
    await whatsapp.deliver()

    [fetch] = whatsapp.api.calls_to("/Media/ME1")
    assert fetch.headers["Authorization"].startswith("Basic ")
    [notice] = whatsapp.staff_notices("client_message")
    assert notice["ticket"] == number and notice["text"] == "ошибка на экране"
    [attachment] = notice["attachments"]
    path = FileStore(whatsapp.runtime.settings.files_dir).path(attachment["ref"])
    assert path is not None and path.read_bytes() == PICTURE


async def test_redelivered_media_message_is_downloaded_once(whatsapp: WhatsAppWorld) -> None:
    await whatsapp.open_ticket()
    params = photo(whatsapp, 1)
    await whatsapp.send(params)
    await whatsapp.send(params)  # Twilio retried
    assert len(whatsapp.api.calls_to("/Media/ME1")) == 1
    assert len(stored_files(whatsapp)) == 1
    assert len(whatsapp.staff_notices("client_message")) == 1


async def test_media_host_failing_is_acknowledged_and_the_photos_fetched_when_it_recovers(
    whatsapp: WhatsAppWorld,
) -> None:
    number = await whatsapp.open_ticket()
    whatsapp.api.fail("/Media/ME2", 500)
    await whatsapp.send(photo(whatsapp, 1, 2))  # 200: stored; the first photo came, the second did not
    assert whatsapp.staff_notices("client_message") == [] and stored_files(whatsapp) == []  # nothing half-kept

    whatsapp.clock.advance(minutes=1)
    await whatsapp.deliver()
    [notice] = whatsapp.staff_notices("client_message")
    assert notice["ticket"] == number and len(notice["attachments"]) == 2
    store = FileStore(whatsapp.runtime.settings.files_dir)
    assert sorted(store.path(a["ref"]) for a in notice["attachments"]) == stored_files(whatsapp)  # type: ignore[type-var]


async def test_a_media_host_down_holds_the_chat_a_minute_at_most_then_the_message_goes_on_with_the_link(
    whatsapp: WhatsAppWorld,
) -> None:
    """The chat's later messages wait behind the one with the file: they waited ten minutes, the client unanswered."""
    number = await whatsapp.open_ticket()
    whatsapp.api.fail("/Media/ME3", 500, times=100)
    await whatsapp.send(photo(whatsapp, 3))
    await whatsapp.send(whatsapp.message("Алло, вы здесь?"))
    assert whatsapp.staff_notices("client_message") == []  # both wait for the file host
    for _ in range(8):  # each retry's backoff, well within the minute's patience and one try past it
        whatsapp.clock.advance(seconds=30)
        await whatsapp.deliver()
    notices = whatsapp.staff_notices("client_message")
    assert [n["ticket"] for n in notices] == [number, number]
    assert notices[0]["attachments"] and notices[1]["text"] == "Алло, вы здесь?"
    assert stored_files(whatsapp) == []  # the photo goes as its link: nothing was fetched


async def test_engineer_picture_is_sent_by_a_signed_link_with_the_name_in_bold(whatsapp: WhatsAppWorld) -> None:
    number = await whatsapp.open_ticket()
    ref = FileStore(whatsapp.runtime.settings.files_dir).save(PICTURE, file_name="schema.png")
    photo = Attachment("image", ref, "image/png", len(PICTURE), "schema.png")
    await whatsapp.runtime.staff.reply(number, Engineer("tg-501", "Иван"), "Вот схема", [photo], "tg-1")
    await whatsapp.deliver()

    text, media = whatsapp.sent()[-2:]
    assert text["Body"] == "*Иван*, инженер поддержки:\nВот схема"
    served = await whatsapp.http.get(urlsplit(media["MediaUrl"]).path)
    assert served.status_code == 200 and served.content == PICTURE


async def test_voice_and_location_get_a_polite_answer(whatsapp: WhatsAppWorld) -> None:
    for text in ("Здравствуйте", "Оформить заявку", "1", "Консультация"):
        await whatsapp.client_says(text)
    voice = whatsapp.message("", NumMedia="1", MediaUrl0=whatsapp.media_url(2), MediaContentType0="audio/ogg",
                             MessageType="audio")  # fmt: skip
    await whatsapp.send(voice)
    assert "голосовое сообщение" in whatsapp.bodies()[-1]
    assert whatsapp.api.calls_to("/Media/ME2") == []  # not even downloaded
    await whatsapp.send(whatsapp.message("", MessageType="location", Latitude="53.2", Longitude="50.1"))
    assert "геопозиция" in whatsapp.bodies()[-1]


async def test_a_reaction_or_an_empty_message_answers_no_question(whatsapp: WhatsAppWorld) -> None:
    """A 👍 reaction (Body empty) at the contact question took the chat's own number as the answer and asked the
    organisation."""
    for text in ("Здравствуйте", "Оформить заявку", "1", "Консультация"):
        await whatsapp.client_says(text)
    question = whatsapp.bodies()[-1]
    for kind in ("reaction", "unsupported", "text"):
        await whatsapp.send(whatsapp.message("", MessageType=kind, Reaction="👍"))
        reply = whatsapp.bodies()[-1]
        assert "этот тип сообщений" in reply and question.split("\n")[0] in reply
