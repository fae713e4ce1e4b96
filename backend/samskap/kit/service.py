"""The shape every resource service shares: load, list, create, merge-patch, delete.

A domain service subclasses `CrudService` and overrides `apply` (turn validated input into
attribute changes, checking references) and `validate` (whole-record rules that must hold
after the change). Services never commit: the request's session does.
"""

import uuid
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.kit.etag import check_if_match
from samskap.kit.ids import uuid7
from samskap.kit.listing import ListQuery, ListSpec
from samskap.problems import Conflict, NotFound, ValidationFailed

M = TypeVar("M")


class CrudService(Generic[M]):
    model: ClassVar[type]
    label: ClassVar[str]
    spec: ClassVar[ListSpec]

    def __init__(self, session: AsyncSession):
        self.session = session

    # reading -------------------------------------------------------------------------------
    def scoped(self, stmt: Select) -> Select:
        """Narrow a query to what this service may see (the parent, later the caller)."""
        return stmt

    async def find(self, record_id: uuid.UUID) -> M | None:
        stmt = self.scoped(select(self.model).where(self.model.id == record_id))
        stmt = stmt.options(*self.spec.options).execution_options(populate_existing=True)
        return (await self.session.scalars(stmt)).first()

    async def get(self, record_id: uuid.UUID) -> M:
        record = await self.find(record_id)
        if record is None:
            raise NotFound(self.label)
        return record

    async def list(self, lq: ListQuery) -> tuple[list[M], str | None]:
        return await self.spec.page(self.session, lq, self.scoped(select(self.model)))

    # writing -------------------------------------------------------------------------------
    async def apply(self, record: M, values: dict[str, Any], *, creating: bool) -> None:
        for name, value in values.items():
            setattr(record, name, value)

    async def validate(self, record: M) -> None:
        """Rules on the whole record after a change; raise ValidationFailed to refuse it."""

    async def create(self, data: BaseModel) -> M:
        record = self.model(id=uuid7())
        await self.apply(record, data.model_dump(), creating=True)
        await self.validate(record)
        await self._check_external_id(record)
        self.session.add(record)
        await self.flush()
        await self.after_create(record, data)
        return await self.get(record.id)

    async def after_create(self, record: M, data: BaseModel) -> None:
        """Create what belongs to a new record (its phases, its results)."""

    async def update(self, record: M, patch: BaseModel, if_match: str | None) -> M:
        check_if_match(if_match, record.version)
        changes = patch.model_dump(exclude_unset=True)
        if not changes:
            return record
        table = self.model.__table__
        for name, value in changes.items():
            if value is None and name in table.c and not table.c[name].nullable:
                raise ValidationFailed.at(f"/{name}", "may not be null")
        await self.apply(record, changes, creating=False)
        await self.validate(record)
        if "external_id" in changes:
            await self._check_external_id(record)
        # Touching updated_at issues the UPDATE that bumps the version, also when only
        # related rows (participants, results) changed.
        record.updated_at = utcnow()
        await self.flush()
        return await self.get(record.id)

    async def delete(self, record: M, if_match: str | None) -> None:
        check_if_match(if_match, record.version)
        await self.session.delete(record)
        await self.flush()

    async def flush(self) -> None:
        try:
            await self.session.flush()
        except IntegrityError as exc:
            message = str(exc.orig).lower()
            is_delete = (exc.statement or "").lstrip().upper().startswith("DELETE")
            if ("foreign key" in message or "foreignkey" in message) and is_delete:
                raise Conflict(
                    f"The {self.label} is still referred to by other records; "
                    "remove or move those first."
                ) from exc
            if "foreign key" in message or "foreignkey" in message:
                raise Conflict(
                    f"The {self.label} refers to a record that no longer exists."
                ) from exc
            if "unique" in message or "duplicate" in message:
                raise Conflict(f"A {self.label} with the same key already exists.") from exc
            raise

    async def _check_external_id(self, record: M) -> None:
        external_id = getattr(record, "external_id", None)
        if external_id is None:
            return
        stmt = select(self.model.id).where(
            self.model.external_id == external_id, self.model.id != record.id
        )
        if hasattr(self.model, "programme_id") and self.model.__tablename__ != "programme":
            stmt = stmt.where(self.model.programme_id == record.programme_id)
        if (await self.session.scalars(stmt)).first() is not None:
            raise Conflict(
                f"A {self.label} with external_id {external_id!r} already exists.",
                errors=[{"pointer": "/external_id", "detail": "already in use"}],
            )


def require_order(start, end, start_name: str, end_name: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationFailed.at(f"/{end_name}", f"must not be before {start_name} ({start})")
