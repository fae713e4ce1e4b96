from samskap.kit.routes import crud_router
from samskap.users.schemas import UserCreate, UserPage, UserRead, UserUpdate
from samskap.users.service import UserService

router = crud_router(
    path="/users",
    resource="users",
    singular="user",
    service=UserService,
    read=UserRead,
    create=UserCreate,
    update=UserUpdate,
    page=UserPage,
    delete_summary="Delete a user account (its sessions and roles go with it)",
    descriptions={
        "list": "One page of the user accounts: who can log in (system administrators only).",
        "create": "Creates a user account that can log in with its e-mail address and password. "
        "Unless a system administrator, the user sees no programme until given a role in one "
        "(`POST /programmes/{programme_id}/memberships`).",
        "delete": "Deletes a user account; its sessions and programme roles go with it.",
    },
)
