"""Real servers on 127.0.0.1 for the notification tests: SMTP with STARTTLS, and a Bot API.

The SMTP server is aiosmtpd, offering STARTTLS with a self-signed certificate made here and
requiring it before AUTH and mail; the Bot API server answers `sendMessage` like Telegram does.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

USER, PASSWORD = "rolemap@example.com", "s3cret"
TOKEN = "123456:TEST-TOKEN"


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mailbox:
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def to(self) -> list[str]:
        return [str(m["To"]) for m in self.messages]


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == (USER, PASSWORD)
    return AuthResult(success=ok)


@dataclass
class SmtpServer:
    port: int
    cert: Path
    mailbox: Mailbox

    def url(self, password: str = PASSWORD) -> str:
        return f"smtp://{USER.replace('@', '%40')}:{password}@127.0.0.1:{self.port}"


def smtp_server(directory: Path, *, tls: bool = True) -> Generator[SmtpServer, None, None]:
    """aiosmtpd on 127.0.0.1; with `tls`, STARTTLS is offered and required before AUTH/MAIL."""
    cert, key = self_signed(directory)
    context = None
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=tls,
        authenticator=_authenticate,
        auth_require_tls=tls,
        auth_required=tls,
    )
    controller.start()
    try:
        yield SmtpServer(port, cert, mailbox)
    finally:
        controller.stop()


@dataclass
class BotApi:
    url: str
    sent: list[dict[str, Any]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # chat ids answered like a blocked bot

    def chats(self) -> list[str]:
        return [str(m["chat_id"]) for m in self.sent]


def bot_api() -> Iterator[BotApi]:
    """A Bot API server that speaks `sendMessage` for one token."""
    api = BotApi(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path != f"/bot{TOKEN}/sendMessage":
                self._answer(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            elif str(body.get("chat_id")) in api.refuse:
                self._answer(
                    403,
                    {"ok": False, "error_code": 403, "description": "bot was blocked by the user"},
                )
            else:
                api.sent.append(body)
                result = {"message_id": len(api.sent), "chat": {"id": body["chat_id"]}}
                self._answer(200, {"ok": True, "result": result})

        def _answer(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
