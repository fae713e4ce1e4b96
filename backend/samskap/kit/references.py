"""Loading the records a write refers to, and keeping references inside one programme."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from samskap.models import Programme
from samskap.problems import ValidationFailed


async def require_in_programme(
    session: AsyncSession,
    model: type,
    record_id: uuid.UUID | None,
    programme_id: uuid.UUID,
    field: str,
):
    """Load a referenced record, insisting that it belongs to the same programme."""
    if record_id is None:
        return None
    referenced = await session.get(model, record_id)
    if referenced is None or referenced.programme_id != programme_id:
        label = model.__tablename__.replace("_", " ")
        raise ValidationFailed.at(
            f"/{field}", f"no {label} with this id in the programme", code="unknown_reference"
        )
    return referenced


async def check_municipality(programme: Programme, number: str | None, field: str) -> None:
    if number is not None and number not in programme.municipality_numbers():
        raise ValidationFailed.at(
            f"/{field}",
            f"{number} is not one of the programme's municipalities",
            code="unknown_municipality",
        )
