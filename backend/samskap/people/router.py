import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from samskap.auth.principal import PrincipalDep
from samskap.deps import IfMatch, SessionDep
from samskap.kit.etag import etag
from samskap.kit.openapi import READ_WITH_ETAG
from samskap.kit.routes import crud_router
from samskap.people.privacy import erase_person, export_person
from samskap.people.schemas import PersonCreate, PersonPage, PersonRead, PersonUpdate
from samskap.people.service import PersonService
from samskap.problems import problem_responses

PersonId = Annotated[uuid.UUID, Path(description="The id of the person")]

router = APIRouter()
router.include_router(
    crud_router(
        path="/people",
        resource="people",
        singular="person",
        service=PersonService,
        read=PersonRead,
        create=PersonCreate,
        update=PersonUpdate,
        page=PersonPage,
        delete_summary="Delete a person no record refers to",
        descriptions={
            "list": "One page of the people you may see: employees, union and safety "
            "representatives, elected officials and others who take part in the programme.",
            "create": "Adds a person to a programme, with their affiliation (employee, union "
            "representative, …), unit and municipality. A person is a participant, not a "
            "login: users are linked to people through memberships.",
            "delete": "Deletes a person that no record refers to; one who sits in a group, is "
            "assigned a task or took part in an involvement answers 409 (erase them instead).",
        },
    )
)


@router.get(
    "/people/{id}/export",
    name="people-export",
    tags=["people"],
    summary="Everything held about a person (GDPR art. 15)",
    responses=problem_responses(401, 403, 404),
)
async def export(id: PersonId, session: SessionDep, principal: PrincipalDep) -> dict[str, Any]:
    """For programme administrators and the person; the export is itself audited."""
    service = PersonService(session, principal)
    return await export_person(service, await service.get(id))


@router.post(
    "/people/{id}/erase",
    name="people-erase",
    tags=["people"],
    summary="Anonymise a person, keeping every record that refers to them",
    response_model=PersonRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422),
)
async def erase(
    id: PersonId,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatch,
) -> Any:
    """Programme administrators only. Groups, tasks and involvements keep their counts."""
    service = PersonService(session, principal)
    person = await erase_person(service, await service.get(id), if_match)
    response.headers["ETag"] = etag(person.version)
    return person
