import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    Name,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import IdeaChannel, IdeaStatus, Priority

# Participation links ---------------------------------------------------------------------------


class ParticipationLinkCreate(InputModel):
    """A participation link: employees without an account submit ideas through it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "label": "Forbedringsforslag fra ansatte i helse og omsorg",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme whose ideas the link gathers")
    label: Title | None = Field(
        None, description="What the link is for, shown on the form (e.g. where it was shared)"
    )
    project_id: uuid.UUID | None = Field(
        None,
        description="The project every idea through this link concerns; left out, the "
        "submitter may name any project of the programme",
    )


class ParticipationLinkRead(RecordRead, describe_from=ParticipationLinkCreate):
    programme_id: uuid.UUID
    label: str | None
    project_id: uuid.UUID | None
    closed_at: datetime | None = Field(
        description="When the link was closed; a closed link takes no more ideas (410)"
    )


class ParticipationLinkCreated(ParticipationLinkRead):
    """The new link, with its secret: shown this once, only its SHA-256 is kept."""

    token: str = Field(description="The link's secret; shown only in this answer")
    form_path: str = Field(
        description="The web app's idea form for this link, to prefix with Samskap's address"
    )


ParticipationLinkPage = page_model(ParticipationLinkRead, "ParticipationLinkPage")


# The public form -------------------------------------------------------------------------------


class FormProject(BaseModel):
    """A project the submitter may say the idea concerns."""

    id: uuid.UUID = Field(description="The project's id, to send as project_id")
    code: str = Field(description="The project's short code")
    name: str = Field(description="The project's name")


class StatusMeaning(BaseModel):
    """One status an idea can have, and what it means."""

    status: IdeaStatus = Field(description="The status")
    meaning: str = Field(description="What it means, in English (the web app words it itself)")


class ParticipationForm(BaseModel):
    """What the idea form needs, and nothing else of the programme."""

    programme_name: str = Field(description="The programme the ideas go to")
    label: str | None = Field(description="What the link is for")
    project_id: uuid.UUID | None = Field(
        description="The project every idea through this link concerns, if the link names one"
    )
    projects: list[FormProject] = Field(
        description="The projects an idea may concern (only the link's own, if it names one)"
    )
    statuses: list[StatusMeaning] = Field(
        description="The statuses an idea goes through, in order, with their meaning"
    )


class PublicIdeaSubmit(InputModel):
    """An idea sent through a participation link, named or anonymous."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Felles vaktbytte-app for hjemmetjenesten",
                    "description": "I dag byttes vakter på papir; en felles app sparer tid.",
                    "anonymous": True,
                }
            ]
        }
    )

    title: Title = Field(description="The idea in a line")
    description: LongText = Field(min_length=1, description="The idea, and what it would improve")
    project_id: uuid.UUID | None = Field(
        None, description="The project it concerns, one of the form's `projects`"
    )
    anonymous: bool = Field(
        False,
        description="Send without a name: nothing that identifies the sender is kept (no name, "
        "address or account); `name` must then be left out",
    )
    name: Name | None = Field(
        None, description="The sender's name, shown with the idea; required unless anonymous"
    )


class IdeaReceipt(BaseModel):
    """The receipt for a submitted idea: its link is shown this once, only its SHA-256 is kept."""

    receipt_token: str = Field(
        description="The receipt's secret, to follow the idea at /idea-receipts/{token}"
    )
    receipt_path: str = Field(
        description="The web app's page that follows the idea, to prefix with Samskap's address"
    )
    title: str = Field(description="The idea's title")
    status: IdeaStatus = Field(description="The idea's status: received")


class ChangeMeeting(BaseModel):
    """The meeting at which a status change was decided: its title and day, nothing else."""

    title: str = Field(description="The meeting's title")
    held_on: date = Field(description="The day it was held (Europe/Oslo)")


class ReceiptStatusChange(BaseModel):
    """One step of the idea's follow-up."""

    status: IdeaStatus = Field(description="The status it moved to")
    changed_at: datetime = Field(description="When")
    comment: str | None = Field(description="What the assessor wrote with the step")
    reason: str | None = Field(description="Why it is not pursued, for a not_pursued step")
    meeting: ChangeMeeting | None = Field(
        description="The meeting where the step was decided, if the assessor named one"
    )


class IdeaReceiptView(BaseModel):
    """An idea as its receipt shows it: title, status and its follow-up, nothing else."""

    title: str = Field(description="The idea's title")
    status: IdeaStatus = Field(description="Where the idea stands now")
    reason: str | None = Field(description="Why it is not pursued, when that is its status")
    status_changes: list[ReceiptStatusChange] = Field(
        description="Every status change, oldest first, starting with received"
    )


# Ideas -----------------------------------------------------------------------------------------


class IdeaCreate(InputModel):
    """An improvement idea (forbedringsforslag), submitted as the signed-in user's person."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "title": "Felles introduksjonsprogram for nyansatte",
                    "description": "De tre kommunene har hvert sitt opplegg; ett felles sparer "
                    "tid og gir nyansatte samme start.",
                    "project_id": "0193a0e4-7c1e-7000-8000-000000000002",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the idea is for")
    title: Title = Field(description="The idea in a line")
    description: LongText = Field(min_length=1, description="The idea, and what it would improve")
    project_id: uuid.UUID | None = Field(None, description="The project it concerns, if any")
    group_id: uuid.UUID | None = Field(
        None, description="The group or service area it concerns, if any"
    )
    anonymous: bool = Field(
        False,
        description="Submit without a name: the idea keeps no link to the submitter (no person, "
        "no name, and no account in its audit trail)",
    )
    assessor_person_id: uuid.UUID | None = Field(
        None, description="The person who assesses it (give this or assessor_group_id, or none)"
    )
    assessor_group_id: uuid.UUID | None = Field(
        None,
        description="The group that assesses it, e.g. the three-party forum (give this or "
        "assessor_person_id, or none)",
    )
    assessment: LongText | None = Field(None, description="The assessor's working notes")
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


IdeaUpdate = update_model(
    IdeaCreate,
    "IdeaUpdate",
    exclude={"programme_id", "anonymous"},
    doc="Changes to apply to an idea; its status changes through the assess action, and "
    "whether it is anonymous never changes.",
)


class IdeaRead(RecordRead, describe_from=IdeaCreate):
    programme_id: uuid.UUID
    title: str
    description: str
    project_id: uuid.UUID | None
    group_id: uuid.UUID | None
    status: IdeaStatus = Field(description="Where the idea stands; changed by the assess action")
    channel: IdeaChannel = Field(description="How the idea came in")
    received_at: datetime = Field(description="When the idea came in")
    anonymous: bool
    submitter_person_id: uuid.UUID | None = Field(
        description="The person who submitted it; null when anonymous or sent through a link"
    )
    submitter_name: str | None = Field(
        description="Who submitted it: the name given through the link, or the submitting "
        "person's name; null when anonymous"
    )
    assessor_person_id: uuid.UUID | None
    assessor_group_id: uuid.UUID | None
    assessment: str | None
    reason: str | None = Field(description="Why it is not pursued, when that is its status")
    measure_id: uuid.UUID | None = Field(description="The measure the idea became, if any")
    task_id: uuid.UUID | None = Field(description="The task the idea became, if any")
    support_count: int = Field(description="How many people of the programme support it")
    supported: bool = Field(description="Whether you (your person in the programme) support it")
    archived_at: datetime | None = Field(
        description="When the idea was archived; an archived idea no longer changes"
    )
    external_id: str | None


IdeaPage = page_model(IdeaRead, "IdeaPage")


class IdeaAssess(InputModel):
    """A step in the idea's follow-up: its new status, with a comment and, for not_pursued,
    the reason."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "not_pursued",
                    "comment": "Behandlet i trepartsforumet 12. mars.",
                    "reason": "Løses allerede av det nye turnussystemet.",
                    "event_id": "0193a0e4-7c1e-7000-8000-000000000009",
                }
            ]
        }
    )

    status: IdeaStatus = Field(description="The status the idea moves to")
    comment: LongText | None = Field(
        None, description="What the submitter and others should know about this step"
    )
    reason: LongText | None = Field(
        None, description="Why the idea is not pursued: required for not_pursued, else refused"
    )
    event_id: uuid.UUID | None = Field(
        None,
        description="The meeting (an event of the idea's programme) at which the step was "
        "decided, e.g. the three-party forum's; shown with the step and on the receipt",
    )
    assessor_person_id: uuid.UUID | None = Field(
        None, description="Who assesses it from now on, if it changes (a person)"
    )
    assessor_group_id: uuid.UUID | None = Field(
        None, description="Who assesses it from now on, if it changes (a group)"
    )


class IdeaStatusChangeRead(BaseModel):
    """One step in an idea's follow-up."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The step's id")
    idea_id: uuid.UUID = Field(description="The idea")
    status: IdeaStatus = Field(description="The status the idea moved to")
    changed_at: datetime = Field(description="When")
    comment: str | None = Field(description="The comment given with the step")
    reason: str | None = Field(description="Why it is not pursued, for a not_pursued step")
    event_id: uuid.UUID | None = Field(description="The meeting where the step was decided")
    meeting: ChangeMeeting | None = Field(
        description="That meeting's title and day, when the step names one"
    )


class IdeaSupportState(BaseModel):
    """Whether you support an idea, and how many do."""

    idea_id: uuid.UUID = Field(description="The idea")
    supported: bool = Field(description="Whether you support it now")
    support_count: int = Field(description="How many people of the programme support it")


class IdeaToMeasure(InputModel):
    """Link an existing measure (`measure_id`), or make a new one from the idea (its title,
    description and project) towards the given goals."""

    measure_id: uuid.UUID | None = Field(
        None, description="An existing measure of the programme to link; leave out to make one"
    )
    goal_ids: list[uuid.UUID] | None = Field(
        None,
        max_length=100,
        description="For a new measure: the goals it works towards (at least one)",
    )
    group_id: uuid.UUID | None = Field(None, description="For a new measure: who carries it out")
    owner_id: uuid.UUID | None = Field(
        None, description="For a new measure: the person who answers for it"
    )
    starts_on: date | None = Field(None, description="For a new measure: when it starts")
    due_on: date | None = Field(None, description="For a new measure: when it is to be done")


class IdeaToTask(InputModel):
    """Link an existing task (`task_id`), or make a new one from the idea (its title,
    description and project)."""

    task_id: uuid.UUID | None = Field(
        None, description="An existing task of the programme to link; leave out to make one"
    )
    project_id: uuid.UUID | None = Field(
        None,
        description="For a new task: its project, when the idea names none (else the idea's)",
    )
    group_id: uuid.UUID | None = Field(None, description="For a new task: who carries it out")
    assignee_id: uuid.UUID | None = Field(None, description="For a new task: who does it")
    priority: Priority = Field(Priority.normal, description="For a new task: how urgent it is")
    due_on: date | None = Field(None, description="For a new task: the day it is due")
