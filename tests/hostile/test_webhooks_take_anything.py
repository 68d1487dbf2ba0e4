"""Whatever is posted to a webhook, the service answers without a server error, and what it refuses leaves no
trace: no inbox item, no conversation, ticket or transcript line, no file. What it accepts it can process.

Issue 12 («Hostile input never hurts»). Each example is one request to the running service (all three
messengers on, against fake platform APIs): a platform's own body (../shared/protocol/) with parts
replaced by odd values, dropped, nested too deep or added, or bytes that are no body at all; with the
platform's credential, or a missing, odd or forged one; among odd headers.
"""

from __future__ import annotations

import httpx
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import CHANNELS, ONE_SERVICE, Service

# each example is one more request to the same running service
EXAMPLES = settings(ONE_SERVICE, max_examples=40)


async def draw_and_post(service: Service, channel: str, data: st.DataObject, *, signed: bool) -> httpx.Response:
    """One request drawn for the channel's webhook, posted to the service."""
    hook = service.platforms.webhook(channel)
    response = await service.post(hook, data.draw(hook.requests(signed=signed), label="request"))
    event(f"answered {response.status_code}")  # the spread of answers: pytest --hypothesis-show-statistics
    return response


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
@pytest.mark.parametrize("channel", CHANNELS)
@EXAMPLES
@given(data=st.data())
async def test_any_request_is_answered_without_a_server_error_and_if_refused_leaves_no_trace(
    service: Service, channel: str, signed: bool, data: st.DataObject
) -> None:
    """Without the platform's credential (none, an odd or a forged one) nothing gets in; with it, a body
    of any shape is refused with 4xx, or accepted. A refused request keeps nothing, not even an inbox item."""
    before = await service.everything_stored()

    response = await draw_and_post(service, channel, data, signed=signed)

    assert response.status_code < 500, response.text
    assert signed or response.is_client_error, response.text
    if not response.is_success:
        assert await service.everything_stored() == before


@pytest.mark.parametrize("channel", CHANNELS)
@EXAMPLES
@given(data=st.data())
async def test_a_signed_body_the_service_accepts_is_processed_without_an_error(
    service: Service, channel: str, data: st.DataObject
) -> None:
    """Otherwise the inbox tries it again for a day, and the chat's later messages wait behind it."""
    await service.forget_inbox()

    await draw_and_post(service, channel, data, signed=True)
    await service.runtime.drain()

    assert await service.processing_failures() == []
