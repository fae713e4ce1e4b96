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
    descriptions={
        "create": "Records a decision (vedtak) of a body such as the joint committee. A "
        "decision that reorganises work becomes final only after a signed consultation with "
        "the union representatives, or a programme administrator's "
        "override with a reason.",
        "delete": "Archives a decision: it is kept, with `archived_at` set, and can no longer "
        "be changed; lists show it only when asked with `archived=true`.",
    },
)
