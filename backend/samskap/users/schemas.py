from pydantic import ConfigDict, Field

from samskap.kit.schemas import Email, InputModel, Name, RecordRead, page_model, update_model


class UserCreate(InputModel):
    """A login account. System administrators manage programmes and users."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "kari.nordmann@example.kommune.no",
                    "name": "Kari Nordmann",
                    "password": "a long passphrase of several words",
                    "system_admin": False,
                }
            ]
        }
    )

    email: Email = Field(description="The e-mail address the user logs in with; unique")
    name: Name = Field(description="The user's full name")
    password: str = Field(min_length=12, max_length=1000, description="At least 12 characters")
    system_admin: bool = Field(
        False,
        description="A system administrator sees every programme and manages programmes and users",
    )
    active: bool = Field(True, description="Whether the account may log in")


UserUpdate = update_model(UserCreate, "UserUpdate")


class UserRead(RecordRead, describe_from=UserCreate):
    email: str
    name: str
    system_admin: bool
    active: bool


UserPage = page_model(UserRead, "UserPage")
