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
    descriptions={
        "create": "Creates a deadline (frist): what is due and when, who answers for it (one "
        "person or one group) and who receives it. While open it is overdue once `due_at` has "
        "passed; delivered after `due_at`, it shows how late (`submitted_late`).",
    },
)
