"""Sending one mail: a `mail.send` job per message, composed when it is enqueued (recipient,
subject, text, HTML, attachments, Message-ID and Date in the payload), so that every retry
sends the same message. The handler speaks SMTP with aiosmtplib (STARTTLS, implicit TLS or
none, with a user and password if set). A temporary refusal (4xx), a lost connection or a
timeout is retried with back-off; a permanent refusal (5xx) fails the job at once. Without
SMTP_HOST nothing is sent: the job logs what it would have sent and succeeds."""

import base64
import email.policy
import logging
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any

import aiosmtplib

from samskap.config import Settings
from samskap.db import utcnow
from samskap.jobs import registry
from samskap.jobs.queue import enqueue
from samskap.jobs.worker import GiveUp, JobContext, Retry
from samskap.mail.templates import Rendered

SEND = "mail.send"
_POLICY = email.policy.default.clone(max_line_length=998)
log = logging.getLogger("samskap.mail")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # e.g. "text/calendar; method=REQUEST"
    data: bytes


def sender_address(settings: Settings) -> str:
    """The bare address of SAMSKAP_MAIL_SENDER ("Samskap <samskap@kommune.example>")."""
    return parseaddr(settings.mail_sender)[1] or settings.mail_sender


def enqueue_mail(
    session: Any,
    settings: Settings,
    *,
    to: str,
    mail: Rendered,
    choices: str,
    attachments: tuple[Attachment, ...] | list[Attachment] = (),
) -> None:
    """Adds a `mail.send` job carrying the whole message to the session's transaction."""
    domain = sender_address(settings).rpartition("@")[2] or "samskap"
    enqueue(
        session,
        SEND,
        {
            "to": to,
            "subject": mail.subject,
            "text": mail.text,
            "html": mail.html,
            "language": mail.language,
            "list_unsubscribe": choices,
            "message_id": make_msgid("samskap", domain=domain),
            "date": format_datetime(utcnow()),
            "attachments": [
                {
                    "filename": a.filename,
                    "content_type": a.content_type,
                    "data": base64.b64encode(a.data).decode(),
                }
                for a in attachments
            ],
        },
    )


def build_message(payload: dict[str, Any], settings: Settings) -> EmailMessage:
    """The message of a `mail.send` job: multipart/alternative (plain text, then HTML), in a
    multipart/mixed with the attachments when there are any."""
    # Headers folded only beyond RFC 5322's 998: a long List-Unsubscribe URL stays as it is
    # (folding would turn it into encoded words that mail clients do not read as a link).
    message = EmailMessage(policy=_POLICY)
    message["From"] = settings.mail_sender
    message["To"] = payload["to"]
    message["Subject"] = payload["subject"]
    message["Date"] = payload["date"]
    message["Message-ID"] = payload["message_id"]
    message["Content-Language"] = payload.get("language") or "nb"
    message["Auto-Submitted"] = "auto-generated"
    if payload.get("list_unsubscribe"):
        message["List-Unsubscribe"] = f"<{payload['list_unsubscribe']}>"
    message.set_content(payload["text"], subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        payload["html"], subtype="html", charset="utf-8", cte="quoted-printable"
    )
    for item in payload.get("attachments") or []:
        maintype, _, rest = item["content_type"].partition("/")
        subtype, _, params_text = rest.partition(";")
        params = {}
        for part in params_text.split(";"):
            key, _, value = part.strip().partition("=")
            if key:
                params[key.strip()] = value.strip()
        data = base64.b64decode(item["data"])
        if maintype == "text":
            message.add_attachment(
                data.decode("utf-8"),
                subtype=subtype.strip(),
                filename=item["filename"],
                params=params,
                cte="base64",
            )
        else:
            message.add_attachment(
                data,
                maintype=maintype,
                subtype=subtype.strip(),
                filename=item["filename"],
                params=params,
            )
    return message


def _tls_context(settings: Settings) -> ssl.SSLContext | None:
    if settings.smtp_ca_file is None:
        return None
    context = ssl.create_default_context()
    context.load_verify_locations(cafile=str(settings.smtp_ca_file))
    return context


def _refusal(code: int, text: str) -> Exception:
    if 500 <= code < 600:
        return GiveUp(f"SMTP server refused the message permanently: {code} {text}")
    return Retry(f"SMTP server refused the message for now: {code} {text}")


async def send_message(message: EmailMessage, settings: Settings) -> None:
    """Hands `message` to the configured SMTP server; raises Retry or GiveUp on failure."""
    security = settings.smtp_security
    try:
        await aiosmtplib.send(
            # Flattened here: aiosmtplib's own policy would fold at 78 again.
            message.as_bytes(policy=_POLICY.clone(linesep="\r\n")),
            sender=sender_address(settings),
            recipients=[message["To"]],
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_user or None,
            password=settings.smtp_password or None,
            use_tls=security == "tls",
            start_tls=security == "starttls",
            tls_context=_tls_context(settings),
            timeout=settings.smtp_timeout_seconds,
        )
    except aiosmtplib.SMTPRecipientsRefused as exc:
        worst = max((r.code for r in exc.recipients), default=550)
        raise _refusal(worst, "; ".join(r.message for r in exc.recipients)) from exc
    except aiosmtplib.SMTPResponseException as exc:
        raise _refusal(exc.code, exc.message) from exc
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        raise Retry(f"could not reach the SMTP server: {type(exc).__name__}: {exc}") from exc


# 1 min, 2, 4, ... at most 2 h: ten attempts span about seven hours.
@registry.handler(SEND, max_attempts=10, backoff=registry.exponential(base=60, cap=2 * 3600))
async def send(ctx: JobContext) -> None:
    payload = ctx.payload
    message = build_message(payload, ctx.settings)
    if not ctx.settings.smtp_host:
        # A warning, so that it shows where nothing else of the app logs (make run).
        log.warning(
            "SAMSKAP_SMTP_HOST is not set: not sending %r to %s (%d attachment(s)):\n%s",
            payload["subject"],
            payload["to"],
            len(payload.get("attachments") or []),
            payload["text"],
        )
        return
    await send_message(message, ctx.settings)
    log.info("sent %r to %s", payload["subject"], payload["to"])


def valid_address(value: str | None) -> bool:
    """Whether `value` can be a mail's recipient (Person.email is checked on input; this
    guards what came in before or by import)."""
    if not value or "\n" in value or "\r" in value:
        return False
    try:
        Address(addr_spec=value.strip())
    except (ValueError, IndexError):
        return False
    return "@" in value
