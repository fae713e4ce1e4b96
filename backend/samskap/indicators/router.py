import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.indicators.schemas import (
    IndicatorCreate,
    IndicatorPage,
    IndicatorRead,
    IndicatorSeries,
    IndicatorUpdate,
    MeasurementCreate,
    MeasurementPage,
    MeasurementRead,
    MeasurementUpdate,
)
from samskap.indicators.service import IndicatorService, MeasurementService, series_csv
from samskap.kit.openapi import Responses
from samskap.kit.routes import crud_router
from samskap.problems import problem_responses

CSV_ANSWER: Responses = {
    200: {
        "description": "One row per measurement, oldest first, after a header row: "
        "measured_on, value, respondents, source, is_baseline, change_from_baseline, "
        "change_from_previous, note",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}
IndicatorId = Annotated[uuid.UUID, Path(description="The id of the indicator")]

router = APIRouter()


@router.get(
    "/indicators/{id}/series",
    name="indicators-series",
    tags=["indicators"],
    summary="The indicator's measurements over time, for a chart",
    response_model=IndicatorSeries,
    responses=problem_responses(401, 404, 422),
)
async def series(id: IndicatorId, session: SessionDep, principal: PrincipalDep) -> IndicatorSeries:
    """The indicator with its baseline and target, and every measurement oldest first with its
    change from the baseline and from the previous one."""
    return await IndicatorService(session, principal).series(id)


@router.get(
    "/indicators/{id}/series.csv",
    name="indicators-series-csv",
    tags=["indicators"],
    summary="The indicator's measurements as CSV",
    response_class=Response,
    responses=CSV_ANSWER | problem_responses(401, 404, 422),
)
async def series_as_csv(id: IndicatorId, session: SessionDep, principal: PrincipalDep) -> Response:
    """The same series as CSV (UTF-8, comma separated, decimal point), for a spreadsheet."""
    found = await IndicatorService(session, principal).series(id)
    return Response(
        content=series_csv(found),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="indicator-{id}.csv"'},
    )


router.include_router(
    crud_router(
        path="/indicators",
        resource="indicators",
        singular="indicator",
        service=IndicatorService,
        read=IndicatorRead,
        create=IndicatorCreate,
        update=IndicatorUpdate,
        page=IndicatorPage,
        descriptions={
            "create": "Creates an indicator (indikator) of an effect or result goal: what is "
            "measured, how, which way is better, its baseline and target, and how often it is "
            "measured. Reads add the latest measurement, when the next is due, whether it is "
            "overdue and the progress from baseline to target.",
        },
    )
)
router.include_router(
    crud_router(
        path="/measurements",
        resource="measurements",
        singular="measurement",
        service=MeasurementService,
        read=MeasurementRead,
        create=MeasurementCreate,
        update=MeasurementUpdate,
        page=MeasurementPage,
        descriptions={
            "create": "Records a measurement (måling) of an indicator. The indicator's "
            "baseline follows: the measurement marked `is_baseline` (marking one unmarks the "
            "others), else the baseline entered on the indicator, else the first measurement.",
            "delete": "Deletes a measurement for good; the indicator's baseline moves to the "
            "next by the same rule.",
        },
    )
)
