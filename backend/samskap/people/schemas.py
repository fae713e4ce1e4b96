import uuid
from datetime import datetime

from pydantic import ConfigDict, Field

from samskap.kit.schemas import (
    EXTERNAL_ID,
    Email,
    ExternalId,
    InputModel,
    MunicipalityNumber,
    Name,
    RecordRead,
    page_model,
    update_model,
)
from samskap.models.enums import Affiliation


class PersonCreate(InputModel):
    """Someone who takes part in the programme."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "name": "Kari Nordmann",
                    "email": "kari.nordmann@example.kommune.no",
                    "title": "Hovedtillitsvalgt",
                    "organisation_unit": "Oppvekst",
                    "municipality_number": "0213",
                    "affiliation": "union_representative",
                    "union": "Fagforbundet",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the person takes part in")
    name: Name = Field(description="The person's full name")
    email: Email | None = Field(None, description="The person's e-mail address")
    title: Name | None = Field(
        None, description="Their position or role at work, e.g. Hovedtillitsvalgt or kommunalsjef"
    )
    organisation_unit: Name | None = Field(
        None, description="The unit or service area they work in, e.g. Oppvekst"
    )
    municipality_number: MunicipalityNumber | None = Field(
        None,
        description="The municipality they come from (kommunenummer, four digits), one of the "
        "programme's",
    )
    affiliation: Affiliation = Field(
        Affiliation.employee, description="In what capacity the person takes part"
    )
    union: Name | None = Field(
        None,
        description="For union representatives: their union. Special-category data (GDPR art. 9)",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


PersonUpdate = update_model(PersonCreate, "PersonUpdate", exclude={"programme_id"})


class PersonRead(RecordRead, describe_from=PersonCreate):
    programme_id: uuid.UUID
    name: str
    email: str | None
    title: str | None
    organisation_unit: str | None
    municipality_number: str | None
    affiliation: Affiliation
    union: str | None = Field(
        description="Shown only to programme administrators and to the person"
    )
    erased_at: datetime | None = Field(description="When the person's data was anonymised")
    external_id: str | None


PersonPage = page_model(PersonRead, "PersonPage")
