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
)
