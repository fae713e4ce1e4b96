"""A person's own calendar feeds: their meetings and deadlines at a secret address."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from samskap.kit.schemas import InputModel, Name


class CalendarFeedCreate(InputModel):
    """A new personal calendar feed: its address is shown once, in the answer."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Outlook på jobb"}]})

    name: Name = Field(description="What the feed is for, e.g. the calendar program that reads it")


class CalendarFeedRead(BaseModel):
    """One of your calendar feeds; its secret address is never shown again."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The feed's id")
    name: str = Field(description="What the feed is for")
    prefix: str = Field(description="The first characters of the feed's token, to recognise it")
    created_at: datetime = Field(description="When the feed was made")
    last_used_at: datetime | None = Field(
        description="When a calendar program last read the feed (to the minute); null if never"
    )
    revoked_at: datetime | None = Field(
        description="When the feed was revoked; its address then answers 404"
    )


class CalendarFeedCreated(CalendarFeedRead):
    """A new calendar feed, with its secret address."""

    token: str = Field(
        description="The feed's secret (smc_…), shown this once; only its hash is kept"
    )
    url: str = Field(
        description="The address to subscribe to in a calendar program: "
        "{public address}/api/v1/calendar/{token}.ics",
        examples=["https://samskap.kommune.example/api/v1/calendar/smc_Q2h….ics"],
    )


class CalendarFeedList(BaseModel):
    """Your calendar feeds, newest first, revoked ones included."""

    items: list[CalendarFeedRead] = Field(description="The feeds")
