from samskap.involvements.schemas import (
    InvolvementCreate,
    InvolvementPage,
    InvolvementRead,
    InvolvementUpdate,
)
from samskap.involvements.service import InvolvementService
from samskap.kit.routes import crud_router

router = crud_router(
    path="/involvements",
    resource="involvements",
    singular="involvement",
    service=InvolvementService,
    read=InvolvementRead,
    create=InvolvementCreate,
    update=InvolvementUpdate,
    page=InvolvementPage,
    delete_summary="Archive an involvement record (it is kept, never erased)",
    descriptions={
        "list": "One page of the involvement records (medvirkning) you may see. Observers see "
        "how many took part, not who (`participant_ids` is empty for them).",
        "create": "Records how stakeholders were involved in a matter: who (by kind, named "
        "participants or a head count), how, when, what they said and what came of it. It is "
        "recorded once it has happened, so `occurred_on` cannot be in the future.",
        "delete": "Archives an involvement record: it is kept, with `archived_at` set, and can "
        "no longer be changed; lists show it only when asked with `archived=true`.",
    },
)
