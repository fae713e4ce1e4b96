"""Query parameters: a parameter an operation does not know is refused, never ignored.

A typo such as `frm=survey` would otherwise return every record, and an integrator would
act on the wrong ones. The check runs on every operation, from the parameters the operation
itself declares, so new operations get it without doing anything.
"""

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from samskap.kit.text import has_control_character
from samskap.problems import BadRequest, ValidationFailed

_KNOWN = "samskap_query_parameters"


def _declared(route: APIRoute) -> frozenset[str]:
    names: frozenset[str] | None = getattr(route, _KNOWN, None)
    if names is None:
        names = frozenset(_query_names(route.dependant))
        setattr(route, _KNOWN, names)
    return names


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def check_query_parameters(request: Request) -> None:
    """400 for a parameter the operation does not take; 422 for control characters."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _declared(route)
    unknown = sorted({name for name in request.query_params if name not in known})
    if unknown:
        listed = ", ".join(unknown)
        raise BadRequest(
            f"Unknown query parameter: {listed}. This operation takes "
            + (", ".join(sorted(known)) if known else "no query parameters")
            + ".",
            errors=[
                {"parameter": name, "code": "unknown_parameter", "detail": "not a parameter here"}
                for name in unknown
            ],
        )
    for name, value in request.query_params.multi_items():
        if has_control_character(value):
            raise ValidationFailed(
                f"{name}: must not contain control characters",
                errors=[
                    {
                        "parameter": name,
                        "code": "control_character",
                        "detail": "must not contain control characters such as NUL",
                    }
                ],
            )
