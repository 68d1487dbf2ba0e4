"""The composition root's parts, built once from settings: store, FAQ, desk, channels, inbox, dispatcher."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bots.base import DeliveryResult, Sender
from bots.channel import Channel, Keep, PollingChannel, WebhookChannel
from bots.files import FileStore
from bots.platform_events import Received
from faq.retriever import ReloadingFaq
from service.announcements import Announcements
from service.deadlines import Deadlines
from service.desk import Clock, Desk, utc_now
from service.dispatcher import Dispatcher
from service.heap import release_replaced
from service.inbox import Inbox
from service.retry import AcksFirst, poll_forever
from service.settings import Settings
from service.staff_actions import StaffActions
from service.staff_notices import AlertPolicy
from service.whatsapp_window import ServiceWindow
from storage.db import create_engine, inbox_url, is_sqlite
from storage.migrate import upgrade
from storage.models import OutboxItem
from storage.notify import CHANNEL, INBOX_CHANNEL, listen
from storage.repos import retention
from storage.store import Store

PURGE_EVERY_SECONDS = 3600.0
REPORT_EVERY_SECONDS = 10.0  # how soon the lead hears that an announcement has settled


@dataclass
class Runtime:
    settings: Settings
    desk: Desk
    faq: ReloadingFaq
    staff: StaffActions
    inbox_store: Store
    senders: dict[str, Sender] = field(default_factory=dict)  # the dispatcher's: each live channel, and "staff"
    channels: dict[str, Channel] = field(default_factory=dict)  # the channels that are on (see service.channels)
    webhooks: dict[str, WebhookChannel] = field(default_factory=dict)  # those of them the platform calls
    resources: AsyncExitStack = field(default_factory=AsyncExitStack)  # HTTP sessions etc., closed last
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    acks: AcksFirst = field(default_factory=AcksFirst)  # webhooks are answered before the inbox and outbox go on
    inbox: Inbox = field(init=False)
    dispatcher: Dispatcher = field(init=False)
    deadlines: Deadlines = field(init=False)
    announcements: Announcements = field(init=False)
    _pollers: set[asyncio.Task[Any]] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        horizon = timedelta(hours=self.settings.retry_horizon_hours)
        self.inbox = Inbox(self.inbox_store, self.desk.clock, horizon=horizon, acks=self.acks)
        self.dispatcher = Dispatcher(
            self.desk,
            self.senders,
            self._undeliverable,
            horizon=horizon,
            telegram_per_second=self.settings.telegram_messages_per_second,
        )
        self.deadlines = Deadlines(self.desk, remind_before=timedelta(hours=self.settings.reminder_before_hours))
        self.announcements = Announcements(
            self.desk,
            self.senders,
            template=bool(self.settings.twilio_content_sid),
            report_chat=self.settings.telegram_staff_chat_id if self.settings.telegram_enabled else None,
            leads=self.settings.lead_ids,
        )

    @classmethod
    async def start(cls, settings: Settings, *, clock: Clock = utc_now, migrate: bool = True) -> Runtime:
        db = create_engine(settings.database_url)
        if migrate:
            await upgrade(db)
        faq = ReloadingFaq(replaced=release_replaced)  # a frozen heap would keep the previous index
        desk = Desk(
            db,
            faq=faq.search,
            timezone=settings.timezone,
            clock=clock,
            staff_enabled=settings.telegram_enabled and settings.telegram_staff_chat_id is not None,
            email_answers=settings.email_enabled,
            alerts=AlertPolicy.from_settings(settings),
            form_base_url=settings.public_base_url,
        )
        window = ServiceWindow(desk, template=bool(settings.twilio_content_sid))
        inbox_store = desk.store
        if is_sqlite(settings.database_url):
            inbox_db = create_engine(inbox_url(settings.database_url))
            if migrate:
                await upgrade(inbox_db)
            inbox_store = Store(inbox_db)
        return cls(settings=settings, desk=desk, faq=faq, staff=StaffActions(desk, window), inbox_store=inbox_store)

    @property
    def files(self) -> FileStore:
        """Files clients and engineers send, kept under the data directory."""
        return FileStore(self.settings.files_dir)

    async def keep(self, received: Received) -> bool:
        """Store a received item in the inbox, to be unpacked in its chat's turn; False when kept before."""
        body = {"raw": received.raw, "id": received.platform_id, "received_at": self.desk.clock().isoformat()}
        return await self.inbox.accept(
            channel=received.channel, platform_id=received.platform_id, chat=received.chat, body=body
        )

    def spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``work`` in the background; :meth:`close` waits for it after setting ``stop``."""
        task = asyncio.create_task(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def add_poller(self, run: Callable[[Keep, asyncio.Event], Coroutine[Any, Any, None]]) -> None:
        """Run ``run(keep, stop)`` in the background; cancelled on close, as it may wait long for its platform."""
        self._pollers.add(self.spawn(run(self.keep, self.stop)))

    async def _undeliverable(self, item: OutboxItem, result: DeliveryResult) -> None:
        """A client's message refused for good, or a dead letter: the ticket's engineers are told.

        A staff notice is not reported in the group it failed to reach: as a dead letter it shows in
        ``/healthz`` and ``GET /api/dead-letters``.
        """
        if item.announcement_id is not None and not result.unreachable:
            return  # a release announcement's copy: counted in its report, not the business of a ticket
        chat = item.queue.split(":", 1)[1]
        await self.desk.report_undeliverable(
            item.channel, chat, unreachable=result.unreachable, reason=result.error or ""
        )

    async def purge_expired(self) -> int:
        """Empty payloads older than the retention period (``DATA_RETENTION_DAYS``), drop expired desk sessions
        and form links, and redact what people who never consented wrote a day ago; how many rows changed."""
        before = self.desk.clock() - timedelta(days=self.settings.data_retention_days)
        async with self.desk.transaction() as session:
            purged = await retention.purge_outbox(session=session, before=before)
            purged += await retention.purge_web(session=session, now=self.desk.clock())
            unconsented_before = self.desk.clock() - retention.UNCONSENTED_KEPT
            purged += await retention.purge_unconsented(session=session, before=unconsented_before)
        async with self.inbox_store.transaction() as session:
            purged += await retention.purge_inbox(session=session, before=before)
        return purged

    def run_background(self) -> None:
        """Until :meth:`close`: poll the channels that have no webhook, process the inbox, deliver the outbox,
        purge old payloads and act on reaction deadlines. The inbox and the outbox give way to the webhooks
        being answered (``acks``)."""
        poll = self.settings.outbox_poll_seconds
        for channel in self.channels.values():
            if isinstance(channel, PollingChannel):
                self.add_poller(channel.run)
        if self.inbox_store.shared_by_processes:  # webhooks kept by other processes wake this one at once
            wakes = {CHANNEL: self.inbox_store.committed, INBOX_CHANNEL: self.inbox.arrived}
            self.spawn(listen(self.settings.database_url, wakes, self.stop))
        self.spawn(self.inbox.run_forever(poll, self.stop))
        self.spawn(self.dispatcher.run_forever(poll, self.stop, self.acks.turn))
        self.spawn(poll_forever(self.purge_expired, PURGE_EVERY_SECONDS, self.stop, asyncio.Event()))
        self.spawn(poll_forever(self.announcements.report_once, REPORT_EVERY_SECONDS, self.stop, asyncio.Event()))
        if self.desk.staff_enabled:  # reminders and escalations are for the engineers' group
            self.spawn(self.deadlines.run_forever(self.stop))

    async def drain(self) -> None:
        """Process and deliver everything due now (tests, the console chat)."""
        while await self.inbox.process_once() + await self.dispatcher.run_once():
            pass

    async def close(self) -> None:
        self.stop.set()
        for poller in self._pollers:  # may wait long for the platform; it acknowledges only what is kept
            poller.cancel()
        if self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.resources.aclose()
        await self.desk.db.dispose()
        await self.inbox_store.engine.dispose()
