from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from samskap.kit.schemas import InputModel, update_model

Language = Literal["nb", "nn", "en"]
_LANGUAGE = (
    "The language of the mails: `nb` Norwegian Bokmål (the default), `nn` Norwegian Nynorsk, "
    "`en` English"
)


class MailChoices(InputModel):
    """What an address receives by e-mail, and in which language."""

    language: Language = Field("nb", description=_LANGUAGE)
    deadline_reminders: bool = Field(
        True,
        description="Reminders before a deadline one is responsible for or receives (alone "
        "or through a group), as many days before as the programme says",
    )
    meeting_invitations: bool = Field(
        True,
        description="Invitations to meetings one is invited to, their changes and "
        "cancellations, with a calendar file (.ics)",
    )
    hearing_invitations: bool = Field(
        True,
        description="Invitations to respond to a hearing that invites one or one's group",
    )
    notifications: bool = Field(
        False,
        description="Each notification of one's notification centre as a mail of its own, "
        "when it arrives (for an address with an account)",
    )
    daily_digest: bool = Field(
        False,
        description="Every morning at 07.00 (Oslo time) a summary of the last day's unread "
        "notifications, when there are any (for an address with an account)",
    )


MailPreferenceUpdate = update_model(MailChoices, "MailPreferenceUpdate")


class MailPreferenceRead(BaseModel):
    """An address's mail choices. An address that has chosen nothing yet has the defaults
    and version 0."""

    model_config = ConfigDict(from_attributes=True)

    email: str = Field(description="The address the choices are for")
    language: Language = Field(description=_LANGUAGE)
    deadline_reminders: bool = Field(
        description=MailChoices.model_fields["deadline_reminders"].description
    )
    meeting_invitations: bool = Field(
        description=MailChoices.model_fields["meeting_invitations"].description
    )
    hearing_invitations: bool = Field(
        description=MailChoices.model_fields["hearing_invitations"].description
    )
    notifications: bool = Field(description=MailChoices.model_fields["notifications"].description)
    daily_digest: bool = Field(description=MailChoices.model_fields["daily_digest"].description)
    version: int = Field(
        description="Grows with every change; the ETag. 0 while nothing has been chosen"
    )
