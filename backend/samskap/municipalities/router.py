from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from samskap.config import get_settings
from samskap.kit.schemas import IsoDate
from samskap.municipalities import service
from samskap.municipalities.schemas import MunicipalityPage
from samskap.problems import problem_responses

router = APIRouter(tags=["municipalities"])
settings = get_settings()


@router.get(
    "/municipalities",
    name="municipalities-list",
    summary="List Norway's municipalities, as Statistics Norway's classification lists them",
    response_model=MunicipalityPage,
    responses=problem_responses(400, 401, 422),
)
async def list_municipalities(
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Digits: numbers that start with them; otherwise names that contain it",
        ),
    ] = None,
    valid_on: Annotated[
        IsoDate | None,
        Query(description="Only municipalities that existed on this day (YYYY-MM-DD)"),
    ] = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=settings.max_page_size,
            description=f"How many a page holds (at most {settings.max_page_size})",
        ),
    ] = settings.default_page_size,
    cursor: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=r"^[A-Za-z0-9_-]*$",
            description="The `next_cursor` of the previous page, with the same filters",
        ),
    ] = None,
) -> Any:
    """Municipality numbers and names from 2013 on (SSB Klass 131), those merged away included,
    each with the time it was valid; a programme's municipalities must be among them."""
    items, next_cursor = service.search(q, valid_on, limit, cursor)
    return {"items": [asdict(m) for m in items], "next_cursor": next_cursor}
