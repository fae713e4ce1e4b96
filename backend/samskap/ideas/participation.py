"""Ideas sent without an account, through a programme's participation link, and followed
through their receipt.

The link's secret opens its form and takes ideas; the receipt's secret shows one idea's
follow-up. Neither opens anything else. Only their SHA-256 is stored. An anonymous idea keeps
no name, no address and no account: the audit event of a submission names no actor and no
request, and the access log shows these paths without the secret and without the client's
address (`HideParticipants`). The rate limit counts per address in memory only, by a hash
salted per process.
"""

import hashlib
import logging
import re
import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event
from samskap.auth.principal import Principal
from samskap.auth.tokens import digest, new_secret
from samskap.db import utcnow
from samskap.ideas.common import receipt_path
from samskap.ideas.schemas import (
    FormProject,
    IdeaReceipt,
    IdeaReceiptView,
    ParticipationForm,
    PublicIdeaSubmit,
    ReceiptStatusChange,
    StatusMeaning,
)
from samskap.ideas.service import idea_snapshot, require_text, status_changes_of
from samskap.kit.ids import uuid7
from samskap.models import Idea, IdeaStatusChange, ParticipationLink, Programme, Project
from samskap.models.enums import IdeaChannel, IdeaStatus
from samskap.problems import Gone, NotFound, ValidationFailed

# Secrets are made as 43 characters; anything far from that is not one.
_TOKEN_LENGTH = range(20, 129)


async def find_link(session: AsyncSession, token: str) -> ParticipationLink:
    """The open link a token names: 404 when there is none, 410 when it is closed."""
    link = None
    if len(token) in _TOKEN_LENGTH:
        link = (
            await session.scalars(
                select(ParticipationLink).where(ParticipationLink.token_hash == digest(token))
            )
        ).first()
    if link is None:
        raise NotFound(detail="No idea form for this link; check that the whole link was copied.")
    if link.closed_at is not None:
        raise Gone(
            "This link is closed and takes no more ideas.",
            errors=[{"code": "link_closed", "detail": "the link is closed"}],
        )
    return link


async def _projects(session: AsyncSession, link: ParticipationLink) -> list[Project]:
    stmt = select(Project).where(Project.programme_id == link.programme_id)
    if link.project_id is not None:
        stmt = stmt.where(Project.id == link.project_id)
    return list(await session.scalars(stmt.order_by(Project.code, Project.id)))


async def form(session: AsyncSession, link: ParticipationLink) -> ParticipationForm:
    programme = await session.get(Programme, link.programme_id)
    assert programme is not None
    return ParticipationForm(
        programme_name=programme.name,
        label=link.label,
        project_id=link.project_id,
        projects=[
            FormProject(id=p.id, code=p.code, name=p.name) for p in await _projects(session, link)
        ],
        statuses=[StatusMeaning(status=s, meaning=s.meaning) for s in IdeaStatus],
    )


async def submit(
    session: AsyncSession, link: ParticipationLink, body: PublicIdeaSubmit
) -> IdeaReceipt:
    """Store the idea with its first status, and answer its receipt once."""
    require_text(body.description, "description")
    if body.anonymous and body.name is not None:
        raise ValidationFailed.at(
            "/name", "an anonymous idea is sent without a name", code="name_with_anonymous"
        )
    if not body.anonymous and body.name is None:
        raise ValidationFailed.at(
            "/name", "give your name, or send the idea anonymously", code="name_required"
        )
    project_id = body.project_id or link.project_id
    if project_id is not None and project_id not in {p.id for p in await _projects(session, link)}:
        raise ValidationFailed.at(
            "/project_id", "not one of the projects of this form", code="unknown_reference"
        )
    receipt = new_secret()
    now = utcnow()
    idea = Idea(
        id=uuid7(),
        programme_id=link.programme_id,
        title=body.title,
        description=body.description,
        project_id=project_id,
        status=IdeaStatus.received,
        channel=IdeaChannel.link,
        received_at=now,
        anonymous=body.anonymous,
        submitter_name=None if body.anonymous else body.name,
        receipt_hash=digest(receipt),
    )
    session.add(idea)
    await session.flush()
    session.add(
        IdeaStatusChange(
            programme_id=idea.programme_id, idea_id=idea.id, status=idea.status, changed_at=now
        )
    )
    # No actor and no request id: nothing ties the trail to who sent it, or from where.
    record_event(
        session,
        Principal(via="system"),
        action="create",
        record_type="idea",
        record_id=idea.id,
        programme_id=idea.programme_id,
        after=idea_snapshot(idea),
    )
    await session.flush()
    return IdeaReceipt(
        receipt_token=receipt,
        receipt_path=receipt_path(receipt),
        title=idea.title,
        status=idea.status,
    )


async def receipt(session: AsyncSession, token: str) -> IdeaReceiptView:
    """One idea's title, status and follow-up, by its receipt."""
    idea = None
    if len(token) in _TOKEN_LENGTH:
        idea = (
            await session.scalars(select(Idea).where(Idea.receipt_hash == digest(token)))
        ).first()
    if idea is None:
        raise NotFound(detail="No idea for this receipt; check that the whole link was copied.")
    if idea.archived_at is not None:
        raise Gone(
            "The idea has been archived.",
            errors=[{"code": "idea_archived", "detail": "the idea is archived"}],
        )
    return IdeaReceiptView(
        title=idea.title,
        status=idea.status,
        reason=idea.reason if idea.status == IdeaStatus.not_pursued else None,
        status_changes=[
            ReceiptStatusChange(
                status=c["status"],
                changed_at=c["changed_at"],
                comment=c["comment"],
                reason=c["reason"],
                meeting=c["meeting"],
            )
            for c in await status_changes_of(session, idea.id)
        ],
    )


_SALT = secrets.token_bytes(16)


def address_key(address: str) -> str:
    """What the rate limit counts by: the address hashed with a salt that lives only as long
    as the process, so the counter's memory holds no address."""
    return hashlib.sha256(_SALT + address.encode()).hexdigest()


_SECRET_PATH = re.compile(r"(/participation/|/idea-receipts/|^/i/|^/r/)[^/?#\s]+")


class HideParticipants(logging.Filter):
    """Keeps the secrets of participation links and receipts, and the address of whoever
    uses them, out of the server's access log."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and any(
            isinstance(a, str) and _SECRET_PATH.search(a) for a in args
        ):
            # uvicorn's access log: (client address, method, path, HTTP version, status).
            record.args = tuple(
                "-" if i == 0 else (_SECRET_PATH.sub(r"\1…", a) if isinstance(a, str) else a)
                for i, a in enumerate(args)
            )
        elif isinstance(record.msg, str) and _SECRET_PATH.search(record.msg):
            record.msg = _SECRET_PATH.sub(r"\1…", record.msg)
        return True


def hide_participants_in_access_log() -> None:
    """Install HideParticipants on uvicorn's access log (once)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, HideParticipants) for f in access.filters):
        access.addFilter(HideParticipants())
