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
    """One of the municipalities (kommuner) that the programme reorganises or merges."""

    name: Name = Field(description="The municipality's name, e.g. Ski")
    number: MunicipalityNumber = Field(
        description="Its municipality number (kommunenummer), four digits, e.g. 0213"
    )


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

    name: Name = Field(description="The programme's name, e.g. Nordre Follo 2020")
    description: LongText | None = Field(None, description="What the programme is about")
    vision: LongText | None = Field(
        None, description="The vision (visjon) of the new or reorganised municipality"
    )
    owner_organisation: Name | None = Field(
        None,
        description="The body that owns the programme, e.g. the joint committee (fellesnemnd)",
    )
    municipalities: list[Municipality] = Field(
        default_factory=list,
        max_length=30,
        description="The municipalities taking part; board composition is checked against them",
    )
    starts_on: date | None = Field(None, description="The day the programme starts")
    target_on: date | None = Field(
        None, description="The merger or reorganisation date, when the new organisation starts"
    )
    status: ProgrammeStatus = Field(ProgrammeStatus.planned, description="Where it stands")
    reminder_days_before: int = Field(
        3,
        ge=0,
        le=60,
        description="How many days before a deadline its responsible and its recipient are "
        "reminded by e-mail, and it is announced as due soon: from the start of that day, "
        "Oslo time; 0: on the day it is due",
    )
    external_id: ExternalId | None = Field(
        None,
        description="Your own key for the programme, e.g. its id in the system it was imported "
        "from; unique among programmes",
    )


ProgrammeUpdate = update_model(ProgrammeCreate, "ProgrammeUpdate")


class ProgrammeRead(RecordRead, describe_from=ProgrammeCreate):
    name: str
    description: str | None
    vision: str | None
    owner_organisation: str | None
    municipalities: list[Municipality]
    starts_on: date | None
    target_on: date | None
    status: ProgrammeStatus
    reminder_days_before: int
    external_id: str | None


ProgrammePage = page_model(ProgrammeRead, "ProgrammePage")
