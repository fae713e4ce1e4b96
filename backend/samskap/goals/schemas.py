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
from samskap.models.enums import GoalKind, GoalStatus, IndicatorDirection, Vocabulary


class GoalCreate(InputModel):
    """A goal: societal (samfunnsmål), effect (effektmål) or result (resultatmål), in a tree,
    or a catalogue goal that the programme's projects and groups select from."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "kind": "societal",
                    "title": "Barn og unge i Nordre Follo kommune opplever trygghet og mestring.",
                    "theme": "Trygg oppvekst",
                    "status": "active",
                    "in_catalogue": True,
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the goal belongs to")
    project_id: uuid.UUID | None = Field(
        None, description="The project whose goal it is; none for a programme or catalogue goal"
    )
    group_id: uuid.UUID | None = Field(
        None, description="The group whose goal it is; none for a programme or catalogue goal"
    )
    parent_id: uuid.UUID | None = Field(
        None,
        description="The goal above it: a societal goal for an effect goal, an effect goal for "
        "a result goal; a societal goal has none, and a result goal without one belongs "
        "directly to a project",
    )
    kind: GoalKind = Field(description="Where the goal sits in the goal hierarchy")
    title: Title = Field(description="The goal, as a sentence")
    description: LongText | None = Field(None, description="More about the goal")
    theme: Name | None = Field(
        None, description="The theme it belongs to, e.g. «Trygg oppvekst» in a municipal plan"
    )
    owner_id: uuid.UUID | None = Field(
        None, description="The person of the programme who owns the goal"
    )
    status: GoalStatus = Field(GoalStatus.proposed, description="How far the goal has come")
    dropped_reason: LongText | None = Field(
        None, description="Why the goal was dropped; required when, and only kept while, dropped"
    )
    sort_order: int = Field(
        0, ge=-1_000_000, le=1_000_000, description="Position among its siblings (lower first)"
    )
    in_catalogue: bool = Field(
        False,
        description="A catalogue goal, for the programme's projects and groups to select; it "
        "belongs to no project or group",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


GoalUpdate = update_model(GoalCreate, "GoalUpdate", exclude={"programme_id"})


class GoalRead(RecordRead, describe_from=GoalCreate):
    programme_id: uuid.UUID
    project_id: uuid.UUID | None
    group_id: uuid.UUID | None
    parent_id: uuid.UUID | None
    kind: GoalKind
    title: str
    description: str | None
    theme: str | None
    owner_id: uuid.UUID | None
    status: GoalStatus
    dropped_reason: str | None
    sort_order: int
    in_catalogue: bool
    external_id: str | None


GoalPage = page_model(GoalRead, "GoalPage")


class GoalSelectionCreate(InputModel):
    """A project or group selects a catalogue goal: why, what it means for the area and how it
    will be made operational (seed 002, tasks 2b and 4b)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "goal_id": "0193a0e4-7c1e-7000-8000-000000000010",
                    "project_id": "0193a0e4-7c1e-7000-8000-000000000002",
                    "rationale": "Tjenestene våre møter barn og unge hver dag.",
                    "meaning": "Tidlig innsats i barnehage og skole.",
                    "operationalisation": "Felles kartlegging av trivsel hvert år.",
                }
            ]
        }
    )

    goal_id: uuid.UUID = Field(description="The catalogue goal selected")
    project_id: uuid.UUID | None = Field(
        None, description="The project that selects it (give this or group_id)"
    )
    group_id: uuid.UUID | None = Field(
        None, description="The group that selects it (give this or project_id)"
    )
    rationale: LongText | None = Field(
        None, description="Why the area works towards this goal (begrunnelse)"
    )
    meaning: LongText | None = Field(None, description="What the goal means for the area")
    operationalisation: LongText | None = Field(
        None, description="How the area will make the goal operational"
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


GoalSelectionUpdate = update_model(
    GoalSelectionCreate,
    "GoalSelectionUpdate",
    exclude={"goal_id", "project_id", "group_id"},
)


class GoalSelectionRead(RecordRead, describe_from=GoalSelectionCreate):
    programme_id: uuid.UUID = Field(description="The programme of the goal")
    goal_id: uuid.UUID
    project_id: uuid.UUID | None
    group_id: uuid.UUID | None
    rationale: str | None
    meaning: str | None
    operationalisation: str | None
    external_id: str | None


GoalSelectionPage = page_model(GoalSelectionRead, "GoalSelectionPage")


class RevisionAction(Vocabulary):
    """What happened to a goal selection."""

    created = "created", "the area selected the goal"
    updated = "updated", "the rationale, meaning or operationalisation changed"
    deleted = "deleted", "the area withdrew the selection"


class GoalSelectionRevisionRead(BaseModel):
    """One state of a goal selection: as it was after it was made, changed or withdrawn."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The revision's id")
    programme_id: uuid.UUID = Field(description="The programme of the goal")
    selection_id: uuid.UUID | None = Field(
        description="The selection it is a state of; kept after the selection is deleted"
    )
    goal_id: uuid.UUID = Field(description="The catalogue goal selected")
    project_id: uuid.UUID | None = Field(description="The project that selected it, if any")
    group_id: uuid.UUID | None = Field(description="The group that selected it, if any")
    action: RevisionAction = Field(
        description="`created`, `updated` or `deleted` (the selection was withdrawn)"
    )
    selection_version: int | None = Field(
        description="The selection's version after the change (its last one when deleted)"
    )
    rationale: str | None = Field(description="The rationale (begrunnelse) at this state")
    meaning: str | None = Field(description="What the goal meant for the area at this state")
    operationalisation: str | None = Field(
        description="How the goal was to be made operational at this state"
    )
    changed_at: datetime = Field(description="When the change was made")
    changed_by: str | None = Field(
        description="Who made it: the user's name and e-mail address, an API token's name, "
        "or `system`"
    )


GoalSelectionRevisionPage = page_model(GoalSelectionRevisionRead, "GoalSelectionRevisionPage")


class IndicatorSummary(BaseModel):
    """An indicator of a goal, with where it started, where it should go and where it is."""

    id: uuid.UUID = Field(description="The indicator's id")
    name: str = Field(description="What is measured")
    unit: str | None = Field(description="The unit of its values, e.g. % or points")
    direction: IndicatorDirection = Field(description="Which way it should move")
    baseline_value: float | None = Field(description="Where it started")
    baseline_on: date | None = Field(description="When the baseline was measured")
    target_value: float | None = Field(description="Where it should be")
    target_on: date | None = Field(description="By when")
    latest_value: float | None = Field(description="The value of the latest measurement")
    latest_on: date | None = Field(description="The date of the latest measurement")
    measurement_count: int = Field(description="How many measurements it has")
    progress: float | None = Field(
        description="The share of the way from baseline to target the latest value has come "
        "(0 at the baseline, 1 at the target; below 0 when it moved the wrong way, above 1 "
        "past the target); null without baseline, target and a measurement, when the "
        "target equals the baseline, or when the target lies the wrong way for the "
        "indicator's direction (as in the indicator's own `progress`)"
    )


class SelectionSummary(BaseModel):
    """A project or group that selected a catalogue goal."""

    id: uuid.UUID = Field(description="The selection's id")
    version: int = Field(description="The selection's version, its ETag")
    project_id: uuid.UUID | None = Field(description="The project that selected it, if any")
    group_id: uuid.UUID | None = Field(description="The group that selected it, if any")
    area_name: str = Field(
        description="The area's name: the project's code and name, or the group's name"
    )
    rationale: str | None = Field(description="Why the area selected it (begrunnelse)")
    meaning: str | None = Field(description="What the goal means for the area")
    operationalisation: str | None = Field(description="How the area will make it operational")


class GoalNode(BaseModel):
    """A goal in the tree, with its indicators, the areas that selected it and its children."""

    id: uuid.UUID = Field(description="The goal's id")
    version: int = Field(description="The goal's version, its ETag")
    kind: GoalKind = Field(description="Where the goal sits in the hierarchy")
    title: str = Field(description="The goal")
    description: str | None = Field(description="More about the goal")
    theme: str | None = Field(description="Its theme")
    status: GoalStatus = Field(description="How far it has come")
    dropped_reason: str | None = Field(description="Why it was dropped")
    owner_id: uuid.UUID | None = Field(description="Its owner")
    owner_name: str | None = Field(description="Its owner's name")
    project_id: uuid.UUID | None = Field(description="The project whose goal it is")
    group_id: uuid.UUID | None = Field(description="The group whose goal it is")
    parent_id: uuid.UUID | None = Field(description="The goal above it")
    sort_order: int = Field(description="Position among its siblings")
    in_catalogue: bool = Field(description="A catalogue goal")
    indicators: list[IndicatorSummary] = Field(description="Its indicators, by name")
    selections: list[SelectionSummary] = Field(
        description="The projects and groups that selected it (catalogue goals), by name"
    )
    children: list["GoalNode"] = Field(description="The goals under it, in order")


class GoalTree(BaseModel):
    """The goals of a programme, or of one project, as a tree."""

    programme_id: uuid.UUID = Field(description="The programme")
    project_id: uuid.UUID | None = Field(description="The project asked for, if any")
    goals: list[GoalNode] = Field(
        description="The goals at the top of the tree (by sort_order, then title), each with "
        "the goals under it"
    )
