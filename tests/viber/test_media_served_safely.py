"""Files behind the signed /media links are served so that a browser never runs them as a page of this site."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from tests.viber.world import ViberWorld

PAGE = b"<html><script>alert(document.cookie)</script></html>"


async def test_an_html_file_is_an_attachment_never_a_page(viber: ViberWorld) -> None:
    number = await viber.open_ticket()
    await viber.engineer_sends_file(number, "Файл", PAGE, "page.html", "text/html")
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
