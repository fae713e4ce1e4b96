import math
import uuid
from datetime import datetime

from pydantic import AwareDatetime, ConfigDict, Field, computed_field

from samskap.deadlines.delivery import Delivery, delivery_of
from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import DeadlineKind, DeadlineStatus


class DeadlineCreate(InputModel):
    """A deadline (frist): what is due, who answers for it, who receives it, and when."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "title": "Revidert versjon av arbeidsboken etter faggruppemøtene",
                    "due_at": "2018-09-20T12:00:00+02:00",
                    "responsible_person_id": "0193a0e4-7c1e-7000-8000-000000000003",
                    "recipient_id": "0193a0e4-7c1e-7000-8000-000000000004",
                    "kind": "submission",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the deadline belongs to")
    project_id: uuid.UUID | None = Field(None, description="The project it concerns, if any")
    group_id: uuid.UUID | None = Field(None, description="The group it concerns, if any")
    title: Title = Field(description="What is due")
    description: LongText | None = Field(
        None, description="More about what is due and how to deliver it"
    )
    due_at: AwareDatetime = Field(
        description="When it is due: a time with its offset, e.g. 2018-09-20T12:00:00+02:00"
    )
    responsible_person_id: uuid.UUID | None = Field(
        None, description="The person who must deliver (give this or responsible_group_id)"
    )
    responsible_group_id: uuid.UUID | None = Field(
        None, description="The group that must deliver (give this or responsible_person_id)"
    )
    recipient_id: uuid.UUID | None = Field(None, description="The person who receives it")
    event_id: uuid.UUID | None = Field(
        None,
        description="The gathering or meeting at which the task was given (e.g. «Oppgave 2b» "
        "at a samling), an event of the same programme",
    )
    kind: DeadlineKind = Field(DeadlineKind.submission, description="What is due")
    status: DeadlineStatus = Field(DeadlineStatus.open, description="Whether it has been met")
    submitted_at: AwareDatetime | None = Field(
        None,
        description="When it was delivered, not in the future; defaults to now when the status "
        "becomes submitted",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


DeadlineUpdate = update_model(DeadlineCreate, "DeadlineUpdate", exclude={"programme_id"})


class DeadlineRead(RecordRead, describe_from=DeadlineCreate):
    programme_id: uuid.UUID
    project_id: uuid.UUID | None
    group_id: uuid.UUID | None
    title: str
    description: str | None
    due_at: datetime
    responsible_person_id: uuid.UUID | None
    responsible_group_id: uuid.UUID | None
    recipient_id: uuid.UUID | None
    event_id: uuid.UUID | None
    kind: DeadlineKind
    status: DeadlineStatus
    submitted_at: datetime | None
    overdue: bool = Field(description="Open and past due_at, computed at the time of reading")
    external_id: str | None

    @computed_field(description="Submitted after due_at; computed on every read")  # type: ignore[prop-decorator]
    @property
    def submitted_late(self) -> bool:
        return self.late_by_seconds is not None

    @computed_field(  # type: ignore[prop-decorator]
        description="How long after due_at it was submitted, in whole seconds; null unless "
        "submitted late"
    )
    @property
    def late_by_seconds(self) -> int | None:
        if self.status != DeadlineStatus.submitted or self.submitted_at is None:
            return None
        late = math.ceil((self.submitted_at - self.due_at).total_seconds())
        return late if late > 0 else None

    @computed_field(  # type: ignore[prop-decorator]
        description="Whether it was met, computed on every read: on time, late, missing (open "
        "and past due), pending (open, not yet due) or waived"
    )
    @property
    def delivery(self) -> Delivery:
        return delivery_of(self.status, self.due_at, self.submitted_at)


DeadlinePage = page_model(DeadlineRead, "DeadlinePage")
