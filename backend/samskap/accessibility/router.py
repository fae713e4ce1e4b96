from email.utils import parseaddr
from typing import Any

from fastapi import APIRouter, Request

from samskap.accessibility.schemas import AccessibilityContact

public = APIRouter(prefix="/accessibility", tags=["accessibility"])


@public.get(
    "/contact",
    name="accessibility-contact-get",
    summary="Where to report an accessibility problem",
    response_model=AccessibilityContact,
)
async def contact(request: Request) -> Any:
    """The e-mail address or web form the accessibility statement names for reporting a barrier."""
    settings = request.app.state.settings
    # Without a contact of its own an installation names the address its mail comes from.
    value = settings.accessibility_contact.strip() or parseaddr(settings.mail_sender)[1]
    kind = "url" if value.startswith(("https://", "http://")) else "email"
    return AccessibilityContact(contact=value, kind=kind)
