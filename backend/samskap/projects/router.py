from samskap.kit.routes import crud_router
from samskap.projects.schemas import ProjectCreate, ProjectPage, ProjectRead, ProjectUpdate
from samskap.projects.service import ProjectService

router = crud_router(
    path="/projects",
    resource="projects",
    singular="project",
    service=ProjectService,
    read=ProjectRead,
    create=ProjectCreate,
    update=ProjectUpdate,
    page=ProjectPage,
    delete_summary="Delete a project (and its phases) that nothing else refers to",
    descriptions={
        "create": "Creates a project (delprosjekt) of a programme, with its mandate, leader "
        "and owner; `phase_template` creates its phases from a built-in template at once.",
        "delete": "Deletes a project and its phases; a project that other records still refer "
        "to (groups, tasks, deadlines, …) answers 409.",
    },
)
