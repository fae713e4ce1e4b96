import uuid

from fastapi import APIRouter

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
    phase_id: uuid.UUID, session: SessionDep, principal: PrincipalDep
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
    )
)
