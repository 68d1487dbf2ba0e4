"""Structured logs without personal data: ids and counts, never message texts or phones."""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

import structlog
from structlog.typing import EventDict, WrappedLogger

from core.pii import mask_personal

_HANDLER_NAME = "support-bot-json"
_FIRST_KEYS = ("timestamp", "level", "logger", "event")
# Longer strings keep their start and their end (where a traceback says what happened).
LIMIT = 4000
_KEPT = LIMIT // 2
# Characters a phone number or an e-mail is made of besides letters and digits: a value is cut
# between words, so that no half of a phone or of an e-mail escapes the masking.
_WORD_JOINERS = frozenset(" \u00a0.+-()@_")


def _joins_word(character: str) -> bool:
    return character.isalnum() or character in _WORD_JOINERS


def _clip(text: str) -> str:
    if len(text) <= LIMIT:
        return text
    head_end, tail_start = _KEPT, len(text) - _KEPT
    while head_end and _joins_word(text[head_end - 1]):
        head_end -= 1
    while tail_start < len(text) and _joins_word(text[tail_start]):
        tail_start += 1
    return f"{text[:head_end]}[… {tail_start - head_end} characters …]{text[tail_start:]}"


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_personal(_clip(value))
    if isinstance(value, bool | float | None):
        return value
    if isinstance(value, int):
        masked = mask_personal(str(value))  # a phone kept as a number, a Telegram user id
        return value if masked == str(value) else masked
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    return _masked(str(value))  # what the renderer would write: masked before it does


class WithoutQuery(logging.Filter):
    """uvicorn's access lines without their query strings: «/api/faq/search?q=…» carries a client's own words, names
    and phones percent-encoded past the masking («%2b7+916…», «alex%40example.ru»). The path stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def mask_personal_data(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    """Phones and e-mails out of every value of a record, the event and the traceback included."""
    ordered = {key: event_dict[key] for key in _FIRST_KEYS if key in event_dict} | event_dict
    return {key: _masked(value) for key, value in ordered.items()}


# What every record gets, from structlog or from any stdlib logger: name, level, time in UTC.
_SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp"),
]


def configure_logging(level: int = logging.INFO, stream: TextIO | None = None) -> logging.Handler:
    """One JSON line per record on ``stream`` (stderr by default) for structlog and stdlib loggers alike.

    The root logger gets a single handler of ours (calling again replaces it, other handlers are left
    alone); uvicorn, SQLAlchemy, aiogram and our modules all propagate to it. Returns the handler.
    """
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_SHARED,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=_SHARED,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                mask_personal_data,
                structlog.processors.JSONRenderer(ensure_ascii=False),
            ],
        )
    )
    handler.set_name(_HANDLER_NAME)
    root = logging.getLogger()
    for previous in [existing for existing in root.handlers if existing.get_name() == _HANDLER_NAME]:
        root.removeHandler(previous)
        previous.close()
    root.addHandler(handler)
    root.setLevel(level)
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(existing, WithoutQuery) for existing in access.filters):
        access.addFilter(WithoutQuery())
    # httpx logs every request URL at INFO: media links carry signatures, and the platforms' URLs say nothing new
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
    # aiogram logs every update it routes («Update id=… is handled. Duration …»): a line per message, nothing new
    logging.getLogger("aiogram.event").setLevel(max(level, logging.WARNING))
    return handler
