"""The participant's own page, and the caller's own survey link.

The page gathers, for the persons the signed-in user's memberships name, what waits for them
across the programmes asked for. Each section is one query over all those persons at once,
so the page costs the same number of statements however many programmes, meetings or tasks
there are. Only rows tied to the caller's own persons are read: a user without a person in a
programme gets empty sections for it, never anyone else's.

The survey link re-issues the caller's own unused invitation: a new secret replaces the
stored hash (the old link stops working). Answers keep no link to the invitation or the
person (see surveys/answering.py); the trail records only that the invitation was re-issued.
"""

import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event
from samskap.auth.principal import Principal
from samskap.auth.tokens import digest, new_secret
from samskap.db import utcnow
from samskap.kit.clock import local_day
from samskap.models import (
    Deadline,
    Event,
    EventParticipant,
    Group,
    GroupMember,
    Hearing,
    HearingInvitee,
    HearingResponse,
    Person,
    Programme,
    Project,
    Task,
)
from samskap.models.enums import DeadlineStatus, HearingStatus, SurveyStatus, TaskStatus
from samskap.models.participation import Idea, IdeaSupport
from samskap.models.survey import SurveyInvitation, SurveyRound
from samskap.my_page.schemas import (
    MyDeadline,
    MyGroup,
    MyHearing,
    MyIdea,
    MyMeeting,
    MyOverview,
    MyProgramme,
    MySurveyLink,
    MySurveyRound,
    MyTask,
)
from samskap.problems import Forbidden, NotFound, conflict
from samskap.surveys.common import answer_path


def _no_integrations(principal: Principal) -> None:
    if principal.via == "api_token":
        raise Forbidden(
            "An API token acts for an integration, not for a person: the own page and its "
            "links are for signed-in users.",
            errors=[{"code": "person_required", "detail": "sign in as a user"}],
        )


def _current_membership(today):
    return and_(
        or_(GroupMember.starts_on.is_(None), GroupMember.starts_on <= today),
        or_(GroupMember.ends_on.is_(None), GroupMember.ends_on >= today),
    )


async def my_overview(
    session: AsyncSession, principal: Principal, programme_id: uuid.UUID | None
) -> MyOverview:
    """The caller's own page, for one programme or for every programme they have a role in."""
    _no_integrations(principal)
    if programme_id is not None:
        if principal.role_in(programme_id) is None:
            raise NotFound("programme")
        wanted = {programme_id}
    else:
        wanted = set(principal.roles)
    now = utcnow()
    today = local_day(now)
    programmes = (
        await session.execute(
            select(Programme.id, Programme.name)
            .where(Programme.id.in_(wanted))
            .order_by(Programme.name, Programme.id)
        )
    ).all()
    persons = {pid: person for pid in wanted if (person := principal.person_in(pid)) is not None}
    sections = await _sections(session, list(persons.values()), now, today) if persons else {}
    names = (
        dict(
            (
                await session.execute(
                    select(Person.id, Person.name).where(Person.id.in_(persons.values()))
                )
            ).all()
        )
        if persons
        else {}
    )
    pages = []
    for pid, name in programmes:
        person_id = persons.get(pid)
        mine = sections.get(person_id, {}) if person_id else {}
        role = principal.role_in(pid)
        assert role is not None  # only programmes with a role are wanted
        pages.append(
            MyProgramme(
                programme_id=pid,
                programme_name=name,
                role=role,
                person_id=person_id,
                person_name=names.get(person_id) if person_id else None,
                groups=mine.get("groups", []),
                meetings=mine.get("meetings", []),
                tasks=mine.get("tasks", []),
                deadlines=mine.get("deadlines", []),
                hearings=mine.get("hearings", []),
                ideas=mine.get("ideas", []),
                survey_rounds=mine.get("survey_rounds", []),
            )
        )
    return MyOverview(generated_at=now, today=today, programmes=pages)


async def _sections(
    session: AsyncSession, person_ids: list[uuid.UUID], now: datetime, today
) -> dict[uuid.UUID, dict[str, list]]:
    """Every section for every person, keyed by person then section; one query a section."""
    out: dict[uuid.UUID, dict[str, list]] = defaultdict(lambda: defaultdict(list))

    memberships = (
        await session.execute(
            select(GroupMember, Group)
            .join(Group, Group.id == GroupMember.group_id)
            .where(GroupMember.person_id.in_(person_ids), _current_membership(today))
            .order_by(Group.name, Group.id)
        )
    ).all()
    group_of: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for member, group in memberships:
        group_of[member.person_id].add(group.id)
        out[member.person_id]["groups"].append(
            MyGroup(
                group_id=group.id,
                name=group.name,
                kind=group.kind,
                project_id=group.project_id,
                role=member.role,
                party=member.party,
            )
        )
    # The groups the persons sit in today, as a subquery for the sections that name groups.
    their_groups = select(GroupMember.group_id).where(
        GroupMember.person_id.in_(person_ids), _current_membership(today)
    )

    meetings = (
        await session.execute(
            select(EventParticipant, Event, Group.name)
            .join(Event, Event.id == EventParticipant.event_id)
            .outerjoin(Group, Group.id == Event.group_id)
            .where(EventParticipant.person_id.in_(person_ids), Event.starts_at >= now)
            .order_by(Event.starts_at, Event.id)
        )
    ).all()
    for participant, event, group_name in meetings:
        out[participant.person_id]["meetings"].append(
            MyMeeting(
                event_id=event.id,
                title=event.title,
                kind=event.kind,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                location=event.location,
                group_id=event.group_id,
                group_name=group_name,
                reply=participant.reply,
                replied_at=participant.replied_at,
            )
        )

    tasks = (
        await session.execute(
            select(Task, Project.code, Project.name)
            .join(Project, Project.id == Task.project_id)
            .where(Task.assignee_id.in_(person_ids), Task.status != TaskStatus.done)
            .order_by(Task.due_on.is_(None), Task.due_on, Task.title, Task.id)
        )
    ).all()
    for task, code, project_name in tasks:
        assert task.assignee_id is not None
        out[task.assignee_id]["tasks"].append(
            MyTask(
                task_id=task.id,
                title=task.title,
                project_id=task.project_id,
                project_code=code,
                project_name=project_name,
                status=task.status,
                priority=task.priority,
                due_on=task.due_on,
                overdue=task.due_on is not None and task.due_on < today,
            )
        )

    deadlines = (
        await session.scalars(
            select(Deadline)
            .where(
                Deadline.status == DeadlineStatus.open,
                or_(
                    Deadline.responsible_person_id.in_(person_ids),
                    Deadline.recipient_id.in_(person_ids),
                    Deadline.responsible_group_id.in_(their_groups),
                ),
            )
            .order_by(Deadline.due_at, Deadline.id)
        )
    ).all()
    for deadline in deadlines:
        for person_id in person_ids:
            why = _why(deadline, person_id, group_of[person_id])
            if why is None:
                continue
            out[person_id]["deadlines"].append(
                MyDeadline(
                    deadline_id=deadline.id,
                    title=deadline.title,
                    due_at=deadline.due_at,
                    overdue=deadline.due_at < now,
                    project_id=deadline.project_id,
                    why=why,
                )
            )

    answered = exists().where(HearingResponse.invitee_id == HearingInvitee.id)
    hearings = (
        await session.execute(
            select(HearingInvitee, Hearing, Group.name)
            .join(Hearing, Hearing.id == HearingInvitee.hearing_id)
            .outerjoin(Group, Group.id == HearingInvitee.group_id)
            .where(
                Hearing.status == HearingStatus.open,
                or_(
                    HearingInvitee.person_id.in_(person_ids),
                    HearingInvitee.group_id.in_(their_groups),
                ),
                ~answered,
            )
            .order_by(Hearing.deadline_at, Hearing.id, HearingInvitee.position)
        )
    ).all()
    for invitee, hearing, group_name in hearings:
        for person_id in person_ids:
            if invitee.person_id != person_id and invitee.group_id not in group_of[person_id]:
                continue
            out[person_id]["hearings"].append(
                MyHearing(
                    hearing_id=hearing.id,
                    title=hearing.title,
                    deadline_at=hearing.deadline_at,
                    overdue=hearing.deadline_at < now,
                    invitee_id=invitee.id,
                    party=invitee.party,
                    group_id=invitee.group_id,
                    group_name=group_name,
                )
            )

    support_count = (
        select(func.count()).where(IdeaSupport.idea_id == Idea.id).correlate(Idea).scalar_subquery()
    )
    ideas = (
        await session.execute(
            select(Idea, support_count)
            .where(
                Idea.submitter_person_id.in_(person_ids),
                Idea.anonymous.is_(False),
                Idea.archived_at.is_(None),
            )
            .order_by(Idea.received_at.desc(), Idea.id)
        )
    ).all()
    for idea, supporters in ideas:
        assert idea.submitter_person_id is not None
        out[idea.submitter_person_id]["ideas"].append(
            MyIdea(
                idea_id=idea.id,
                title=idea.title,
                status=idea.status,
                received_at=idea.received_at,
                support_count=supporters,
            )
        )

    rounds = (
        await session.execute(
            select(SurveyInvitation.person_id, SurveyRound)
            .join(SurveyRound, SurveyRound.id == SurveyInvitation.round_id)
            .where(
                SurveyInvitation.person_id.in_(person_ids),
                SurveyInvitation.used.is_(False),
                SurveyRound.status == SurveyStatus.open,
            )
            .order_by(SurveyRound.opened_at, SurveyRound.id)
        )
    ).all()
    for invited, survey in rounds:
        assert invited is not None
        out[invited]["survey_rounds"].append(
            MySurveyRound(
                round_id=survey.id,
                title=survey.title,
                description=survey.description,
                opened_at=survey.opened_at,
            )
        )
    return out


def _why(deadline: Deadline, person_id: uuid.UUID, groups: set[uuid.UUID]):
    if deadline.responsible_person_id == person_id:
        return "responsible"
    if deadline.responsible_group_id is not None and deadline.responsible_group_id in groups:
        return "responsible_group"
    if deadline.recipient_id == person_id:
        return "recipient"
    return None


async def my_survey_link(
    session: AsyncSession, principal: Principal, survey: SurveyRound
) -> MySurveyLink:
    """A new secret for the caller's own unused invitation to an open round."""
    _no_integrations(principal)
    person_id = principal.person_in(survey.programme_id)
    invitation = (
        (
            await session.scalars(
                select(SurveyInvitation).where(
                    SurveyInvitation.round_id == survey.id,
                    SurveyInvitation.person_id == person_id,
                )
            )
        ).first()
        if person_id is not None
        else None
    )
    if invitation is None:
        raise Forbidden(
            "Only a person invited to the round gets a link to it here.",
            errors=[{"code": "not_invited", "detail": "you have no invitation to this round"}],
        )
    if survey.status != SurveyStatus.open:
        raise conflict("the survey does not take answers now", "round_not_open")
    if invitation.used:
        raise conflict("you have already answered this survey", "already_answered")
    token = new_secret()
    invitation.token_hash = digest(token)
    await session.flush()
    # Neither the secret nor its hash goes into the trail; only that a link was made again.
    record_event(
        session,
        principal,
        action="reissue",
        record_type="survey_invitation",
        record_id=invitation.id,
        programme_id=survey.programme_id,
    )
    return MySurveyLink(url=answer_path(token))
