import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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
from samskap.models.enums import GroupKind, ProgrammeStatus, ProjectCategory
from samskap.programmes.templates import PROGRAMME_TEMPLATE_KEYS

ProgrammeTemplateKey = Literal[PROGRAMME_TEMPLATE_KEYS]  # type: ignore[valid-type]


class Municipality(InputModel):
    """One of the municipalities (kommuner) that the programme reorganises or merges."""

    name: Name = Field(description="The municipality's name, e.g. Ski")
    number: MunicipalityNumber = Field(
        description="Its municipality number (kommunenummer), four digits, e.g. 0213"
    )


class ProgrammeFields(InputModel):
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


class ProgrammeCreate(ProgrammeFields):
    """A reorganisation or merger programme, empty or started from a template or a copy."""

    template: ProgrammeTemplateKey | None = Field(
        None,
        description="Start from a built-in structure (see `GET /programme-templates`): "
        "`merger` (fellesnemnd, partssammensatt utvalg and eight administrative projects, each "
        "with a project board and the five phases) or `reorganisation` (one project with a "
        "steering group, a working group and the five phases)",
    )
    copy_from_programme_id: uuid.UUID | None = Field(
        None,
        description="Start from a copy of this programme's structure: its projects with their "
        "phases and expected results, its groups without members and its group criteria; none "
        "of its people, tasks, decisions or involvements. Not with `template`",
    )


ProgrammeUpdate = update_model(ProgrammeFields, "ProgrammeUpdate")


class ProgrammeTemplateGroup(BaseModel):
    """A group a programme template sets up, without members."""

    kind: GroupKind = Field(description="What the group is")
    name: str = Field(description="The group's name")
    description: str = Field(description="What the group does")


class ProgrammeTemplateProject(BaseModel):
    """A project a programme template sets up."""

    code: str = Field(description="The project's code, e.g. A1")
    name: str = Field(description="The project's name")
    category: ProjectCategory = Field(description="Political or administrative")
    concerns_nav: bool = Field(description="Whether the project concerns NAV")
    groups: list[ProgrammeTemplateGroup] = Field(description="Its groups, e.g. its board")


class ProgrammeTemplateRead(BaseModel):
    """A built-in structure a programme can start from (`template` on programme create)."""

    key: str = Field(description="What to give as `template` when creating a programme")
    name: str = Field(description="The template's name")
    description: str = Field(description="What a programme started from it holds")
    source: str = Field(description="Where the structure is taken from")
    phase_template: str = Field(description="The phase template each of its projects gets")
    groups: list[ProgrammeTemplateGroup] = Field(description="Groups of the whole programme")
    projects: list[ProgrammeTemplateProject] = Field(description="The projects it sets up")


class ProgrammeRead(RecordRead, describe_from=ProgrammeFields):
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
