from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class AccessibilityContact(BaseModel):
    """Where a user reports a barrier in the web app (the accessibility statement's contact)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"contact": "postmottak@kommune.example", "kind": "email"}]}
    )

    contact: str = Field(description="The e-mail address or web form address to write to")
    kind: Literal["email", "url"] = Field(
        description="`email`: contact is an e-mail address; `url`: contact is a web form to open"
    )
