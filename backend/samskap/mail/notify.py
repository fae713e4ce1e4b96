"""One notification as a mail of its own, for a user who chose `notifications`.

    from samskap.mail.notify import send_notification_mail
    send_notification_mail(session, user_id, notification, path="/p/<programme>/deadlines")

Call it with the session in which the notification is added (a consumer's, a handler's): it
enqueues a `mail.notification` job in that transaction, so the mail goes only if the
notification is committed, and it does no I/O itself. The job, run by the worker, looks up
the user's account address and mail choices: nothing is sent unless the address chose
`notifications` (off by default; the daily digest is a choice of its own, see digest.py).
The mail is worded from the notification's type and facts (title, due_at, starts_at,
programme_name, url, ...) in the address's language, links to `path` in the web app (when
given, else the page the notification centre links it to) and, like every mail, to the
address's choices.
"""

import contextlib
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select

from samskap.jobs import registry
from samskap.jobs.queue import enqueue
from samskap.jobs.worker import JobContext
from samskap.mail.sending import enqueue_mail, valid_address
from samskap.mail.service import choices_for
from samskap.mail.templates import language_of, notification_line, render, time_words
from samskap.mail.tokens import choices_url, normal_address
from samskap.models import Notification, User
from samskap.notifications.service import path_of

NOTIFY = "mail.notification"


def send_notification_mail(
    session: Any,
    user_id: uuid.UUID,
    notification: Notification,
    *,
    path: str | None = None,
) -> None:
    """Mails `notification` to the user at once if they chose `notifications` (see the
    module's docstring), linking to `path` or else to the page the notification centre
    links to. Adds a job to `session`; commit it as usual."""
    enqueue(
        session,
        NOTIFY,
        {
            "user_id": str(user_id),
            "type": notification.type,
            "programme_id": str(notification.programme_id) if notification.programme_id else None,
            "record_type": notification.record_type,
            "record_id": str(notification.record_id) if notification.record_id else None,
            "facts": notification.facts or {},
            "path": path or path_of(notification),
        },
    )


def worded_facts(facts: dict[str, Any], language: str) -> dict[str, Any]:
    """A notification's facts with its times worded in the language (due, starts)."""
    out: dict[str, Any] = dict(facts)
    if "programme" not in out and facts.get("programme_name"):
        out["programme"] = facts["programme_name"]
    for key, name in (("due_at", "due"), ("starts_at", "starts"), ("deadline_at", "deadline")):
        value = facts.get(key)
        if isinstance(value, str) and value:
            with contextlib.suppress(ValueError):
                out.setdefault(name, time_words(datetime.fromisoformat(value), language))
    return out


def record_link(public_url: str, path: str | None) -> str | None:
    return public_url.rstrip("/") + path if path and path.startswith("/") else None


@registry.handler(NOTIFY)
async def compose_notification(ctx: JobContext) -> None:
    payload = ctx.payload
    email = await ctx.session.scalar(
        select(User.email).where(User.id == uuid.UUID(payload["user_id"]), User.active)
    )
    if not valid_address(email):
        return
    assert email is not None
    choices = (await choices_for(ctx.session, [email]))[normal_address(email)]
    if not choices.notifications:
        return
    language = language_of(choices.language)
    facts = worded_facts(payload.get("facts") or {}, language)
    what = notification_line(payload["type"], facts, language)
    details = facts.get("description") if isinstance(facts.get("description"), str) else None
    link = record_link(ctx.settings.public_url, payload.get("path"))
    choices_link = choices_url(ctx.settings, email)
    mail = render(
        "notification",
        language,
        {"what": what, "details": details},
        choices=choices_link,
        link=link,
    )
    enqueue_mail(ctx.session, ctx.settings, to=email, mail=mail, choices=choices_link)
