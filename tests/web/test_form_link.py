"""A Viber client fills the intake in on the web: the link the bot sends, the form, the ticket in the messenger."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from core.intake import INTAKE
from core.texts import CONSENT_VERSION, t
from core.validators import InvalidAnswer, phone_or_email
from service.settings import Settings
from storage.models import Client, Ticket
from tests.fakes import FakeClock
from tests.viber.world import CLIENT, ViberWorld, viber_world

LINK = re.compile(r"https://support\.example\.test(/form/[\w-]+)")
PICTURE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
WISH = {
    "kind": "wish",
    "contact": "+7 846 555-12-34",
    "organization": "ООО «Охрана-Сервис»",
    "city": "Самара",
    "contact_name": "Смирнова Анна",
    "product_name": "АПК «Бастион-3»",
    "expected": "отчёт по сменам в Excel",
    "description": "хотим выгружать журнал в Excel",
    "step": "submit",
}


@pytest.fixture
async def viber(settings: Settings, clock: FakeClock) -> AsyncIterator[ViberWorld]:
    async with viber_world(settings, clock) as world:
        yield world


async def form_link(viber: ViberWorld, *said: str) -> str:
    """The path of the form link in the bot's last message after the client said ``said``."""
    for text in said:
        await viber.client_says(text)
    found = LINK.search(viber.texts()[-1])
    assert found, viber.texts()[-1]
    return found[1]


def field_ids(page: httpx.Response) -> set[str]:
    return set(re.findall(r'id="field-([a-z_]+)"', page.text))


def error_of(page: httpx.Response, key: str) -> str:
    found = re.search(rf'id="error-{key}">([^<]*)<', page.text)
    return found[1] if found else ""


async def test_the_link_opens_one_ticket_and_the_confirmation_reaches_viber(viber: ViberWorld) -> None:
    path = await form_link(viber, "Здравствуйте", "menu:ticket", "consent:yes")
    page = await viber.http.get(path)
    assert page.status_code == 200 and t("webform.title") in page.text

    sent = await viber.http.post(path, data=WISH, files={"files": ("screen.png", PICTURE, "image/png")})
    assert sent.status_code == 200 and t("webform.sent") in sent.text
    await viber.deliver()
    number = (await viber.state(CLIENT))["ticket"]
    assert number and t("ticket.opened", number=number, priority="", deadline="")[:30] in viber.texts()[-1]
    ticket = await viber.ticket(number)
    assert ticket.kind == "wish" and ticket.channel == "viber" and ticket.chat == CLIENT
    assert ticket.fields["description"] == WISH["description"] and ticket.fields["contact"] == "+78465551234"
    assert [a["file_name"] for a in ticket.fields["attachments"]] == ["screen.png"]
    assert ticket.fields["attachments"][0]["ref"].startswith("store:")
    assert [n["ticket"] for n in viber.staff_notices("ticket_opened")] == [number]

    again = await viber.http.post(path, data=WISH)
    assert again.status_code == 410 and t("webform.link_used") in again.text
    assert len(await viber.rows(Ticket)) == 1


async def test_an_expired_or_forged_link_is_refused(viber: ViberWorld, clock: FakeClock) -> None:
    path = await form_link(viber, "Здравствуйте", "menu:ticket", "consent:yes")
    forged = path[:-4] + ("aaaa" if not path.endswith("aaaa") else "bbbb")
    response = await viber.http.get(forged)
    assert response.status_code == 403 and t("webform.link_forged") in response.text
    clock.advance(hours=25)
    response = await viber.http.post(path, data=WISH)
    assert response.status_code == 410 and t("webform.link_expired") in response.text
    assert await viber.rows(Ticket) == []


async def test_the_page_lists_exactly_the_intake_fields_of_the_kind(viber: ViberWorld) -> None:
    path = await form_link(viber, "Здравствуйте", "menu:ticket", "consent:yes")
    for kind in ("problem", "consultation", "license", "wish"):
        page = await viber.http.get(path, params={"kind": kind})
        expected = {f.key for f in INTAKE if kind in f.kinds}
        criticality = {"criticality"} if kind in ("problem", "license") else set()
        assert field_ids(page) == expected | criticality, kind


async def test_an_invalid_phone_is_told_next_to_its_field_and_the_rest_is_kept(viber: ViberWorld) -> None:
    path = await form_link(viber, "Здравствуйте", "menu:ticket", "consent:yes")
    typed = "8 846 12"
    with pytest.raises(InvalidAnswer) as refusal:
        phone_or_email(typed)
    page = await viber.http.post(path, data={**WISH, "contact": typed})
    assert page.status_code == 422
    assert error_of(page, "contact") == t(refusal.value.reason, **refusal.value.values)
    assert error_of(page, "city") == ""
    assert 'value="Самара"' in page.text and f'value="{typed}"' in page.text
    assert WISH["description"] in page.text
    assert await viber.rows(Ticket) == []

    fixed = await viber.http.post(path, data=WISH)
    assert fixed.status_code == 200
    assert len(await viber.rows(Ticket)) == 1


async def test_consent_given_on_the_form_is_recorded_with_its_version(viber: ViberWorld) -> None:
    path = await form_link(viber, "Здравствуйте", "menu:ticket")  # the consent question offers the form
    page = await viber.http.get(path, params={"kind": "wish"})
    assert 'name="consent"' in page.text
    refused = await viber.http.post(path, data=WISH)
    assert refused.status_code == 422 and error_of(refused, "consent") == t("webform.consent_required")
    assert await viber.rows(Ticket) == []

    sent = await viber.http.post(path, data={**WISH, "consent": "yes"})
    assert sent.status_code == 200
    [client] = await viber.rows(Client)
    assert client.consent_version == CONSENT_VERSION and client.consent_at is not None
    assert len(await viber.rows(Ticket)) == 1


async def test_the_form_is_prefilled_with_what_the_chat_already_knows(viber: ViberWorld) -> None:
    path = await form_link(viber, "Здравствуйте", "menu:ticket", "consent:yes")
    await viber.client_says("kind:consultation")
    await viber.client_says("+7 846 555-12-34")  # answered in the chat, then the client switches to the form
    page = await viber.http.get(path)
    assert 'value="consultation" checked' in page.text
    assert 'value="+78465551234"' in page.text


async def test_a_problem_asks_its_criticality_and_the_device_fields_only_with_a_device(viber: ViberWorld) -> None:
    path = await form_link(viber, "Здравствуйте", "menu:ticket", "consent:yes")
    problem = {**WISH, "kind": "problem", "os": "Windows 10 64-бит", "product_version": "3.1",
               "steps": "открыть журнал", "actual": "окно не отвечает", "device_involved": "yes"}  # fmt: skip
    page = await viber.http.post(path, data=problem)
    assert page.status_code == 422
    assert error_of(page, "criticality") == t("webform.choose")
    assert error_of(page, "device_name") == t("form.required")  # asked: the request involves a device
    assert error_of(page, "antivirus") == ""  # optional for a problem

    sent = await viber.http.post(path, data={**problem, "criticality": "partial", "device_involved": "no"})
    assert sent.status_code == 200
    [ticket] = await viber.rows(Ticket)
    assert ticket.kind == "problem" and ticket.priority == "high"
    assert "device_name" not in ticket.fields and ticket.fields["device_involved"] == t(
        "field.device_involved.option.no"
    )
