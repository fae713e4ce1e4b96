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
)
