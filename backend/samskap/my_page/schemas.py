"""The participant's own page: what is waiting for the signed-in user's person in each
programme, and the link that lets them answer a survey round from there."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from samskap.models.enums import (
    AttendanceReply,
    EventKind,
    GroupKind,
    HearingParty,
    IdeaStatus,
    MemberRole,
    Party,
    Priority,
    ProgrammeRole,
    TaskStatus,
)


class MyGroup(BaseModel):
    """A group the person sits in today, and in what role."""

    group_id: uuid.UUID = Field(description="The group")
    name: str = Field(description="The group's name")
    kind: GroupKind = Field(description="What the group is for")
    project_id: uuid.UUID | None = Field(description="The project the group belongs to, if any")
    role: MemberRole = Field(description="The person's role in the group")
    party: Party = Field(description="The side the person represents in the group")


class MyMeeting(BaseModel):
    """An event the person is invited to that has not started yet, with their answer."""

    event_id: uuid.UUID = Field(description="The event")
    title: str = Field(description="The event's title")
    kind: EventKind = Field(description="What kind of event")
    starts_at: datetime = Field(description="When it starts")
    ends_at: datetime = Field(description="When it ends")
    location: str | None = Field(description="Where it is held")
    group_id: uuid.UUID | None = Field(description="The group that meets, if any")
    group_name: str | None = Field(description="That group's name")
    reply: AttendanceReply | None = Field(
        description="The person's answer (POST /events/{id}/reply); null until they answer"
    )
    replied_at: datetime | None = Field(description="When they answered")


class MyTask(BaseModel):
    """A task assigned to the person that is not done."""

    task_id: uuid.UUID = Field(description="The task")
    title: str = Field(description="The task's title")
    project_id: uuid.UUID = Field(description="The project it belongs to")
    project_code: str = Field(description="That project's code")
    project_name: str = Field(description="That project's name")
    status: TaskStatus = Field(description="Where the task stands (never `done` here)")
    priority: Priority = Field(description="How urgent it is")
    due_on: date | None = Field(description="The day it is due, if any")
    overdue: bool = Field(description="Due before today (Oslo time)")


class MyDeadline(BaseModel):
    """An open deadline that concerns the person."""

    deadline_id: uuid.UUID = Field(description="The deadline")
    title: str = Field(description="What is due")
    due_at: datetime = Field(description="By when")
    overdue: bool = Field(description="Its due time has passed")
    project_id: uuid.UUID | None = Field(description="The project it belongs to, if any")
    why: Literal["responsible", "responsible_group", "recipient"] = Field(
        description="How it concerns the person: `responsible` (the person is responsible), "
        "`responsible_group` (a group the person sits in is), `recipient` (it is due to them)"
    )


class MyHearing(BaseModel):
    """An open hearing that invites the person, or a group they sit in, and has no response
    registered for that invitation yet."""

    hearing_id: uuid.UUID = Field(description="The hearing")
    title: str = Field(description="The hearing's title")
    deadline_at: datetime = Field(description="The response deadline")
    overdue: bool = Field(description="The response deadline has passed")
    invitee_id: uuid.UUID = Field(description="The invitation awaiting a response")
    party: HearingParty = Field(description="How the invitation names the party")
    group_id: uuid.UUID | None = Field(description="The invited group, when a group is invited")
    group_name: str | None = Field(description="That group's name")


class MyIdea(BaseModel):
    """An idea the person submitted under their name (anonymous ideas name nobody)."""

    idea_id: uuid.UUID = Field(description="The idea")
    title: str = Field(description="The idea's title")
    status: IdeaStatus = Field(description="Where the idea stands")
    received_at: datetime = Field(description="When it came in")
    support_count: int = Field(description="How many people of the programme support it")


class MySurveyRound(BaseModel):
    """An open survey round with an unused invitation of the person's; its link is made by
    POST /survey-rounds/{id}/my-link."""

    round_id: uuid.UUID = Field(description="The survey round")
    title: str = Field(description="The round's title")
    description: str | None = Field(description="What the round is about")
    opened_at: datetime | None = Field(description="When it opened")


class MyProgramme(BaseModel):
    """What concerns the person in one programme. A user without a person in the programme
    gets empty lists: nothing of anyone else's."""

    programme_id: uuid.UUID = Field(description="The programme")
    programme_name: str = Field(description="The programme's name")
    role: ProgrammeRole = Field(description="The user's role in the programme")
    person_id: uuid.UUID | None = Field(
        description="The person the user's membership names in the programme; null: none, "
        "and every list below is empty"
    )
    person_name: str | None = Field(description="That person's name")
    groups: list[MyGroup] = Field(description="The groups the person sits in today, by name")
    meetings: list[MyMeeting] = Field(
        description="Events the person is invited to that start from now on, soonest first"
    )
    tasks: list[MyTask] = Field(
        description="Tasks assigned to the person that are not done: by due day (none last)"
    )
    deadlines: list[MyDeadline] = Field(
        description="Open deadlines the person, or a group they sit in, is responsible for, "
        "or that are due to the person, by due time"
    )
    hearings: list[MyHearing] = Field(
        description="Open hearings awaiting the response of the person or of a group they "
        "sit in, by response deadline"
    )
    ideas: list[MyIdea] = Field(
        description="Ideas the person submitted under their name and not archived, newest first"
    )
    survey_rounds: list[MySurveyRound] = Field(
        description="Open survey rounds the person has an unused invitation to"
    )


class MyOverview(BaseModel):
    """The signed-in user's own page: one entry per programme asked for."""

    generated_at: datetime = Field(
        description="The moment the page was computed; `overdue` and `from now on` are judged at it"
    )
    today: date = Field(description="Today in Oslo, the day tasks' `overdue` is judged on")
    programmes: list[MyProgramme] = Field(description="The programmes, by name")


class MySurveyLink(BaseModel):
    """A fresh link to the caller's own invitation; shown this once."""

    url: str = Field(
        description="The path of the answer page, `/s/<token>`; works until the invitation "
        "is used, and only the newest link made works"
    )
