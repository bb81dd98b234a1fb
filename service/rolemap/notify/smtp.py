"""Digests by e-mail over SMTP: `ROLEMAP_SMTP_URL` = smtp://user:pass@host:587 (STARTTLS).

`smtp://` always upgrades with STARTTLS and refuses to send in clear text; `smtps://` uses TLS
from the first byte (port 465). One connection per run, one message per digest.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from rolemap.core.notify.digest import Digest
from rolemap.errors import RolemapError
from rolemap.notify import Delivery
from rolemap.settings import Settings

log = logging.getLogger("rolemap.notify")


class SmtpSender:
    name = "smtp"

    def __init__(
        self,
        url: str,
        *,
        sender: str = "",
        timeout: float = 10.0,
        context: ssl.SSLContext | None = None,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
            raise RolemapError("ROLEMAP_SMTP_URL must look like smtp://user:pass@host:587")
        self.implicit_tls = parts.scheme == "smtps"
        self.host = parts.hostname
        self.port = parts.port or (465 if self.implicit_tls else 587)
        self.user = unquote(parts.username or "")
        self.password = unquote(parts.password or "")
        self.sender = sender or (self.user if "@" in self.user else f"rolemap@{self.host}")
        self.timeout = timeout
        self.context = context or ssl.create_default_context()

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpSender:
        context = ssl.create_default_context()
        if settings.smtp_ca_file:
            context.load_verify_locations(settings.smtp_ca_file)
        return cls(
            settings.smtp_url.get_secret_value(),
            sender=settings.smtp_from,
            timeout=settings.notify_timeout_seconds,
            context=context,
        )

    def targets(self, digests: Sequence[Digest]) -> list[Digest]:
        return [d for d in digests if d.email]

    def _message(self, digest: Digest) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = digest.email or ""
        message["Subject"] = digest.subject
        message.set_content(digest.text)
        return message

    def _connect(self) -> smtplib.SMTP:
        if self.implicit_tls:
            return smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=self.context
            )
        client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            client.starttls(context=self.context)  # raises when the server cannot: no clear text
        except BaseException:
            client.close()
            raise
        return client

    def deliver(self, digests: Sequence[Digest]) -> Delivery:
        targets = self.targets(digests)
        if not targets:
            return Delivery()
        sent = 0
        try:
            with self._connect() as client:
                if self.user:
                    client.login(self.user, self.password)
                for digest in targets:
                    try:
                        client.send_message(self._message(digest))
                        sent += 1
                    except smtplib.SMTPRecipientsRefused:
                        log.warning("notify: the SMTP server refused a recipient")
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("notify: SMTP delivery to %s:%s failed: %s", self.host, self.port, exc)
        return Delivery(sent=sent, failed=len(targets) - sent)
