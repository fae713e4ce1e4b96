"""Annotated dependency aliases shared by the routers."""

from typing import Annotated

from fastapi import Depends, Header
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import get_session

SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
IfMatch = Annotated[
    str | None,
    Header(
        description='The ETag of the version the change is based on, e.g. "3"; '
        "a stale value gives 412 and changes nothing",
    ),
]
