"""Annotated dependency aliases shared by the routers."""

from typing import Annotated

from fastapi import Depends, Header
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import get_session

SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
# Required: a change that does not say which version it is based on could overwrite
# someone else's unseen. A missing header answers 428 (see problems.py), not 422.
IfMatch = Annotated[
    str,
    Header(
        description='The ETag of the version the change is based on, e.g. "3" (from the '
        "ETag header of a read). A stale value gives 412, a missing one 428; either way "
        'nothing changes. "*" matches any version.',
        max_length=200,
    ),
]
