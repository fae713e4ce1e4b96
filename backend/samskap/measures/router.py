from samskap.kit.routes import crud_router
from samskap.measures.schemas import MeasureCreate, MeasurePage, MeasureRead, MeasureUpdate
from samskap.measures.service import MeasureService

router = crud_router(
    path="/measures",
    resource="measures",
    singular="measure",
    service=MeasureService,
    read=MeasureRead,
    create=MeasureCreate,
    update=MeasureUpdate,
    page=MeasurePage,
    descriptions={
        "create": "Creates a measure (tiltak): what is to be done towards one or more goals of "
        "the programme, by whom and by when, and the tasks that carry it out (goals and tasks "
        "are linked, not copied). A measure that is `done` needs its documented result "
        "(`result`, what changed, with `evidence` links); once past `due_on` without one it "
        "shows `overdue_without_result` and is flagged in the compliance report.",
    },
)
