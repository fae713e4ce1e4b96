from datetime import date

from pydantic import ConfigDict, Field

from samskap.kit.schemas import (
    ExternalId,
    InputModel,
    LongText,
    MunicipalityNumber,
    Name,
    RecordRead,
    page_model,
    update_model,
)
from samskap.models.enums import ProgrammeStatus


class Municipality(InputModel):
    name: Name
    number: MunicipalityNumber


class ProgrammeCreate(InputModel):
    """A reorganisation or merger programme."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Nordre Follo 2020",
                    "description": "Sammenslåing av Ski og Oppegård kommuner",
                    "vision": "Nær og nyskapende",
                    "owner_organisation": "Fellesnemnda for Nordre Follo",
                    "municipalities": [
                        {"name": "Ski", "number": "0213"},
                        {"name": "Oppegård", "number": "0217"},
                    ],
                    "starts_on": "2017-06-01",
                    "target_on": "2020-01-01",
                    "status": "active",
                }
            ]
        }
    )

    name: Name
    description: LongText | None = None
    vision: LongText | None = None
    owner_organisation: Name | None = None
    municipalities: list[Municipality] = Field(default_factory=list, max_length=30)
    starts_on: date | None = None
    target_on: date | None = Field(None, description="The merger or reorganisation date")
    status: ProgrammeStatus = ProgrammeStatus.planned
    external_id: ExternalId | None = None


ProgrammeUpdate = update_model(ProgrammeCreate, "ProgrammeUpdate")


class ProgrammeRead(RecordRead):
    name: str
    description: str | None
    vision: str | None
    owner_organisation: str | None
    municipalities: list[Municipality]
    starts_on: date | None
    target_on: date | None
    status: ProgrammeStatus
    external_id: str | None


ProgrammePage = page_model(ProgrammeRead, "ProgrammePage")
