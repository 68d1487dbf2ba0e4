"""A client's photo or document sent in Telegram opens on the web desk's ticket page, as Viber's and WhatsApp's do:
Telegram keeps it, and the desk fetches it from the Bot API when an engineer opens it. It used to say «файл не
сохранён», and an engineer without the Telegram group never saw the screenshot."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from tests.telegram import updates
from tests.telegram.world import TelegramWorld
from tests.web.desk_client import add_user, log_in

SCREENSHOT = b"\x89PNG\r\n\x1a\n screenshot of the error"


@contextlib.asynccontextmanager
async def browser(telegram: TelegramWorld) -> AsyncIterator[httpx.AsyncClient]:
    """A browser at the service's public https address (the desk's cookies are «Secure» there)."""
    transport = httpx.ASGITransport(app=telegram.app)
    async with httpx.AsyncClient(transport=transport, base_url=telegram.runtime.settings.public_base_url) as http:
        yield http


async def test_a_telegram_screenshot_opens_on_the_ticket_page_for_staff_only(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket(photo=[updates.PHOTO], caption="скриншот ошибки")
    telegram.bot_api.files[updates.PHOTO["file_id"]] = SCREENSHOT
    link = f"/desk/tickets/{number}/telegram-files/{updates.PHOTO['file_id']}"
    await add_user(telegram.runtime.settings)
    async with browser(telegram) as http:
        assert (await http.get(link)).status_code == 303  # nobody logged in: to the login page
        assert (await log_in(http)).status_code == 303
        page = (await http.get(f"/desk/tickets/{number}")).text
        assert f'href="{link}"' in page

        opened = await http.get(link)
        assert opened.status_code == 200 and opened.content == SCREENSHOT
        assert opened.headers["content-type"] == "image/jpeg" and opened.headers["x-content-type-options"] == "nosniff"
        assert (await http.get(f"/desk/tickets/{number}/telegram-files/AgACAnother")).status_code == 404


async def test_a_file_telegram_will_not_give_now_is_said_so(telegram: TelegramWorld) -> None:
    number = await telegram.open_ticket(document=updates.DOCUMENT)
    await add_user(telegram.runtime.settings)
    telegram.bot_api.fail("/getFile", 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
    async with browser(telegram) as http:
        await log_in(http)
        failed = await http.get(f"/desk/tickets/{number}/telegram-files/{updates.DOCUMENT['file_id']}")
    assert failed.status_code == 503 and "Telegram" in failed.text
