import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.kit.routes import crud_router
from samskap.phases.schemas import (
    ExpectedResultCreate,
    ExpectedResultPage,
    ExpectedResultRead,
    ExpectedResultUpdate,
    PhaseCreate,
    PhasePage,
    PhaseRead,
    PhaseTemplateRead,
    PhaseUpdate,
)
from samskap.phases.service import ExpectedResultService, PhaseService
from samskap.phases.templates import TEMPLATES


async def results_of(
    phase_id: Annotated[uuid.UUID, Path(description="The id of the phase")],
    session: SessionDep,
    principal: PrincipalDep,
) -> ExpectedResultService:
    phase = await PhaseService(session, principal).get(phase_id)
    return ExpectedResultService(session, principal, phase)


router = APIRouter()


@router.get(
    "/phase-templates",
    name="phase-templates-list",
    tags=["phases"],
    summary="List the built-in phase templates",
    response_model=list[PhaseTemplateRead],
)
async def list_phase_templates() -> list[dict]:
    """The templates a project can be created from (`phase_template` on project create)."""
    return [
        {"key": t.key, "name": t.name, "source": t.source, "phases": [vars(p) for p in t.phases]}
        for t in TEMPLATES.values()
    ]


router.include_router(
    crud_router(
        path="/phases",
        resource="phases",
        singular="phase",
        service=PhaseService,
        read=PhaseRead,
        create=PhaseCreate,
        update=PhaseUpdate,
        page=PhasePage,
        delete_summary="Delete a phase and its expected results",
        descriptions={
            "create": "Adds a phase (fase) to a project, by default after its last phase. A "
            "phase can be completed only when each of its expected results is done or waived.",
            "delete": "Deletes a phase and its expected results; a phase that tasks still "
            "refer to answers 409.",
        },
    )
)
router.include_router(
    crud_router(
        path="/phases/{phase_id}/expected-results",
        resource="expected-results",
        singular="expected result",
        service=ExpectedResultService,
        service_dependency=results_of,
        read=ExpectedResultRead,
        create=ExpectedResultCreate,
        update=ExpectedResultUpdate,
        page=ExpectedResultPage,
        descriptions={
            "list": "One page of the phase's checklist of expected results (faseresultat), "
            "in order.",
            "create": "Adds an expected result to the phase's checklist.",
            "update": "Changes an expected result: tick it off as done, or waive it with a reason.",
            "delete": "Removes an expected result from the phase's checklist.",
        },
    )
)
