"""Service and CLI settings, from the environment (prefix `ROLEMAP_`).

Built by `create_app` or the CLI, never at import time, so tests can pass their own.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _split(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROLEMAP_", extra="ignore")

    # Google Sheets access
    sheets_api_url: str = "https://sheets.googleapis.com"
    drive_api_url: str = "https://www.googleapis.com"
    credentials_file: str | None = Field(
        default=None,
        validation_alias=AliasChoices("ROLEMAP_CREDENTIALS_FILE", "GOOGLE_APPLICATION_CREDENTIALS"),
    )
    http_timeout_seconds: float = 30.0
    retry_max_seconds: float = 60.0
    retry_base_seconds: float = 0.5
    retry_cap_seconds: float = 16.0

    # Caller authentication
    auth_mode: Literal["id_token", "hmac"] = "id_token"
    oauth_client_id: str = ""
    allowed_emails: str = ""
    allowed_domains: str = ""
    allowed_spreadsheets: str = ""
    google_certs_url: str = "https://www.googleapis.com/oauth2/v1/certs"
    hmac_secret: SecretStr = SecretStr("")
    hmac_max_skew_seconds: int = 300

    # Load
    max_body_bytes: int = 16_384
    rate_limit_per_minute: int = 6
    lock_wait_seconds: float = 30.0
    log_level: str = "INFO"

    # Notifications the service or the CLI delivers (docs/contract-notifications.md); empty: off.
    smtp_url: SecretStr = SecretStr("")  # smtp://user:pass@host:587 (STARTTLS) or smtps://
    smtp_from: str = ""  # the From address; default: the URL's user when it is an address
    smtp_ca_file: str | None = None  # trust this CA bundle too (a private relay's own cert)
    telegram_bot_token: SecretStr = SecretStr("")
    telegram_api_url: str = "https://api.telegram.org"
    notify_timeout_seconds: float = 10.0

    @property
    def allowed_email_set(self) -> frozenset[str]:
        return frozenset(e.casefold() for e in _split(self.allowed_emails))

    @property
    def allowed_domain_set(self) -> frozenset[str]:
        return frozenset(d.casefold().lstrip("@") for d in _split(self.allowed_domains))

    @property
    def allowed_spreadsheet_set(self) -> frozenset[str]:
        return frozenset(_split(self.allowed_spreadsheets))

    @property
    def uses_local_api(self) -> bool:
        """A loopback Sheets API (the emulator) needs no Google credentials."""
        host = self.sheets_api_url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
        return host in {"127.0.0.1", "localhost", "[::1]"}
