from typing import Annotated

from fastapi import APIRouter, Path, Response

from samskap.imports.templates import (
    CSV_MEDIA_TYPE,
    ImportTemplate,
    csv_template,
    file_name,
    resource_named,
    resources,
    templates,
    xlsx_template,
)
from samskap.kit.export import XLSX_MEDIA_TYPE
from samskap.kit.openapi import Responses
from samskap.models.enums import ImportResource
from samskap.problems import NotFound, problem_responses

ResourceName = Annotated[
    str,
    Path(
        description="The resource whose template to give: "
        + ", ".join(r.value for r in resources()),
        examples=["people"],
    ),
]

TEMPLATE_CSV: Responses = {
    200: {
        "description": "UTF-8 with a byte order mark, comma separated: the header (references "
        "by their external_id column) and one example row",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}
TEMPLATE_XLSX: Responses = {
    200: {
        "description": "Sheet «Data»: the header and one example row, the enumerated columns "
        "offering their accepted values as a list; sheet «Kolonner»: each column with whether "
        "it is required, its type, description, accepted values and Norwegian names",
        "content": {XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
    }
}

# Registered before the imports' own router, whose /imports/{id} would otherwise be tried
# for «templates» first.
router = APIRouter(prefix="/imports/templates", tags=["imports"])


@router.get(
    "",
    name="import-templates-list",
    summary="The columns of each resource's import file",
    response_model=list[ImportTemplate],
    responses=problem_responses(401),
)
async def list_templates() -> list[ImportTemplate]:
    """For each resource a file can be imported into, its columns: name, header, whether
    required, description, type, accepted values, default, Norwegian names and, for a
    reference, the column that names the record by external key."""
    return templates()


@router.get(
    "/{resource}.csv",
    name="import-templates-csv",
    summary="The CSV template of a resource to import",
    response_class=Response,
    responses=TEMPLATE_CSV | problem_responses(401, 404),
)
async def csv_file(resource: ResourceName) -> Response:
    """The header row of the resource's columns and one example row, to fill in and import."""
    found = _resource(resource)
    return Response(
        csv_template(found),
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{file_name(found, "csv")}"'},
    )


@router.get(
    "/{resource}.xlsx",
    name="import-templates-xlsx",
    summary="The XLSX template of a resource to import",
    response_class=Response,
    responses=TEMPLATE_XLSX | problem_responses(401, 404),
)
async def xlsx_file(resource: ResourceName) -> Response:
    """The header row and one example row, with the accepted values of enumerated columns as
    lists, and a sheet describing every column."""
    found = _resource(resource)
    return Response(
        xlsx_template(found),
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{file_name(found, "xlsx")}"'},
    )


def _resource(name: str) -> ImportResource:
    found = resource_named(name)
    if found is None:
        raise NotFound(
            detail=f"No import template named {name}: there is one for each of "
            + ", ".join(r.value for r in resources())
        )
    return found
