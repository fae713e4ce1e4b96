"""Loading the records a write refers to, and keeping references inside one programme."""

import uuid
from typing import TypeVar

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.models import Programme
from samskap.models.common import InProgramme
from samskap.problems import ValidationFailed

R = TypeVar("R", bound=InProgramme)


async def require_in_programme(
    session: AsyncSession,
    model: type[R],
    record_id: uuid.UUID | None,
    programme_id: uuid.UUID,
    field: str,
) -> R | None:
    """Load a referenced record, insisting that it belongs to the same programme."""
    if record_id is None:
        return None
    referenced = await session.get(model, record_id)
    if referenced is None or referenced.programme_id != programme_id:
        label = inspect(model).local_table.name.replace("_", " ")
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
