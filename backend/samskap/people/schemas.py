import uuid
from datetime import datetime

from pydantic import ConfigDict, EmailStr, Field

from samskap.kit.schemas import (
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

    programme_id: uuid.UUID
    name: Name
    email: EmailStr | None = None
    title: Name | None = None
    organisation_unit: Name | None = None
    municipality_number: MunicipalityNumber | None = None
    affiliation: Affiliation = Affiliation.employee
    union: Name | None = Field(
        None,
        description="For union representatives: their union. Special-category data (GDPR art. 9)",
    )
    external_id: ExternalId | None = None


PersonUpdate = update_model(PersonCreate, "PersonUpdate", exclude={"programme_id"})


class PersonRead(RecordRead):
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
