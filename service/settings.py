"""All configuration, read once from the environment and `.env` (CONTRACT.md, «Settings»)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDERS = {"changethis", "changeme", "secret", "token", "xxx"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./data/support.db"
    public_base_url: str = "http://localhost:8000"
    admin_api_token: SecretStr | None = None
    data_dir: Path = Path("./data")

    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_base: str = "https://api.telegram.org"
    telegram_staff_chat_id: str | None = None
    # what the bot may send a second, clients and the group together (Telegram's «about 30»; more with its paid
    # broadcasts); per process
    telegram_messages_per_second: float = Field(default=30, gt=0)
    staff_lead_ids: str | None = None  # Telegram user ids of the support lead(s), comma-separated (STAFF_LEAD_IDS)
    staff_on_duty_ids: str | None = None  # engineers mentioned on a critical ticket; the leads when unset
    critical_alerts_off_hours: bool = True  # a critical ticket is announced in the group also outside working hours
    reminder_before_hours: float = Field(default=2, ge=0)  # working hours before a deadline: the topic's reminder

    viber_auth_token: SecretStr | None = None
    viber_bot_name: str = "ТвинПро Поддержка"
    viber_api_base: str = "https://chatapi.viber.com/pa"

    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    twilio_whatsapp_from: str | None = None
    twilio_api_base: str = "https://api.twilio.com"
    twilio_content_sid: str | None = None

    email_imap_url: SecretStr | None = None  # imap[s]://USER:PASSWORD@HOST:PORT/MAILBOX: the help@ mailbox
    email_smtp_url: SecretStr | None = None  # smtp[s]://[USER:PASSWORD@]HOST:PORT[?starttls=1]
    email_from: str | None = None  # «ТвинПро Поддержка <help@twinpro.ru>»

    support_timezone: str = "Europe/Moscow"
    outbox_poll_seconds: float = 0.5
    run_dispatcher: bool = True  # this process also processes the inbox and delivers the outbox
    data_retention_days: int = Field(default=30, ge=1)  # delivered and processed payloads are emptied after this
    retry_horizon_hours: float = Field(default=24, gt=0)  # an undelivered message is retried this long, then dead
    degraded_after_minutes: float = Field(default=5, ge=0)  # older undelivered messages make /healthz «degraded»

    @field_validator(
        "admin_api_token", "telegram_webhook_secret", "telegram_bot_token", "viber_auth_token", "twilio_auth_token"
    )
    @classmethod
    def _refuse_placeholders(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().strip().lower() in PLACEHOLDERS:
            raise ValueError("replace the placeholder secret with a real value")
        if value is not None and not value.get_secret_value().strip():
            return None
        return value

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.support_timezone)

    @property
    def lead_ids(self) -> frozenset[int]:
        return _user_ids(self.staff_lead_ids)

    @property
    def on_duty_ids(self) -> frozenset[int]:
        return _user_ids(self.staff_on_duty_ids) or self.lead_ids

    @property
    def telegram_enabled(self) -> bool:
        return self.telegram_bot_token is not None

    @property
    def viber_enabled(self) -> bool:
        return self.viber_auth_token is not None

    @property
    def whatsapp_enabled(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_whatsapp_from) and self.twilio_auth_token is not None

    @property
    def email_enabled(self) -> bool:
        return self.email_imap_url is not None

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"


def _user_ids(listed: str | None) -> frozenset[int]:
    """«123, 456» → {123, 456}; anything that is not a number is ignored."""
    words = (listed or "").replace(";", ",").split(",")
    return frozenset(int(w) for w in (w.strip() for w in words) if w.lstrip("-").isdigit())
