"""A real SMTP server for the tests: aiosmtpd on a free port of 127.0.0.1, in a thread of its
own, keeping every message it accepts. It can refuse the next messages with a reply of the
test's choosing (451: try again later; 550: never), and can offer STARTTLS with a
self-signed certificate made for the run."""

import datetime as dt
import email
import email.policy
import ipaddress
import ssl
import threading
from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.processes import free_port


class Collector:
    """aiosmtpd's handler: keeps what arrives, or refuses it while refusals are queued."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.envelopes: list[Envelope] = []
        self.refusals: list[str] = []
        self.refused = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.lock:
            if self.refusals:
                self.refused += 1
                return self.refusals.pop(0)
            content = envelope.original_content or envelope.content
            assert isinstance(content, bytes)
            message = email.message_from_bytes(content, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            self.messages.append(message)
            self.raw.append(content)
            self.envelopes.append(envelope)
        return "250 2.0.0 OK: queued"


class MailServer:
    def __init__(self, tls_context: ssl.SSLContext | None = None) -> None:
        self.collector = Collector()
        self.port = free_port()
        self.controller = Controller(
            self.collector,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=tls_context,
            require_starttls=tls_context is not None,
        )

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        return self.collector.messages

    def refuse_next(self, reply: str = "451 4.3.0 Try again later", times: int = 1) -> None:
        with self.collector.lock:
            self.collector.refusals += [reply] * times

    def to(self, address: str) -> list[EmailMessage]:
        """The messages sent to `address`."""
        return [m for m in self.messages if m["To"] == address]

    def clear(self) -> None:
        with self.collector.lock:
            self.collector.messages.clear()
            self.collector.envelopes.clear()


def plain_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "no text/plain part"
    return part.get_content()


def html_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None, "no text/html part"
    return part.get_content()


def attachments(message: EmailMessage) -> list[EmailMessage]:
    return list(message.iter_attachments())  # type: ignore[arg-type]


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by itself, and its key (PEM files)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
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
    cert_file, key_file = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@pytest.fixture
async def mail_server(app) -> AsyncIterator[MailServer]:
    """An SMTP server that the app's mail jobs send to (plain SMTP, no TLS), for one test."""
    server = MailServer()
    server.start()
    original = app.state.settings
    app.state.settings = original.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": server.port, "smtp_security": "none"}
    )
    try:
        yield server
    finally:
        app.state.settings = original
        server.stop()
