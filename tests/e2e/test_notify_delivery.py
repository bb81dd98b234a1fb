"""Digests reach people through real servers on 127.0.0.1: SMTP (STARTTLS) and the Bot API.

End to end through the CLI: a new Stop sends exactly one digest to its owner and one to the CMO
by each delivery; a second run the same day sends nothing; with `Remind every (days)` = 1 the
next day reminds. A failed delivery is counted, never fatal.
"""

from __future__ import annotations

import json
import logging
import ssl
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from rolemap.adapters.memory import MemoryStorage
from rolemap.adapters.xlsx_template import write_grids
from rolemap.cli import main
from rolemap.core.notify.digest import Digest
from rolemap.notify.smtp import SmtpSender
from rolemap.notify.telegram import TelegramSender
from rolemap.web import create_app
from rolemap.web.auth import sign_hmac
from tests.e2e.conftest import HMAC_SECRET, base_settings
from tests.e2e.notify_servers import TOKEN, BotApi, SmtpServer, bot_api, free_port, smtp_server
from tests.unit.notify_sheet import stop_team

DAY, NEXT_DAY = "2026-11-25", "2026-11-26"


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpServer]:
    yield from smtp_server(tmp_path)


@pytest.fixture
def bot() -> Iterator[BotApi]:
    yield from bot_api()


def _env(smtp: SmtpServer, bot: BotApi, **overrides: str) -> dict[str, str]:
    env = {
        "ROLEMAP_SMTP_URL": smtp.url(),
        "ROLEMAP_SMTP_CA_FILE": str(smtp.cert),
        "ROLEMAP_TELEGRAM_BOT_TOKEN": TOKEN,
        "ROLEMAP_TELEGRAM_API_URL": bot.url,
        "ROLEMAP_NOTIFY_TIMEOUT_SECONDS": "5",
    }
    return env | overrides


def _recalc(book: Path, day: str, env: dict[str, str]) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["recalc", str(book), "--json", "--as-of", day], env=env)
    assert result.exit_code == 0, result.output
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def _book(tmp_path: Path, **options: Any) -> Path:
    path = tmp_path / "team.xlsx"
    write_grids(path, stop_team(**options).snapshot().tabs)
    return path


def _last_log_cell(book: Path) -> object:
    sheet = load_workbook(book)["Run log"]
    return sheet.cell(sheet.max_row, sheet.max_column).value


def test_a_new_stop_reaches_owner_and_cmo_once_by_email_and_telegram(
    tmp_path: Path, smtp: SmtpServer, bot: BotApi
) -> None:
    book, env = _book(tmp_path), _env(smtp, bot)
    first = _recalc(book, DAY, env)
    assert smtp.mailbox.to() == ["maria@example.com", "anna@example.com"]
    assert bot.chats() == ["111", "222"]
    assert first["notifications_sent"] == 4
    assert first["notifications_failed"] == 0
    anna = smtp.mailbox.messages[1]
    assert anna["Subject"] == "Rolemap, 2026-11-25: 1 item(s) for Anna"
    assert anna["From"] == "rolemap@example.com"
    assert 'Stop "Google Ads"' in anna.get_content()
    assert 'Stop "Google Ads"' in bot.sent[1]["text"]
    assert _last_log_cell(book) == "4/0"

    again = _recalc(book, DAY, env)
    assert again["notifications"] == []
    assert again["notifications_sent"] == 0
    assert len(smtp.mailbox.messages) == 2
    assert len(bot.sent) == 2
    assert _last_log_cell(book) == "0/0"


def test_remind_every_day_reminds_the_next_day(
    tmp_path: Path, smtp: SmtpServer, bot: BotApi
) -> None:
    book, env = _book(tmp_path, remind=1), _env(smtp, bot)
    _recalc(book, DAY, env)
    _recalc(book, DAY, env)
    assert len(smtp.mailbox.messages) == 2
    assert len(bot.sent) == 2
    reminded = _recalc(book, NEXT_DAY, env)
    assert reminded["notifications_sent"] == 4
    assert smtp.mailbox.to()[2:] == ["maria@example.com", "anna@example.com"]
    assert "Still firing (reminder):" in smtp.mailbox.messages[3].get_content()
    assert bot.chats()[2:] == ["111", "222"]


def test_a_dry_run_notifies_nobody(tmp_path: Path, smtp: SmtpServer, bot: BotApi) -> None:
    result = CliRunner().invoke(
        main,
        ["recalc", str(_book(tmp_path)), "--json", "--dry-run", "--as-of", DAY],
        env=_env(smtp, bot),
    )
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["notifications"]) == 2
    assert smtp.mailbox.messages == []
    assert bot.sent == []


def test_failed_deliveries_are_counted_and_the_run_still_writes(
    tmp_path: Path, smtp: SmtpServer, bot: BotApi
) -> None:
    bot.refuse.add("222")
    book = _book(tmp_path)
    env = _env(smtp, bot, ROLEMAP_SMTP_URL=smtp.url(password="wrong"))
    payload = _recalc(book, DAY, env)
    assert payload["notifications_sent"] == 1  # Telegram to the CMO only
    assert payload["notifications_failed"] == 3
    assert smtp.mailbox.messages == []
    assert _last_log_cell(book) == "1/3"
    assert len(payload["flags"]) == 1


def test_an_unreachable_smtp_server_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    env = {"ROLEMAP_SMTP_URL": f"smtp://127.0.0.1:{free_port()}"}
    payload = _recalc(_book(tmp_path), DAY, env)
    assert (payload["notifications_sent"], payload["notifications_failed"]) == (0, 2)


def test_smtp_never_sends_in_clear_text(tmp_path: Path) -> None:
    """A server that cannot STARTTLS gets nothing: the digest is a failure, not a leak."""
    plain = smtp_server(tmp_path, tls=False)
    server = next(plain)
    try:
        digest = Digest(
            person="A", email="a@example.com", telegram=None, subject="s", text="t", items=1
        )
        delivery = SmtpSender(f"smtp://127.0.0.1:{server.port}", timeout=5).deliver([digest])
        assert (delivery.sent, delivery.failed) == (0, 1)
        assert server.mailbox.messages == []
    finally:
        plain.close()


def test_telegram_splits_nothing_and_trims_a_long_digest(bot: BotApi) -> None:
    digest = Digest(person="A", email=None, telegram="7", subject="s", text="x" * 5000, items=1)
    delivery = TelegramSender(TOKEN, api_url=bot.url, timeout=5).deliver([digest])
    assert (delivery.sent, delivery.failed) == (1, 0)
    assert len(bot.sent[0]["text"]) == 4096


def test_a_wrong_bot_token_counts_as_failed(bot: BotApi) -> None:
    digest = Digest(person="A", email=None, telegram="7", subject="s", text="t", items=1)
    delivery = TelegramSender("0:WRONG", api_url=bot.url, timeout=5).deliver([digest])
    assert (delivery.sent, delivery.failed) == (0, 1)


def test_the_service_delivers_after_a_written_recalculation(smtp: SmtpServer, bot: BotApi) -> None:
    """POST /recalculate with the notifier the factory builds from the environment's settings."""
    storage = MemoryStorage(stop_team().snapshot().tabs)
    settings = base_settings(
        smtp_url=smtp.url(),
        smtp_ca_file=str(smtp.cert),
        telegram_bot_token=TOKEN,
        telegram_api_url=bot.url,
    )
    client = create_app(settings, storage_factory=lambda _sheet: storage).test_client()

    def post(body: dict[str, Any]) -> dict[str, Any]:
        raw = json.dumps(body).encode()
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "X-Rolemap-Timestamp": stamp,
            "X-Rolemap-Signature": sign_hmac(HMAC_SECRET, stamp, raw),
        }
        response = client.post("/recalculate", data=raw, headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)
        answer: dict[str, Any] = response.get_json()
        return answer

    preview = post({"spreadsheet_id": "sheet-1", "dry_run": True, "as_of": DAY})
    assert preview["notifications_sent"] == 0
    assert smtp.mailbox.messages == []
    written = post({"spreadsheet_id": "sheet-1", "as_of": DAY})
    assert (written["notifications_sent"], written["notifications_failed"]) == (4, 0)
    assert smtp.mailbox.to() == ["maria@example.com", "anna@example.com"]
    assert bot.chats() == ["111", "222"]
    assert post({"spreadsheet_id": "sheet-1", "as_of": DAY})["notifications_sent"] == 0
    assert len(smtp.mailbox.messages) == 2


def test_delivery_failures_log_no_secret_and_no_address(smtp: SmtpServer, bot: BotApi) -> None:
    seen: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("rolemap.notify")
    logger.addHandler(handler)
    try:
        bot.refuse.add("222")
        digest = Digest(
            person="Anna", email="anna@example.com", telegram="222", subject="s", text="t", items=1
        )
        trust = ssl.create_default_context(cafile=str(smtp.cert))
        SmtpSender(smtp.url(password="wrong-pass"), timeout=5, context=trust).deliver([digest])
        TelegramSender(TOKEN, api_url=bot.url, timeout=5).deliver([digest])
        TelegramSender(TOKEN, api_url=f"http://127.0.0.1:{free_port()}", timeout=5).deliver(
            [digest]
        )
    finally:
        logger.removeHandler(handler)
    assert len(seen) == 3
    text = "\n".join(seen)
    for secret in ("wrong-pass", TOKEN, "anna@example.com", "222"):
        assert secret not in text
