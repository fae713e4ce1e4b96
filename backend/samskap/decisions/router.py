from samskap.decisions.schemas import DecisionCreate, DecisionPage, DecisionRead, DecisionUpdate
from samskap.decisions.service import DecisionService
from samskap.kit.routes import crud_router

router = crud_router(
    path="/decisions",
    resource="decisions",
    singular="decision",
    service=DecisionService,
    read=DecisionRead,
    create=DecisionCreate,
    update=DecisionUpdate,
    page=DecisionPage,
    delete_summary="Archive a decision (it is kept, never erased)",
)
