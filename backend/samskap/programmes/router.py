from samskap.kit.routes import crud_router
from samskap.programmes.schemas import (
    ProgrammeCreate,
    ProgrammePage,
    ProgrammeRead,
    ProgrammeUpdate,
)
from samskap.programmes.service import ProgrammeService

router = crud_router(
    path="/programmes",
    resource="programmes",
    singular="programme",
    service=ProgrammeService,
    read=ProgrammeRead,
    create=ProgrammeCreate,
    update=ProgrammeUpdate,
    page=ProgrammePage,
    delete_summary="Delete a programme that no longer holds any records",
)
