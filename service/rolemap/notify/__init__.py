"""Delivering notification digests from the service or the CLI: SMTP and Telegram.

The core decides who hears what (`rolemap.core.notify`); this edge only carries the digests. A
delivery problem is counted, logged without secrets, and never fails the recalculation.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rolemap.core.notify.digest import Digest
from rolemap.settings import Settings

log = logging.getLogger("rolemap.notify")


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    failed: int = 0

    def __add__(self, other: Delivery) -> Delivery:
        return Delivery(self.sent + other.sent, self.failed + other.failed)


class Sender(Protocol):
    name: str

    def targets(self, digests: Sequence[Digest]) -> list[Digest]: ...

    def deliver(self, digests: Sequence[Digest]) -> Delivery: ...


class Notifier:
    """Every configured sender, each given the digests it has an address for."""

    def __init__(self, senders: Sequence[Sender]) -> None:
        self.senders = tuple(senders)

    @classmethod
    def from_settings(cls, settings: Settings) -> Notifier | None:
        """None when neither SMTP nor Telegram is configured."""
        # Imported only when configured: smtplib, ssl and email cost a CLI run about 0.06 s.
        senders: list[Sender] = []
        if settings.smtp_url.get_secret_value():
            from rolemap.notify.smtp import SmtpSender

            senders.append(SmtpSender.from_settings(settings))
        if settings.telegram_bot_token.get_secret_value():
            from rolemap.notify.telegram import TelegramSender

            senders.append(TelegramSender.from_settings(settings))
        return cls(senders) if senders else None

    def deliver(self, digests: Sequence[Digest]) -> Delivery:
        total = Delivery()
        for sender in self.senders:
            try:
                total += sender.deliver(digests)
            except Exception:  # a sender bug must not cost the team its recalculation
                log.exception("notify: %s failed", sender.name)
                total += Delivery(failed=len(sender.targets(digests)))
        return total
