"""Completes the OpenAPI document from what the shared machinery does on every operation.

Some answers come from mechanisms every operation shares rather than from the operation
itself: the token check (401, 429), the unknown-parameter check (400), validation (422), the
body limit and media type (413, 415), loading the record named in the path (404) and the
If-Match check (412, 428). Declaring them here, from the operation's own parameters, keeps
the document true for every operation, new ones included.
"""

from typing import Any

from pydantic import BaseModel

from samskap.problems import problem_responses

ETAG_HEADER = {
    "ETag": {
        "description": 'The version of the record, e.g. "3"; send it as If-Match to change it',
        "schema": {"type": "string"},
    }
}
LOCATION_HEADER = {
    "Location": {"description": "The address of the new record", "schema": {"type": "string"}}
}
# What a route declares as `responses`; these two are joined with `problem_responses(...)`.
Responses = dict[int | str, dict[str, Any]]
READ_WITH_ETAG: Responses = {200: {"headers": ETAG_HEADER}}
CREATED_WITH_ETAG: Responses = {201: {"headers": ETAG_HEADER | LOCATION_HEADER}}
_UNUSED = ("HTTPValidationError", "ValidationError")

# Bodies that an operation reads itself (a merge patch is merged before it is validated),
# so FastAPI does not see their models: their schemas are added to the document here.
_BODY_SCHEMAS: dict[str, type[BaseModel]] = {}


def declare_body_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Add `model` to the document's schemas; returns a reference to it."""
    _BODY_SCHEMAS[model.__name__] = model
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _add_body_schemas(components: dict[str, Any]) -> None:
    for name, model in _BODY_SCHEMAS.items():
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for sub_name, sub in schema.pop("$defs", {}).items():
            components.setdefault(sub_name, sub)
        components[name] = schema


def _statuses(operation: dict[str, Any]) -> list[int]:
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    statuses = [400]
    if parameters or has_body:
        statuses.append(422)
    if operation.get("security"):
        statuses += [401, 429]
    if any(p["in"] == "path" for p in parameters):
        statuses.append(404)
    if any(p["in"] == "header" and p["name"].lower() == "if-match" for p in parameters):
        statuses += [412, 428]
    if has_body:
        statuses += [413, 415]
    return statuses


def complete(schema: dict[str, Any]) -> dict[str, Any]:
    """Declare the shared answers on every operation, all as application/problem+json."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status in _statuses(operation):
                declared = problem_responses(status)[status]
                # FastAPI's own 422 names its validation schema; ours is a problem document.
                if str(status) not in responses or status == 422:
                    responses[str(status)] = declared
            operation["responses"] = dict(sorted(responses.items()))
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    _add_body_schemas(components)
    text = str(schema.get("paths"))
    for name in _UNUSED:
        if f"#/components/schemas/{name}'" not in text:
            components.pop(name, None)
    return schema
