"""The `support-bot` command line (CONTRACT.md, «Command line»)."""

from __future__ import annotations

import asyncio
import getpass
import json
import logging
import signal
import sys
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
import uvicorn
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bots.console import ConsoleChannel
from core.texts import t
from faq.cli import faq_app
from service.app import create_app
from service.channels import attach, registry, start_channels
from service.desk import Clock, utc_now
from service.heap import freeze_startup_heap
from service.logs import configure_logging
from service.runtime import Runtime
from service.settings import Settings
from service.web.desk_auth import check_login, hash_password
from storage.db import create_engine
from storage.migrate import upgrade
from storage.repos import desk_users, faq_gaps, outbox
from storage.store import Store

app = typer.Typer(help="Бот техподдержки ГК «ТвинПро»", no_args_is_help=True)
db_app = typer.Typer(help="Хранилище: миграции")
app.add_typer(db_app, name="db")
app.add_typer(faq_app, name="faq")
outbox_app = typer.Typer(help="Исходящие сообщения: недоставленные за горизонт повторов", no_args_is_help=True)
app.add_typer(outbox_app, name="outbox")
desk_app = typer.Typer(help="Веб-рабочее место сотрудников (/desk)", no_args_is_help=True)
desk_user_app = typer.Typer(help="Пользователи веб-рабочего места", no_args_is_help=True)
desk_app.add_typer(desk_user_app, name="user")
app.add_typer(desk_app, name="desk")


@app.command()
def serve(host: str = "127.0.0.1", port: Annotated[int, typer.Option(min=1, max=65535)] = 8000) -> None:
    """Веб-сервис: вебхуки, API, здоровье. Создаёт или обновляет хранилище при старте."""
    configure_logging()
    settings = Settings()
    uvicorn.run(create_app(settings, started=freeze_startup_heap), host=host, port=port, log_config=None)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Применить миграции к DATABASE_URL."""
    configure_logging()

    async def run() -> None:
        engine = create_engine(Settings().database_url)
        await upgrade(engine)
        await engine.dispose()

    asyncio.run(run())
    typer.echo("Хранилище в актуальном состоянии.")


@app.command()
def chat(user: str = typer.Option(None, help="имя клиента в консоли")) -> None:
    """Поговорить с ботом в терминале, как клиент. /file путь — приложить файл, Ctrl+D — выход."""
    configure_logging(logging.WARNING)  # the dialogue is on the terminal: only problems in between
    console = Console()
    channel = ConsoleChannel(console, user or getpass.getuser())
    asyncio.run(_chat(console, channel))


async def _chat(console: Console, channel: ConsoleChannel) -> None:
    registry.check_texts()
    runtime = await Runtime.start(Settings())
    attach(runtime, channel)
    console.print("[dim]Консольный чат с ботом техподдержки. Ctrl+D — выход.[/dim]")
    try:
        while True:
            try:
                line = await asyncio.to_thread(console.input, "[bold green]Вы:[/bold green] ")
            except (EOFError, KeyboardInterrupt):
                break
            await runtime.desk.handle(channel.inbound(line))
            await runtime.drain()
    finally:
        await runtime.close()


@app.command()
def worker() -> None:
    """Обработка входящих и доставка исходящих отдельно от веб-процессов (PostgreSQL: сколько угодно воркеров)."""
    configure_logging()
    asyncio.run(_work(Settings()))


async def _work(settings: Settings) -> None:
    runtime = await Runtime.start(settings)
    await start_channels(runtime)
    _stop_on_signals(runtime)
    runtime.run_background()
    freeze_startup_heap()
    try:
        await runtime.stop.wait()
    finally:
        await runtime.close()


@outbox_app.command("retry")
def outbox_retry(
    item_id: int | None = typer.Argument(None, help="номер сообщения из GET /api/dead-letters"),
    every: bool = typer.Option(False, "--all", help="все недоставленные"),
) -> None:
    """Доставить недоставленные сообщения ещё раз (по одному разу); доставит работающий serve или worker."""
    if (item_id is None) != every:
        raise typer.BadParameter(t("cli.outbox_retry.usage"))
    configure_logging()
    replayed = asyncio.run(replay_dead_letters(Settings(), None if every else item_id))
    if item_id is not None and not replayed:
        typer.echo(t("cli.outbox_retry.not_dead", id=item_id), err=True)
        raise typer.Exit(1)
    typer.echo(t("cli.outbox_retry.done", count=len(replayed)))


async def replay_dead_letters(settings: Settings, item_id: int | None = None, *, clock: Clock = utc_now) -> list[int]:
    """Dead letters (all, or ``item_id``) back in their queues, each to be delivered once more; their ids."""
    engine = create_engine(settings.database_url)
    try:
        async with Store(engine).transaction() as session:
            return await outbox.replay_dead(session=session, now=clock(), item_id=item_id)
    finally:
        await engine.dispose()


@faq_app.command("gaps")  # registered here, at the composition root: unlike `ask`, it reads the store
def faq_gaps_command(
    limit: Annotated[int, typer.Option(min=1, help="сколько вопросов показать")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="список {question, count, last_asked, entry} в JSON")] = False,
) -> None:
    """Вопросы, на которые FAQ не ответил, и нажатия «не помогло»: самые частые сначала."""
    configure_logging(logging.WARNING)
    settings = Settings()
    gaps = asyncio.run(read_faq_gaps(settings, limit))
    if as_json:
        typer.echo(json.dumps([gap_as_json(gap) for gap in gaps], ensure_ascii=False))
    else:
        Console().print(gaps_table(gaps, settings.timezone))


async def read_faq_gaps(settings: Settings, limit: int) -> list[faq_gaps.Gap]:
    """The most frequent gaps in the store of ``settings``; a report only reads, so no migration is run."""
    engine = create_engine(settings.database_url)
    try:
        async with Store(engine).sessions() as session:
            return await faq_gaps.list_gaps(session=session, limit=limit)
    finally:
        await engine.dispose()


def gap_as_json(gap: faq_gaps.Gap) -> dict[str, object]:
    """One gap for programs: the time in ISO 8601 (UTC), ``entry`` null when no answer was found at all."""
    return {"question": gap.text, "count": gap.count, "last_asked": gap.last_asked.isoformat(), "entry": gap.entry_id}


def gaps_table(gaps: list[faq_gaps.Gap], timezone: ZoneInfo) -> Table:
    """One row per question; «не помогло» names the entry the client was shown."""
    table = Table(title="Пробелы FAQ: вопросы без ответа и «не помогло»", caption=f"время: {timezone.key}")
    table.add_column("Вопрос", overflow="fold")
    table.add_column("Раз", justify="right")
    table.add_column("Последний раз", no_wrap=True)
    table.add_column("Не помогла запись")
    for gap in gaps:
        shown = escape(gap.entry_id) if gap.entry_id else "[dim]ответа не нашлось[/dim]"
        table.add_row(escape(gap.text), str(gap.count), f"{gap.last_asked.astimezone(timezone):%d.%m.%Y %H:%M}", shown)
    return table


@app.command("telegram-polling")
def telegram_polling() -> None:
    """Telegram без публичного адреса (для разработки): снимает вебхук и забирает обновления long polling."""
    configure_logging()
    settings = Settings()
    if settings.telegram_bot_token is None:
        raise typer.BadParameter("задайте TELEGRAM_BOT_TOKEN")
    asyncio.run(_poll_telegram(settings))


async def _poll_telegram(settings: Settings) -> None:
    from service.channels import telegram  # aiogram: imported only by the commands that run Telegram

    registry.check_texts()
    runtime = await Runtime.start(settings)
    try:
        channel = telegram.connect(runtime)
        attach(runtime, channel)
        _stop_on_signals(runtime)
        runtime.add_poller(channel.poll)
        runtime.run_background()
        await runtime.stop.wait()
    finally:
        await runtime.close()


def _stop_on_signals(runtime: Runtime) -> None:
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, runtime.stop.set)


@desk_user_app.command("add")
def desk_user_add(
    login: Annotated[str, typer.Argument(help="логин для входа на /desk/login")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="пароль со стандартного ввода")] = False,
) -> None:
    """Создать пользователя веб-рабочего места или задать ему новый пароль (его сеансы завершатся)."""
    prompt = t("desk.login.password") + ": "
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else getpass.getpass(prompt)
    try:
        login = check_login(login.strip())
        password_hash = hash_password(password)
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    configure_logging(logging.WARNING)
    created = asyncio.run(save_desk_user(Settings(), login, password_hash))
    typer.echo(t("cli.desk_user.created" if created else "cli.desk_user.reset", login=login))


async def save_desk_user(settings: Settings, login: str, password_hash: str) -> bool:
    """Create or reset the desk user in the store of ``settings`` (upgraded first); True when created."""
    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
        async with Store(engine).transaction() as session:
            return await desk_users.save_user(session=session, login=login, password_hash=password_hash)
    finally:
        await engine.dispose()


def main() -> None:
    """The commands; a setting the service cannot start with is said in a line per setting (exit code 2), not as
    a traceback an operator has to read from the bottom up."""
    try:
        app()
    except ValidationError as error:
        if error.title != Settings.__name__:
            raise
        for problem in error.errors():
            name = "_".join(str(part) for part in problem["loc"]).upper() or "настройки"
            print(f"Настройка {name}: {problem['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        sys.exit(2)
