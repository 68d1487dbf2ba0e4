"""WhatsApp's 24-hour customer-service window.

Free text reaches a WhatsApp client only within 24 hours of the client's last message. Outside it,
what engineers send is held in the outbox (status «held»), the engineers are told, and, when a
template is configured (``TWILIO_CONTENT_SID``), the client is invited back with it. The held
messages go out, in order, as soon as the client writes again (``Desk.handle``).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bots.whatsapp import TEMPLATE, WINDOW
from core.messages import Outbound
from core.state import ConversationState
from core.texts import t
from service.desk import Desk
from storage.repos import clients, conversations, outbox

OUTSIDE = "63016: outside the 24-hour window"


def outside_window(last_inbound_at: datetime | None, now: datetime) -> bool:
    """The client wrote to WhatsApp, but more than 24 hours ago: free text would be refused."""
    return last_inbound_at is not None and now - last_inbound_at > WINDOW


def invitation(chat: str, ticket: str | None) -> Outbound:
    """The approved template inviting the client back; its text is what the transcript keeps."""
    return Outbound(
        channel="whatsapp",
        chat=chat,
        text=t("whatsapp.invitation", number=ticket or ""),
        extras={TEMPLATE: json.dumps({"1": ticket or ""}, ensure_ascii=False)},
    )


class ServiceWindow:
    def __init__(self, desk: Desk, *, template: bool) -> None:
        self.desk = desk
        self.template = template

    async def closed(self, session: AsyncSession, channel: str, chat: str, now: datetime) -> bool:
        """True when free text to this chat would be refused: WhatsApp, and the client silent over 24 hours."""
        if channel != "whatsapp":
            return False
        identity = await clients.get_identity(session=session, channel=channel, sender=chat)
        return outside_window(identity.last_inbound_at if identity is not None else None, now)

    async def hold(self, session: AsyncSession, channel: str, chat: str, ticket: str | None, now: datetime) -> None:
        """Before messages to ``chat`` are held: invite the client (once while held) and tell the engineers."""
        first = not await outbox.has_held(session=session, queue=outbox.queue_of(channel, chat))
        if self.template and first:
            invite = invitation(chat, ticket).to_dict()
            outbox.enqueue(session=session, channel=channel, chat=chat, payload=invite, now=now)
        if ticket is not None:
            key = "whatsapp.window_closed_invited" if self.template else "whatsapp.window_closed"
            notice = {"type": "whatsapp_window_closed", "ticket": ticket, "text": t(key, number=ticket)}
            self.desk.notify_staff(session, notice, now)

    async def failed_outside(self, message_id: str) -> bool:
        """Twilio refused a sent message with 63016: hold it like a reply written outside the window.

        False when there is nothing to hold (an unknown message, or the invitation itself). A release
        announcement is not held for a client who may never write: its copy failed, and is counted so.
        """
        async with self.desk.transaction() as session:
            item = await outbox.find_sent(session=session, channel="whatsapp", message_id=message_id)
            if item is None or TEMPLATE in item.payload.get("extras", {}):
                return False
            if item.announcement_id is not None:
                item.status, item.last_error = "failed", OUTSIDE
                return True
            if item.status == "held":
                return True
            chat = item.queue.split(":", 1)[1]
            conversation = await conversations.find_conversation(session=session, channel="whatsapp", chat=chat)
            ticket = ConversationState.from_dict(conversation.state).ticket if conversation is not None else None
            await self.hold(session, "whatsapp", chat, ticket, self.desk.clock())
            item.status, item.last_error = "held", OUTSIDE
        return True
