"""Logs are JSON lines with time, level, logger and event, and hold no phone or e-mail whoever writes them."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

import pytest
import structlog
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from service.logs import WithoutQuery, configure_logging
from storage.db import create_engine

# What a client may give, and what the log shows instead.
PERSONAL = [
    ("+7 916 123-45-67", "[phone]"),
    ("89161234567", "[phone]"),
    ("8 (846) 200-10-20", "[phone]"),
    ("+7(916)123-45-67", "[phone]"),
    ("8.916.123.45.67", "[phone]"),
    ("whatsapp:+79161234567", "whatsapp:[phone]"),
    ("ivan.petrov+support@example.ru", "[email]"),
]

stdlib_log = logging.getLogger("tests.stdlib")
log = structlog.get_logger("tests.structlog")


@pytest.fixture
def output(run_log: TextIO) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    configure_logging(logging.INFO, stream=stream)
    yield stream
    configure_logging(logging.INFO, stream=run_log)


def records(output: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.getvalue().splitlines()]


def only_record(output: io.StringIO) -> dict[str, Any]:
    [record] = records(output)
    return record


def test_a_stdlib_record_is_one_json_line(output: io.StringIO) -> None:
    stdlib_log.warning("outbox item %s undeliverable", 12345)

    record = only_record(output)
    assert record["event"] == "outbox item 12345 undeliverable"
    assert record["level"] == "warning"
    assert record["logger"] == "tests.stdlib"
    assert datetime.fromisoformat(record["timestamp"]).utcoffset() == timedelta(0)


def test_a_structlog_record_is_one_json_line_with_its_ids(output: io.StringIO) -> None:
    log.info("outbox_undeliverable", item_id=12345, ticket="TP-00001", channel="viber")

    record = only_record(output)
    assert list(record)[:4] == ["timestamp", "level", "logger", "event"]
    assert record["event"] == "outbox_undeliverable"
    assert record["level"] == "info"
    assert (record["item_id"], record["ticket"], record["channel"]) == (12345, "TP-00001", "viber")


def test_levels_below_the_configured_one_are_dropped(output: io.StringIO) -> None:
    configure_logging(logging.WARNING, stream=output)
    log.info("hidden")
    stdlib_log.info("hidden")
    log.warning("shown")
    assert [record["event"] for record in records(output)] == ["shown"]


def test_aiogram_does_not_log_every_update_it_routes(output: io.StringIO) -> None:
    routed = logging.getLogger("aiogram.event")
    routed.info("Update id=41 is handled. Duration 3 ms by bot id=123456")
    routed.warning("Update id=42 is not handled")
    assert [record["event"] for record in records(output)] == ["Update id=42 is not handled"]


def test_configuring_again_replaces_the_handler(output: io.StringIO) -> None:
    handlers = len(logging.getLogger().handlers)
    second = io.StringIO()
    configure_logging(logging.INFO, stream=second)
    log.info("once")
    assert len(logging.getLogger().handlers) == handlers
    assert output.getvalue() == ""
    assert only_record(second)["event"] == "once"


@pytest.mark.parametrize(("given", "masked"), PERSONAL)
def test_personal_data_is_masked_wherever_it_is(output: io.StringIO, given: str, masked: str) -> None:
    stdlib_log.warning(f"client {given} wrote")
    stdlib_log.warning("client %s wrote", given)
    log.warning("client wrote", contact=given, contacts=[given], chat=79161234567)
    try:
        raise ValueError(f"duplicate {given}")
    except ValueError:
        log.exception("structlog traceback")
        stdlib_log.exception("stdlib traceback")

    assert given not in output.getvalue()
    first, second, third, fourth, fifth = records(output)
    assert first["event"] == second["event"] == f"client {masked} wrote"
    assert third["contact"] == masked
    assert third["contacts"] == [masked]
    assert third["chat"] == "[phone]"
    assert fourth["exception"].endswith(f"ValueError: duplicate {masked}")
    assert fifth["exception"].endswith(f"ValueError: duplicate {masked}")


def test_ids_tickets_times_and_durations_stay(output: io.StringIO) -> None:
    event = "ticket TP-00001, item 12345, due 2026-11-25 10:00:00, took 0.0012345678901 s, token 5491234567890123456"
    stdlib_log.info(event)
    log.info("status", ticket="TP-00001", item_id=12345, at="2026-11-25T10:00:00+03:00")

    first, second = records(output)
    assert first["event"] == event
    assert (second["ticket"], second["item_id"], second["at"]) == ("TP-00001", 12345, "2026-11-25T10:00:00+03:00")


@pytest.mark.parametrize("huge", ["1 " * 500_000, "a" * 1_000_000, "a@" * 500_000, "+7-" * 333_333, "9" * 1_000_000])
def test_a_megabyte_value_is_cut_and_logged_at_once(output: io.StringIO, huge: str) -> None:
    stdlib_log.warning(huge)
    log.warning("huge", value=huge)

    assert all(len(line) < 10_000 for line in output.getvalue().splitlines())


def test_a_phone_cut_in_two_by_the_length_limit_does_not_leak_its_halves(output: io.StringIO) -> None:
    for offset in range(1985, 2015):  # the cuts fall before, inside and after the phone and the e-mail
        log.warning("long", value="," * offset + " 8 916 123-45-67 " + "y" * 5000)
        log.warning("long", value="y" * 5000 + " ivan@example.ru " + "," * offset)

    for record in records(output):
        rest = re.sub(r"\[… \d+ characters …\]|\[phone\]|\[email\]", "", record["value"])
        assert set(rest) <= set(", y"), rest


async def test_a_database_error_does_not_carry_the_bound_values(output: io.StringIO, tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'support.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE client (phone TEXT UNIQUE)"))
    with pytest.raises(IntegrityError) as raised:
        async with engine.begin() as connection:
            for _ in range(2):
                await connection.execute(text("INSERT INTO client (phone) VALUES (:phone)"), {"phone": "+79161234567"})
    await engine.dispose()

    assert "+79161234567" not in str(raised.value)
    assert "hide_parameters" in str(raised.value)


def test_an_access_line_keeps_the_path_and_drops_the_query(output: io.StringIO) -> None:
    """A question searched through the public FAQ endpoint reached the log percent-encoded, past the masking. (The
    record is filtered as uvicorn's logger does it: other tests run uvicorn servers that configure that logger.)"""
    access = logging.getLogger("uvicorn.access")
    [without_query] = [existing for existing in access.filters if isinstance(existing, WithoutQuery)]
    query = "q=%D0%A1%D0%B8%D0%B4%D0%BE%D1%80%D0%BE%D0%B2+%2b7+916+123-45-67+alex.sidorov%40example.ru"
    args = ("127.0.0.1:5000", "GET", f"/api/faq/search?{query}", "1.1", 200)
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None)
    assert without_query.filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /api/faq/search?… HTTP/1.1" 200'
