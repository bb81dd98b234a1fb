"""Digests by Telegram: the Bot API's `sendMessage` to the chat id in `Roles` › `Telegram`.

The base URL is configurable (`ROLEMAP_TELEGRAM_API_URL`) for a self-hosted Bot API server and
for tests. The token is part of every URL, so no URL is ever logged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import requests

from rolemap.core.notify.digest import Digest
from rolemap.notify import Delivery
from rolemap.settings import Settings

log = logging.getLogger("rolemap.notify")
MAX_TEXT = 4096  # the Bot API's limit on one message, in characters


class TelegramSender:
    name = "telegram"

    def __init__(
        self,
        token: str,
        *,
        api_url: str = "https://api.telegram.org",
        timeout: float = 10.0,
        session: requests.Session | None = None,
    ) -> None:
        self._endpoint = f"{api_url.rstrip('/')}/bot{token}/sendMessage"
        self.timeout = timeout
        self.session = session or requests.Session()

    @classmethod
    def from_settings(cls, settings: Settings) -> TelegramSender:
        return cls(
            settings.telegram_bot_token.get_secret_value(),
            api_url=settings.telegram_api_url,
            timeout=settings.notify_timeout_seconds,
        )

    def targets(self, digests: Sequence[Digest]) -> list[Digest]:
        return [d for d in digests if d.telegram]

    def _send(self, digest: Digest) -> bool:
        text = digest.text if len(digest.text) <= MAX_TEXT else digest.text[: MAX_TEXT - 1] + "…"
        try:
            answer = self.session.post(
                self._endpoint,
                json={"chat_id": digest.telegram, "text": text},
                timeout=self.timeout,
            )
            ok = answer.status_code == 200 and bool(answer.json().get("ok"))
        except (requests.RequestException, ValueError) as exc:
            log.warning("notify: Telegram unreachable: %s", type(exc).__name__)
            return False
        if not ok:
            # Chat ids are cell contents: the status is enough to act on.
            log.warning("notify: Telegram refused a message (HTTP %s)", answer.status_code)
        return ok

    def deliver(self, digests: Sequence[Digest]) -> Delivery:
        targets = self.targets(digests)
        sent = sum(self._send(d) for d in targets)
        return Delivery(sent=sent, failed=len(targets) - sent)
