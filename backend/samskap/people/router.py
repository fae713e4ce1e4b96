from samskap.kit.routes import crud_router
from samskap.people.schemas import PersonCreate, PersonPage, PersonRead, PersonUpdate
from samskap.people.service import PersonService

router = crud_router(
    path="/people",
    resource="people",
    singular="person",
    service=PersonService,
    read=PersonRead,
    create=PersonCreate,
    update=PersonUpdate,
    page=PersonPage,
    delete_summary="Delete a person no record refers to",
)
