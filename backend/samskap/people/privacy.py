"""The data subject's rights: everything held about a person (GDPR art. 15), and erasure
that anonymises the person while every record that referred to them stays intact."""

from typing import Any

from sqlalchemy import or_, select, update

from samskap.audit.log import snapshot
from samskap.db import utcnow
from samskap.involvements.schemas import InvolvementRead
from samskap.involvements.service import InvolvementService
from samskap.kit.etag import check_if_match
from samskap.models import (
    AuditEvent,
    Deadline,
    EventParticipant,
    ExpectedResult,
    GroupMember,
    Idea,
    IdeaSupport,
    Involvement,
    Membership,
    Person,
    Project,
    Task,
    involvement_participant,
)
from samskap.models.enums import ProgrammeRole
from samskap.people.service import PersonService
from samskap.problems import Conflict, Forbidden

ERASED_NAME = "Anonymisert person"
REDACTED = {"redacted": True}


async def export_person(service: PersonService, person: Person) -> dict[str, Any]:
    if not service.may_see_special_category(person):
        raise Forbidden("Only a programme administrator or the person may export a person's data.")
    session, pid = service.session, person.id

    async def rows(stmt) -> list[dict]:
        return [snapshot(r) for r in (await session.scalars(stmt)).all()]

    involvements = (
        await session.scalars(
            select(Involvement)
            .join(
                involvement_participant, involvement_participant.c.involvement_id == Involvement.id
            )
            .where(involvement_participant.c.person_id == pid)
            .options(*InvolvementService.spec.options)
        )
    ).all()
    # Shown as the involvement reads show them: an observer sees who took part by number only.
    presenter = InvolvementService(session, service.principal)
    involvement_reads = [
        InvolvementRead.model_validate(await presenter.present(i)).model_dump(mode="json")
        for i in involvements
    ]
    service.audit("export", person, None, {"fields": ["all"]})
    return {
        "person": snapshot(person),
        "group_memberships": await rows(select(GroupMember).where(GroupMember.person_id == pid)),
        "projects": await rows(
            select(Project).where(
                or_(
                    Project.leader_id == pid,
                    Project.owner_id == pid,
                    Project.mandate_approved_by_id == pid,
                )
            )
        ),
        "tasks": await rows(select(Task).where(Task.assignee_id == pid)),
        # Invitations to events: whether the person came, and their own answer beforehand.
        "event_invitations": await rows(
            select(EventParticipant)
            .where(EventParticipant.person_id == pid)
            .order_by(EventParticipant.event_id)
        ),
        "deadlines": await rows(
            select(Deadline).where(
                or_(Deadline.responsible_person_id == pid, Deadline.recipient_id == pid)
            )
        ),
        "involvements": involvement_reads,
        "expected_results": await rows(
            select(ExpectedResult).where(ExpectedResult.done_by_id == pid)
        ),
        "programme_memberships": await rows(select(Membership).where(Membership.person_id == pid)),
        # Ideas sent with the person's name (an anonymous idea names no one), and supported.
        "ideas": await rows(select(Idea).where(Idea.submitter_person_id == pid)),
        "idea_supports": [
            {"idea_id": str(s.idea_id), "supported_at": s.supported_at.isoformat()}
            for s in await session.scalars(select(IdeaSupport).where(IdeaSupport.person_id == pid))
        ],
        "audit_events": await rows(
            select(AuditEvent)
            .where(AuditEvent.record_type == "person", AuditEvent.record_id == pid)
            .order_by(AuditEvent.occurred_at)
        ),
    }


async def erase_person(service: PersonService, person: Person, if_match: str | None) -> Person:
    """Blank what identifies the person; keep the record (and so every count) in place."""
    check_if_match(if_match, person.version)
    if not service.principal.at_least(person.programme_id, ProgrammeRole.programme_admin):
        raise Forbidden("Only a programme administrator may erase a person.")
    if person.erased_at is not None:
        raise Conflict("The person has already been erased.")
    session = service.session
    for field in (
        "email",
        "title",
        "organisation_unit",
        "municipality_number",
        "union",
        "external_id",
    ):
        setattr(person, field, None)
    person.name = ERASED_NAME
    person.erased_at = utcnow()
    person.updated_at = utcnow()
    await service.flush()
    # The trail keeps that the person's record changed, not what it said about them.
    await session.execute(
        update(AuditEvent)
        .where(AuditEvent.record_type == "person", AuditEvent.record_id == person.id)
        .values(before=REDACTED, after=REDACTED)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Membership)
        .where(Membership.person_id == person.id)
        .values(person_id=None)
        .execution_options(synchronize_session=False)
    )
    service.audit("erase", person, REDACTED, REDACTED)
    return await service.get(person.id)
