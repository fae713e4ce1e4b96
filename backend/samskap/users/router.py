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
)
