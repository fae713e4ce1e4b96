from datetime import date

from pydantic import BaseModel, Field

from samskap.kit.schemas import page_model


class MunicipalityRead(BaseModel):
    """A municipality (kommune) on Statistics Norway's list (SSB Klass 131), with the time its
    number had this name."""

    number: str = Field(description="The municipality number (kommunenummer), e.g. 0213")
    name: str = Field(description="Its name as SSB lists it, e.g. Ski or «Hábmer - Hamarøy»")
    county: str = Field(description="The county (fylke) its number's first two digits name")
    valid_from: date = Field(
        description="The first day of the oldest list that has it (2013-01-01: 2013 or earlier)"
    )
    valid_to: date | None = Field(
        description="Its last day with this number and name; null while it is in the current list"
    )


MunicipalityPage = page_model(MunicipalityRead, "MunicipalityPage")
