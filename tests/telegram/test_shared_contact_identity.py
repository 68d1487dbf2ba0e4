"""In Telegram a shared contact proves the sender's phone only when it is their own (its user_id is the sender's).
Someone else's contact is a claim like a typed phone; one's own links the chat to the client with that phone."""

from __future__ import annotations

from sqlmodel import select

from core.texts import t
from storage.models import Identity
from tests.telegram.world import TelegramWorld

OWNER, STRANGER = 700000002, 700000003


async def reach_contact_question(telegram: TelegramWorld, user_id: int) -> None:
    await telegram.client_says("/start", user_id=user_id)
    for data in ("menu:ticket", "consent:yes", "kind:consultation"):
        await telegram.client_presses(data, user_id=user_id)


async def owners(telegram: TelegramWorld) -> dict[str, int]:
    async with telegram.runtime.desk.sessions() as session:
        return {i.sender: i.client_id for i in await session.exec(select(Identity))}


async def test_someone_elses_contact_shows_nothing_and_own_contact_links(telegram: TelegramWorld) -> None:
    await telegram.open_ticket(user_id=OWNER)  # typed +7 846 555-12-34; «Самара» on file
    own = {"phone_number": "+78465551234", "first_name": "Анна", "user_id": OWNER}
    await telegram.client_says(contact=own, user_id=OWNER)  # the owner proves the number is theirs

    await reach_contact_question(telegram, STRANGER)
    await telegram.client_says(contact={**own, "user_id": OWNER}, user_id=STRANGER)  # the owner's card, forwarded
    assert not any("Самара" in text for text in telegram.client_texts(STRANGER))
    assert (await owners(telegram))[str(STRANGER)] != (await owners(telegram))[str(OWNER)]

    second_chat = 700000004  # the owner's new account (a number moved to another Telegram account)
    await reach_contact_question(telegram, second_chat)
    await telegram.client_says(contact={**own, "user_id": second_chat}, user_id=second_chat)  # Telegram vouches
    assert "Самара" in telegram.client_texts(second_chat)[-1]
    assert (await owners(telegram))[str(second_chat)] == (await owners(telegram))[str(OWNER)]


async def test_a_client_who_means_the_profile_s_number_is_shown_the_button_that_shares_it(
    telegram: TelegramWorld,
) -> None:
    """The bot cannot read a Telegram profile's phone: it says so and names the button that sends it."""
    await reach_contact_question(telegram, STRANGER)
    await telegram.client_says("номер как в телеграме", user_id=STRANGER)
    assert t("telegram.share_contact") in telegram.client_texts(STRANGER)[-1]
