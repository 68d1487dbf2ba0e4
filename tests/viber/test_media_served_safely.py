"""Files behind the signed /media links are served so that a browser never runs them as a page of this site."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from bots.files import FileStore
from core.messages import Attachment
from service.staff_actions import Engineer
from tests.viber.world import ViberWorld

ENGINEER = Engineer("555001", "Иван")
PAGE = b"<html><script>alert(document.cookie)</script></html>"


async def test_an_html_file_is_an_attachment_never_a_page(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    ref = FileStore(viber.runtime.settings.files_dir).save(PAGE, file_name="page.html", mime_type="text/html")
    page = Attachment("document", ref, "text/html", len(PAGE), "page.html")
    await viber.runtime.staff.reply(number, ENGINEER, "Файл", [page], "tg-update-1")
    await viber.deliver()
    path = urlsplit(viber.sent()[-1]["media"]).path

    served = await viber.http.get(path)
    assert served.status_code == 200 and served.content == PAGE
    assert served.headers["content-disposition"].startswith("attachment")
    assert served.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in served.headers["content-security-policy"]
    head = await viber.http.head(path)
    assert head.status_code == 200 and head.content == b""

    signature = path.split("/")[3]
    odd = path.replace(signature, quote("подпись"))  # a non-ASCII signature is a forgery, not a server error
    assert (await viber.http.get(odd)).status_code == 404
