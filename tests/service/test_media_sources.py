"""A client's file is fetched only from where the platform keeps files, within size and time limits.

A URL in a signed callback is still the sender's word: the service must not fetch its own pages or
its neighbours' on it, nor hand the platform's credentials to anyone but the platform.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bots import media
from bots.files import FileStore
from bots.media import UNAVAILABLE, MediaSources, MediaUnavailable, fetch_media
from tests.fake_api import FakeApi

PICTURE = b"\x89PNG picture bytes"
CREDENTIALS = ("AC-account", "secret-token")


@pytest.fixture
async def platform() -> AsyncIterator[FakeApi]:
    api = FakeApi(lambda call: (200, PICTURE))
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def elsewhere() -> AsyncIterator[FakeApi]:
    """Another service on the same machine: what a forged media URL would point at."""
    api = FakeApi(lambda call: (200, b'{"openapi": "3.1.0"}'))
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


async def fetch(
    http: httpx.AsyncClient, tmp_path: Path, platform: FakeApi, url: str, *, retry_later: bool = False
) -> media.Attachment:
    sources = MediaSources(("viber.com",), platform.base_url)
    store = FileStore(tmp_path / "files")
    return await fetch_media(
        http, store, url, sources=sources, kind="image", auth=CREDENTIALS, file_name="a.png", retry_later=retry_later
    )


def stored(tmp_path: Path) -> list[Path]:
    root = tmp_path / "files"
    return sorted(root.iterdir()) if root.exists() else []


async def test_a_file_at_the_platform_is_kept_with_credentials_sent_to_it(
    http: httpx.AsyncClient, tmp_path: Path, platform: FakeApi
) -> None:
    attachment = await fetch(http, tmp_path, platform, f"{platform.base_url}/files/a.png")
    assert attachment.ref.startswith("store:") and [p.read_bytes() for p in stored(tmp_path)] == [PICTURE]
    [call] = platform.calls
    assert call.headers["Authorization"].startswith("Basic ")


async def test_a_url_elsewhere_is_never_requested_and_not_kept(
    http: httpx.AsyncClient, tmp_path: Path, platform: FakeApi, elsewhere: FakeApi
) -> None:
    attachment = await fetch(http, tmp_path, platform, f"{elsewhere.base_url}/openapi.json")
    assert attachment.ref == UNAVAILABLE and attachment.file_name == "a.png"
    assert elsewhere.calls == [] and stored(tmp_path) == []


async def test_a_redirect_to_a_private_address_is_not_followed(
    http: httpx.AsyncClient, tmp_path: Path, platform: FakeApi, elsewhere: FakeApi
) -> None:
    platform.redirect("/Media/ME1", f"{elsewhere.base_url}/internal/secrets")
    attachment = await fetch(http, tmp_path, platform, f"{platform.base_url}/Media/ME1")
    assert attachment.ref == UNAVAILABLE and elsewhere.calls == [] and stored(tmp_path) == []


async def test_a_redirect_within_the_platform_is_followed(
    http: httpx.AsyncClient, tmp_path: Path, platform: FakeApi
) -> None:
    platform.redirect("/Media/ME1", f"{platform.base_url}/cdn/ME1")
    attachment = await fetch(http, tmp_path, platform, f"{platform.base_url}/Media/ME1")
    assert attachment.ref.startswith("store:") and [c.path for c in platform.calls] == ["/Media/ME1", "/cdn/ME1"]


async def test_endless_redirects_give_up(http: httpx.AsyncClient, tmp_path: Path, platform: FakeApi) -> None:
    platform.redirect("/loop", f"{platform.base_url}/loop")
    attachment = await fetch(http, tmp_path, platform, f"{platform.base_url}/loop")
    assert attachment.ref == UNAVAILABLE and len(platform.calls) == media.MAX_REDIRECTS + 1


async def test_a_file_over_the_limit_is_not_kept(
    http: httpx.AsyncClient, tmp_path: Path, platform: FakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media, "MAX_FILE_BYTES", len(PICTURE) - 1)
    attachment = await fetch(http, tmp_path, platform, f"{platform.base_url}/files/a.png", retry_later=True)
    assert attachment.ref == f"{platform.base_url}/files/a.png" and stored(tmp_path) == []


async def test_a_host_that_drips_the_file_is_given_up_on_for_now(
    http: httpx.AsyncClient, tmp_path: Path, platform: FakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media, "FETCH_SECONDS", 0.2)
    platform.fail("/files/a.png", 200, delay=2.0)
    with pytest.raises(MediaUnavailable):
        await fetch(http, tmp_path, platform, f"{platform.base_url}/files/a.png", retry_later=True)
    assert stored(tmp_path) == []


@pytest.mark.parametrize(
    "url, trusted",
    [
        ("https://dl-media.viber.com/1/share/2/img.jpg", True),
        ("https://viber.com/x", True),
        ("https://viber.com.evil.tld/x", False),
        ("https://evilviber.com/x", False),
        ("http://dl-media.viber.com/x", False),
        ("https://127.0.0.1:8000/openapi.json", False),
    ],
)
def test_only_the_platforms_own_hosts_are_trusted(url: str, trusted: bool) -> None:
    sources = MediaSources(("viber.com",), "https://chatapi.viber.com/pa")
    assert sources.trusted(httpx.URL(url)) is trusted


@pytest.mark.parametrize(
    "url, reachable",
    [
        ("https://8.8.8.8/file", True),
        ("https://10.0.0.5/file", False),
        ("https://127.0.0.1/file", False),
        ("https://169.254.169.254/latest/meta-data", False),
        ("https://[::1]/file", False),
        ("https://[fd00::1]/file", False),
        ("http://8.8.8.8/file", False),
    ],
)
async def test_hops_go_only_to_public_addresses_over_https(url: str, reachable: bool) -> None:
    sources = MediaSources(("twilio.com",), "https://api.twilio.com")
    assert await sources.reachable(httpx.URL(url)) is reachable
