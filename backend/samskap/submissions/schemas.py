import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from samskap.deadlines.delivery import Delivery
from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import VersionStatus, Vocabulary


class SubmissionCreate(InputModel):
    """What a project or a group hands in against a template (innspill, arbeidsbok), version
    by version."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "title": "Arbeidsbok Oppvekst",
                    "template_id": "0193a0e4-7c1e-7000-8000-000000000002",
                    "project_id": "0193a0e4-7c1e-7000-8000-000000000003",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the submission belongs to")
    title: Title = Field(description="What is handed in")
    template_id: uuid.UUID = Field(description="The template its versions follow")
    project_id: uuid.UUID | None = Field(
        None, description="The project that hands it in (give this or group_id)"
    )
    group_id: uuid.UUID | None = Field(
        None, description="The group that hands it in (give this or project_id)"
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


SubmissionUpdate = update_model(SubmissionCreate, "SubmissionUpdate", exclude={"programme_id"})


class VersionSummary(BaseModel):
    """One version of a submission, in short."""

    id: uuid.UUID = Field(description="The version's id")
    label: str = Field(description="The version's label, e.g. 1, 2, 3 or final")
    position: int = Field(description="Its place among the submission's versions")
    status: VersionStatus = Field(description="Draft or submitted")
    submitted_at: datetime | None = Field(description="When it was submitted")
    deadline_id: uuid.UUID | None = Field(description="The deadline it answers")
    due_at: datetime | None = Field(description="When that deadline is due")
    delivery: Delivery | None = Field(
        description="Whether the version met its deadline, computed on read: on_time, late, "
        "missing (a draft past due), pending (a draft not yet due); null without a deadline"
    )
    late_by_seconds: int | None = Field(
        description="How long after due_at it was submitted, in whole seconds; null unless late"
    )


class SubmissionRead(RecordRead, describe_from=SubmissionCreate):
    programme_id: uuid.UUID
    title: str
    template_id: uuid.UUID
    project_id: uuid.UUID | None
    group_id: uuid.UUID | None
    external_id: str | None
    versions: list[VersionSummary] = Field(description="Its versions, in order of position")


SubmissionPage = page_model(SubmissionRead, "SubmissionPage")

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
SectionKey = Annotated[str, StringConstraints(min_length=1, max_length=100)]
SectionText = Annotated[str, StringConstraints(max_length=200_000)]


class VersionFile(InputModel):
    """A file attached to a version."""

    file_id: uuid.UUID = Field(description="An uploaded file of the same programme")
    attachment_key: SectionKey | None = Field(
        None,
        description="Which of the template's required attachments the file is, by its key; "
        "none: an attachment of its own",
    )


class VersionCreate(InputModel):
    """One version of a submission (1, 2, 3, final): its section texts and attachments,
    answering a deadline. It can change while a draft and is frozen once submitted."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "submission_id": "0193a0e4-7c1e-7000-8000-000000000004",
                    "label": "1",
                    "deadline_id": "0193a0e4-7c1e-7000-8000-000000000005",
                    "sections": {"organisering": "To ledernivåer under kommunalsjef."},
                    "files": [
                        {
                            "file_id": "0193a0e4-7c1e-7000-8000-000000000006",
                            "attachment_key": "org-kart",
                        }
                    ],
                }
            ]
        }
    )

    submission_id: uuid.UUID = Field(description="The submission the version belongs to")
    label: Label = Field(
        description="The version's label, unique in the submission, e.g. 1, 2, 3 or final"
    )
    position: int | None = Field(
        None,
        ge=0,
        le=1000,
        description="Its place among the submission's versions; by default after the last",
    )
    deadline_id: uuid.UUID | None = Field(
        None, description="The deadline it answers, of the same programme"
    )
    sections: dict[SectionKey, SectionText] = Field(
        default_factory=dict,
        description="The section texts by the template's section keys; a key the template does "
        "not have answers 422 `unknown_section`, a text longer than the section's max_length "
        "422 `section_too_long`, both at `/sections/<key>`",
    )
    files: list[VersionFile] = Field(
        default_factory=list, max_length=50, description="The files attached to the version"
    )


VersionUpdate = update_model(VersionCreate, "VersionUpdate", exclude={"submission_id"})


class VersionFileRead(BaseModel):
    """A file attached to a version."""

    file_id: uuid.UUID = Field(description="The file's id")
    attachment_key: str | None = Field(description="The required attachment it is, if any")
    filename: str = Field(description="The file's name")
    content_type: str = Field(description="The file's type, as read from its content")
    size: int = Field(description="The file's size in bytes")


class VersionRead(RecordRead, describe_from=VersionCreate):
    programme_id: uuid.UUID = Field(description="The programme the version belongs to")
    submission_id: uuid.UUID
    label: str
    position: int
    deadline_id: uuid.UUID | None
    sections: dict[str, str]
    files: list[VersionFileRead] = Field(description="The files attached to the version")
    status: VersionStatus = Field(description="Draft (can change) or submitted (frozen)")
    submitted_at: datetime | None = Field(description="When it was submitted")
    submitted_by_id: uuid.UUID | None = Field(
        description="The person who submitted it, when the submitter is one in the programme"
    )
    recipient_id: uuid.UUID | None = Field(
        description="The person it went to: the deadline's recipient when it was submitted"
    )
    due_at: datetime | None = Field(description="When its deadline is due")
    delivery: Delivery | None = Field(
        description="Whether it met its deadline, computed on read: on_time, late, missing (a "
        "draft past due), pending (a draft not yet due); null without a deadline"
    )
    late_by_seconds: int | None = Field(
        description="How long after due_at it was submitted, in whole seconds; null unless late"
    )


VersionPage = page_model(VersionRead, "VersionPage")

Change = Literal["unchanged", "changed", "added", "removed"]


class SectionComparison(BaseModel):
    """One section of two versions side by side."""

    key: str = Field(description="The section's key")
    title: str | None = Field(description="The section's heading in the template, if it has it")
    change: Change = Field(
        description="unchanged, changed, added (empty in `from`, written in `to`) or removed "
        "(written in `from`, empty in `to`)"
    )
    from_text: str | None = Field(description="The text in the `from` version")
    to_text: str | None = Field(description="The text in the `to` version")
    diff: list[str] = Field(
        description="The change line by line as a unified diff (lines starting with `-`, `+` "
        "or a space); empty when unchanged"
    )


class VersionComparison(BaseModel):
    """Two versions of one submission compared section by section."""

    from_id: uuid.UUID = Field(description="The earlier version")
    to_id: uuid.UUID = Field(description="The later version")
    from_label: str = Field(description="The label of the earlier version")
    to_label: str = Field(description="The label of the later version")
    sections: list[SectionComparison] = Field(
        description="Every section, in the template's order, then any section the template no "
        "longer has"
    )


class MatrixDelivery(Vocabulary):
    """How an area stands with one version, computed on read."""

    on_time = "on_time", "submitted at or before its deadline's due time (or with no deadline)"
    late = "late", "submitted after its deadline's due time (see late_by_seconds)"
    missing = "missing", "not submitted, and its deadline's due time has passed"
    pending = "pending", "not submitted yet, and not yet due (or with no deadline)"
    waived = "waived", "not submitted, and its deadline is waived"
    none = "none", "the area has no version with this label"


class MatrixColumn(BaseModel):
    """One version label, a column of the matrix."""

    label: str = Field(description="The version's label, e.g. 1, 2, 3 or endelig")
    position: int = Field(description="Its place among the versions (the lowest seen)")


class MatrixCell(BaseModel):
    """An area's version with one label, and whether it met its deadline."""

    label: str = Field(description="The version label of the cell's column")
    version_id: uuid.UUID | None = Field(description="The version; null when the area has none")
    submission_id: uuid.UUID = Field(description="The area's submission the cell belongs to")
    status: VersionStatus | None = Field(description="Draft or submitted; null without version")
    deadline_id: uuid.UUID | None = Field(description="The deadline the version answers")
    due_at: datetime | None = Field(description="When that deadline is due")
    submitted_at: datetime | None = Field(description="When the version was submitted")
    delivery: MatrixDelivery = Field(description="Whether the version met its deadline")
    late_by_seconds: int | None = Field(
        description="How long after due_at it was submitted, in whole seconds; null unless late"
    )


class MatrixArea(BaseModel):
    """A project or group that hands in submissions: a row of the matrix."""

    kind: Literal["project", "group"] = Field(description="Whether the area is a project or group")
    id: uuid.UUID = Field(description="The project's or group's id")
    code: str | None = Field(description="The project's code; null for a group")
    name: str = Field(description="The project's or group's name")
    submission_id: uuid.UUID = Field(description="The area's submission (the first by title)")
    submission_title: str = Field(description="That submission's title")
    cells: list[MatrixCell] = Field(description="One cell per version label, in column order")


class DeliveryMatrix(BaseModel):
    """Areas by versions: who delivered which version on time, late, or not at all."""

    programme_id: uuid.UUID = Field(description="The programme")
    template_id: uuid.UUID | None = Field(description="Only submissions of this template, if set")
    computed_at: datetime = Field(description="The moment the deliveries were judged at")
    versions: list[MatrixColumn] = Field(description="The version labels, in position order")
    areas: list[MatrixArea] = Field(
        description="The projects (by code) then groups (by name) that have submissions"
    )
