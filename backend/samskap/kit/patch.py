"""JSON Merge Patch (RFC 7396) applied to the record as the API shows it.

A PATCH body names only what changes. At the top level a member replaces the field (`null`
clears a field that can be empty); a member whose value is an object is merged into the
field's current object, member by member, where `null` removes a member. The merged body is
then validated as the resource's update schema, so a partial nested object is judged as
the whole it becomes.
"""

from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 section 2: MergePatch(Target, Patch)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = merge_patch(result.get(name), value)
    return result


def _body_errors(exc: ValidationError) -> RequestValidationError:
    return RequestValidationError(
        [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
    )


def merges_into_objects(body: Any) -> bool:
    """Whether a merge patch has a member to merge into a field's current object."""
    return isinstance(body, dict) and any(isinstance(v, dict) for v in body.values())


def merged_update(update: type[BaseModel], current: BaseModel | None, body: Any) -> BaseModel:
    """The update that `body`, a merge patch, makes to the record shown as `current` (which
    is only needed when `merges_into_objects(body)`)."""
    if not isinstance(body, dict):
        raise RequestValidationError(
            [
                {
                    "type": "model_type",
                    "loc": ("body",),
                    "msg": "A merge patch is a JSON object",
                    "input": body,
                    "ctx": {"class_name": update.__name__},
                }
            ]
        )
    shown = current.model_dump(mode="json") if current is not None else {}
    merged = {
        name: merge_patch(shown.get(name), value)
        if isinstance(value, dict) and name in update.model_fields
        else value
        for name, value in body.items()
    }
    try:
        return update.model_validate(merged)
    except ValidationError as exc:
        raise _body_errors(exc) from exc
