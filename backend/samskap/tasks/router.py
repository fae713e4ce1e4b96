from samskap.kit.routes import crud_router
from samskap.tasks.schemas import TaskCreate, TaskPage, TaskRead, TaskUpdate
from samskap.tasks.service import TaskService

router = crud_router(
    path="/tasks",
    resource="tasks",
    singular="task",
    service=TaskService,
    read=TaskRead,
    create=TaskCreate,
    update=TaskUpdate,
    page=TaskPage,
    descriptions={
        "create": "Creates a task (oppgave) in a project, optionally in one of its phases, for "
        "one of the programme's groups, or as a subtask of another task of the project.",
    },
)
