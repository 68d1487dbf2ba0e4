"""What engineers do to a ticket from the group chat, whatever messenger its client uses.

Each action runs in one transaction with the ticket's conversation locked, and is deduplicated by
the platform id of the engineer's message, like a client's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bots.email import CHANNEL as EMAIL
from core import engine, notices
from core.events import EMAIL_COPY
from core.messages import TICKET_EXTRA, Attachment, Outbound
from core.staff import PRIORITIES, Engineer, Refused
from core.state import ConversationState
from core.texts import t
from service.desk import Desk
from service.staff_notices import retitle, title_state
from service.whatsapp_window import ServiceWindow
from storage.models import Ticket
from storage.repos import conversations, dedupe, messages, tickets

DESK_PREFIX = "desk:"  # the platform id of an action taken on the web desk (its form's nonce)


class TicketNotFound(LookupError):
    pass


class StaffActions:
    def __init__(self, desk: Desk, window: ServiceWindow | None = None) -> None:
        self.desk = desk
        self.window = window or ServiceWindow(desk, template=False)  # WhatsApp's 24-hour rule

    async def _run(self, platform_id: str | None, number: str, action) -> bool:  # type: ignore[no-untyped-def]
        async with self.desk.transaction() as session:
            if platform_id is not None and not await dedupe.claim_update(session=session, key=f"staff:{platform_id}"):
                return False
            ticket = await tickets.get_ticket(session=session, number=number, lock=True)
            if ticket is None:
                raise TicketNotFound(number)
            conversation = await conversations.get_conversation(
                session=session, conversation_id=ticket.conversation_id, lock=True
            )
            assert conversation is not None and conversation.id is not None
            state = ConversationState.from_dict(conversation.state)
            shown = title_state(ticket)
            replies: list[Outbound] = await action(session, ticket, state)
            now = self.desk.clock()
            if title_state(ticket) != shown:  # the topic's title follows the status and the priority
                self.desk.notify_staff(session, retitle(ticket), now)
            channel, chat = (replies[0].channel, replies[0].chat) if replies else (ticket.channel, ticket.chat)
            held = bool(replies) and await self.window.closed(session, channel, chat, now)
            if held:
                await self.window.hold(session, channel, chat, ticket.number, now)
            self.desk.record(session, conversation, state, replies, now, ticket.id, "staff", held=held)
        return True

    async def reply(
        self,
        number: str,
        engineer: Engineer,
        text: str | None,
        attachments: Sequence[Attachment],
        platform_id: str | None,
    ) -> bool:
        """An engineer's answer, delivered to the client in the messenger they last wrote from about the ticket.

        That is the ticket's own chat unless the client went on in another of their chats (4.13).
        """

        async def act(session, ticket: Ticket, state: ConversationState) -> list[Outbound]:  # type: ignore[no-untyped-def]
            if ticket.status == "closed":  # the client's answer would reach no engineer: the bot would meet it
                raise Refused("staff.closed_no_reply", number=str(ticket.number))
            if ticket.status == "open" and ticket.assignee is None:
                self._assign(ticket, state, engineer)
            ticket.status = "waiting"  # answered: the client's turn
            assert ticket.id is not None
            last = await messages.last_client_chat(session=session, ticket_id=ticket.id)
            channel, chat = last or (ticket.channel, ticket.chat)
            answer = Outbound(
                channel=channel,
                chat=chat,
                text=text or "",
                attachments=tuple(attachments),  # type: ignore[arg-type]
                extras={"author": engineer.name, TICKET_EXTRA: ticket.number},
            )
            self._from_desk(
                session, platform_id, ticket, t("staff.desk.replied", engineer=engineer.name, text=text or "")
            )
            copy_to = (ticket.fields or {}).get(EMAIL_COPY)
            if copy_to and self.desk.email_answers and channel != EMAIL:
                return [answer, replace(answer, channel=EMAIL, chat=copy_to)]  # in writing too (4.6)
            return [answer]

        return await self._run(platform_id, number, act)

    async def note(self, number: str, engineer: Engineer, text: str, platform_id: str | None) -> bool:
        """An internal note: stored with the ticket, never sent to the client."""

        async def act(session, ticket: Ticket, state: ConversationState) -> list[Outbound]:  # type: ignore[no-untyped-def]
            messages.add_message(
                session=session,
                conversation_id=ticket.conversation_id,
                ticket_id=ticket.id,
                direction="note",
                author=engineer.name,
                text=text,
            )
            self._from_desk(session, platform_id, ticket, t("staff.desk.noted", engineer=engineer.name, text=text))
            return []

        return await self._run(platform_id, number, act)

    def _assign(self, ticket: Ticket, state: ConversationState, engineer: Engineer) -> None:
        """Taking a ticket (or answering it untaken) is the engineers' reaction the deadline waits for (4.7)."""
        ticket.assignee, ticket.assignee_id, ticket.status = engineer.name, engineer.id, "in_progress"
        ticket.first_answer_at = ticket.first_answer_at or self.desk.clock()
        if state.ticket == ticket.number:
            state.engineer = engineer.name

    async def take(self, number: str, engineer: Engineer, platform_id: str | None) -> bool:
        async def act(session, ticket: Ticket, state: ConversationState) -> list[Outbound]:  # type: ignore[no-untyped-def]
            assert ticket.number is not None
            if ticket.status == "closed":
                raise Refused("staff.closed_no_take", number=ticket.number)
            if ticket.assignee_id == engineer.id:  # told the client once is enough
                raise Refused("staff.already_yours", number=ticket.number)
            self._assign(ticket, state, engineer)
            self._from_desk(session, platform_id, ticket, t("staff.desk.taken", engineer=engineer.name))
            return [notices.engineer_assigned(ticket.number, engineer.name).address(ticket.channel, ticket.chat)]

        return await self._run(platform_id, number, act)

    async def set_priority(self, number: str, priority: str, platform_id: str | None) -> bool:
        if priority not in PRIORITIES:
            raise ValueError(priority)

        async def act(session, ticket: Ticket, state: ConversationState) -> list[Outbound]:  # type: ignore[no-untyped-def]
            raised = priority == "critical" and ticket.priority != "critical"
            ticket.priority = priority
            self._from_desk(session, platform_id, ticket, t("staff.desk.priority", priority=t(f"priority.{priority}")))
            if raised:
                self.desk.notify_critical(session, ticket, self.desk.clock())
            return []

        return await self._run(platform_id, number, act)

    async def close(self, number: str, platform_id: str | None) -> bool:
        """Close the ticket and ask its client for a rating (once any draft of theirs in progress is over)."""

        async def act(session, ticket: Ticket, state: ConversationState) -> list[Outbound]:  # type: ignore[no-untyped-def]
            if ticket.status == "closed":
                raise Refused("staff.already_closed", number=str(ticket.number))
            ticket.status, ticket.closed_at = "closed", self.desk.clock()
            self._from_desk(session, platform_id, ticket, t("staff.desk.closed"), topic="close")
            assert ticket.number is not None
            return self._through_engine(state, engine.ask_rating(state, ticket.number, ticket.channel, ticket.chat))

        return await self._run(platform_id, number, act)

    async def reopen(self, number: str, platform_id: str | None) -> bool:
        async def act(session, ticket: Ticket, state: ConversationState) -> list[Outbound]:  # type: ignore[no-untyped-def]
            if ticket.status != "closed":
                raise Refused("staff.not_closed", number=str(ticket.number))
            ticket.status, ticket.closed_at = ("in_progress" if ticket.assignee else "open"), None
            self._from_desk(session, platform_id, ticket, t("staff.desk.reopened"), topic="reopen")
            assert ticket.number is not None
            step = engine.reopen_ticket(state, ticket.number, ticket.assignee, ticket.channel, ticket.chat)
            return self._through_engine(state, step)

        return await self._run(platform_id, number, act)

    def _from_desk(
        self, session: AsyncSession, platform_id: str | None, ticket: Ticket, text: str, topic: str | None = None
    ) -> None:
        """What was done on the web desk is told in the ticket's topic too (and a close or reopen closes or reopens
        the topic), so that the engineers in the group see the client's answer to a reply they never saw."""
        if platform_id is not None and platform_id.startswith(DESK_PREFIX):
            notice = {"type": "desk_action", "ticket": ticket.number, "text": text, "topic": topic}
            self.desk.notify_staff(session, notice, self.desk.clock())

    @staticmethod
    def _through_engine(state: ConversationState, step: engine.Step) -> list[Outbound]:
        """The engine decided what the conversation becomes: ``state`` (saved by ``_run``) takes it over."""
        state.__dict__.update(step.state.__dict__)
        return step.replies
