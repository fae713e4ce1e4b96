from samskap.deadlines.schemas import DeadlineCreate, DeadlinePage, DeadlineRead, DeadlineUpdate
from samskap.deadlines.service import DeadlineService
from samskap.kit.routes import crud_router

router = crud_router(
    path="/deadlines",
    resource="deadlines",
    singular="deadline",
    service=DeadlineService,
    read=DeadlineRead,
    create=DeadlineCreate,
    update=DeadlineUpdate,
    page=DeadlinePage,
)
