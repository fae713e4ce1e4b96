"""The shape every resource service shares: load, list, create, merge-patch, delete.

A service is made for one request's session and principal. Every query it builds is
narrowed to the programmes the principal may read (`scoped`), every write is authorised
(`authorize`) and appended to the audit trail. A domain service overrides:

- `apply`: turn validated input into attribute changes, checking references;
- `validate`: rules on the whole record that must hold after the change;
- `member_may_write`: what a programme member (not editor) may change;
- `present`: what of a record this principal may see.

Services never commit: the request's session does.
"""

import copy
import uuid
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import replace
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

from pydantic import BaseModel
from sqlalchemy import Select, bindparam, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event, snapshot
from samskap.auth.principal import SYSTEM, Principal
from samskap.db import utcnow
from samskap.kit.etag import check_if_match
from samskap.kit.ids import uuid7
from samskap.kit.listing import ListQuery, ListSpec
from samskap.models import Programme
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import ProgrammeRole
from samskap.problems import Conflict, Forbidden, NotFound, ValidationFailed

M = TypeVar("M", bound=Record)

_VERBS = {"create": "create", "update": "change", "delete": "delete"}
# The statement that reads one record by its id, per service class and kind of caller
# (every programme, one, several): see CrudService.find.
_BY_ID: dict[tuple[type, str], Select] = {}


class CrudService(Generic[M]):
    model: type[M]
    label: ClassVar[str]
    spec: ClassVar[ListSpec]
    write_role: ClassVar[ProgrammeRole] = ProgrammeRole.editor

    def __init__(self, session: AsyncSession, principal: Principal = SYSTEM):
        self.session = session
        self.principal = principal

    def bound_to(self, session: AsyncSession) -> Self:
        """The same service, for the same principal, reading through another session."""
        bound = copy.copy(self)
        bound.session = session
        return bound

    # access ----------------------------------------------------------------------------------
    # A record belongs to a programme, unless its service says otherwise (programmes, users).
    def programme_column(self) -> Any:
        return cast(type[InProgramme], self.model).programme_id

    def programme_of(self, record: M) -> uuid.UUID | None:
        return cast(InProgramme, record).programme_id

    def scoped(self, stmt: Select) -> Select:
        """Narrow a query to the programmes the principal belongs to."""
        visible = self.principal.programme_ids()
        if visible is None:
            return stmt
        if len(visible) == 1:
            # One programme (an API token, most users): an equality, nothing to expand.
            (only,) = visible
            return stmt.where(self.programme_column() == only)
        return stmt.where(self.programme_column().in_(visible))

    async def authorize(self, record: M, action: str) -> None:
        programme_id = self.programme_of(record)
        role = self.principal.role_in(programme_id)
        if role is None:
            raise NotFound(self.label)
        if self.principal.at_least(programme_id, self.write_role):
            return
        if role == ProgrammeRole.member and await self.member_may_write(record, action):
            return
        raise Forbidden(
            f"Your role in this programme ({role}) may not {_VERBS[action]} this {self.label}."
        )

    async def member_may_write(self, record: M, action: str) -> bool:
        return False

    async def programme(self, programme_id: uuid.UUID, field: str = "programme_id") -> Programme:
        """A programme the principal can see; any other is reported as unknown."""
        programme = await self.session.get(Programme, programme_id)
        if programme is None or self.principal.role_in(programme.id) is None:
            raise ValidationFailed.at(
                f"/{field}", "no programme with this id", code="unknown_reference"
            )
        return programme

    async def present(self, record: M) -> Any:
        """What of the record this principal may see (everything, unless overridden)."""
        return record

    # reading -------------------------------------------------------------------------------
    async def _first(self, *conditions: Any) -> M | None:
        stmt = self.scoped(select(self.model).where(*conditions))
        stmt = stmt.options(*self.spec.options).execution_options(populate_existing=True)
        return (await self.session.scalars(stmt)).first()

    async def find(self, record_id: uuid.UUID) -> M | None:
        if type(self).scoped is not CrudService.scoped:
            return await self._first(self.model.id == record_id)
        # The commonest read: one statement per service and kind of caller, built once and
        # run with the id and the caller's programmes as parameters.
        visible = self.principal.programme_ids()
        params: dict[str, Any] = {"record_id": record_id}
        if visible is None:
            kind = "all"
        elif len(visible) == 1:
            kind = "one"
            (params["programme"],) = visible
        else:
            kind = "some"
            params["programmes"] = list(visible)
        key = (type(self), kind)
        stmt = _BY_ID.get(key)
        if stmt is None:
            stmt = select(self.model).where(self.model.id == bindparam("record_id"))
            if kind == "one":
                stmt = stmt.where(self.programme_column() == bindparam("programme"))
            elif kind == "some":
                stmt = stmt.where(
                    self.programme_column().in_(bindparam("programmes", expanding=True))
                )
            stmt = stmt.options(*self.spec.options).execution_options(populate_existing=True)
            _BY_ID[key] = stmt
        return (await self.session.scalars(stmt, params)).first()

    async def get(self, record_id: uuid.UUID) -> M:
        record = await self.find(record_id)
        if record is None:
            raise NotFound(self.label)
        return record

    async def get_by_external_id(
        self, external_id: str, programme_id: uuid.UUID | None = None
    ) -> M:
        """The record with the caller's own key; `programme_id` is where that key is unique
        (none for records that are not in a programme). Seen as `get` sees it."""
        keyed = cast(type[ExternallyKeyed], self.model)
        conditions = [keyed.external_id == external_id]
        if programme_id is not None:
            conditions.append(self.programme_column() == programme_id)
        record = await self._first(*conditions)
        if record is None:
            raise NotFound(self.label)
        return record

    async def list(self, lq: ListQuery) -> tuple[list[M], str | None]:
        return await self.spec.page(self.session, lq, self.scoped(select(self.model)))

    @classmethod
    def row_columns(cls, fields: Iterable[str]) -> tuple[Any, ...] | None:
        """The model's columns named `fields` (rows of them keyed by those names), when
        a list's answer can be read as rows of them (`list_rows`): the service reads and
        presents its records as the shared machinery does (no `list`, `scoped` or `present`
        of its own, nothing loaded with them), and every field, sort and the id are plain
        columns. None otherwise."""
        if (
            cls.list is not CrudService.list
            or cls.scoped is not CrudService.scoped
            or cls.present is not CrudService.present
            or cls.spec.options
        ):
            return None
        attributes = inspect(cls.model).column_attrs
        wanted = list(fields)
        sorts = [column.key for column in cls.spec.sorts.values()]
        # Rows are keyed by the columns' names, which must be the fields' (a page read in two
        # parts names its rows after the columns): a column named otherwise keeps records.
        if any(
            name not in attributes or attributes[name].columns[0].key != name for name in wanted
        ) or not {*sorts, "id"} <= set(wanted):
            return None
        return tuple(getattr(cls.model, name) for name in wanted)

    async def list_rows(
        self, lq: ListQuery, columns: Sequence[Any]
    ) -> tuple[Sequence[dict[str, Any]], str | None]:
        """The page `list` reads, as dicts of `columns` (from `row_columns`) keyed by their
        fields' names instead of records: no object, identity-map entry or change tracking
        for each row of a page that is only shown."""
        statement = self.scoped(select(*columns))
        rows, next_cursor = await self.spec.page(self.session, lq, statement, rows=True)
        # Plain dicts, which a page's model validates fastest (`Row._asdict` costs four
        # times as much as zipping the names with each row).
        names = [column.key for column in columns]
        return [dict(zip(names, row, strict=True)) for row in rows], next_cursor

    async def every(self, lq: ListQuery, page_size: int) -> AsyncIterator[Sequence[M]]:
        """The whole list, a page at a time: `list` walked along its own cursor."""
        cursor = lq.cursor
        while True:
            records, cursor = await self.list(replace(lq, limit=page_size, cursor=cursor))
            yield records
            # What reading the page added (audit events of guarded reads) is written now,
            # so that the session does not hold every page's additions until the end.
            await self.session.flush()
            if cursor is None:
                return

    # writing -------------------------------------------------------------------------------
    async def apply(self, record: M, values: dict[str, Any], *, creating: bool) -> None:
        for name, value in values.items():
            setattr(record, name, value)

    async def validate(self, record: M) -> None:
        """Rules on the whole record after a change; raise ValidationFailed to refuse it."""

    def snapshot(self, record: M) -> dict[str, Any]:
        return snapshot(record)

    def audit(self, action: str, record: M, before: dict | None, after: dict | None) -> None:
        record_event(
            self.session,
            self.principal,
            action=action,
            record_type=self.model.__tablename__,
            record_id=record.id,
            programme_id=self.programme_of(record),
            before=before,
            after=after,
        )

    async def create(self, data: BaseModel) -> M:
        record = self.model(id=uuid7())
        await self.apply(record, data.model_dump(), creating=True)
        await self.authorize(record, "create")
        await self.validate(record)
        await self._check_external_id(record)
        self.session.add(record)
        await self.flush()
        await self.after_create(record, data)
        record = await self.get(record.id)
        self.audit("create", record, None, self.snapshot(record))
        return record

    async def after_create(self, record: M, data: BaseModel) -> None:
        """Create what belongs to a new record (its phases, its results)."""

    async def update(self, record: M, patch: BaseModel, if_match: str | None) -> M:
        check_if_match(if_match, record.version)
        await self.authorize(record, "update")
        changes = patch.model_dump(exclude_unset=True)
        if not changes:
            return record
        table = self.model.__table__
        for name, value in changes.items():
            if value is None and name in table.c and not table.c[name].nullable:
                raise ValidationFailed.at(f"/{name}", "may not be null", code="not_nullable")
        before = self.snapshot(record)
        await self.apply(record, changes, creating=False)
        await self.authorize(record, "update")
        await self.validate(record)
        if "external_id" in changes:
            await self._check_external_id(record)
        # Touching updated_at issues the UPDATE that bumps the version, also when only
        # related rows (participants, results) changed.
        record.updated_at = utcnow()
        await self.flush()
        record = await self.get(record.id)
        self.audit("update", record, before, self.snapshot(record))
        return record

    async def delete(self, record: M, if_match: str | None) -> None:
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        before = self.snapshot(record)
        await self.session.delete(record)
        await self.flush()
        self.audit("delete", record, before, None)

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
        keyed = cast(type[ExternallyKeyed], self.model)
        stmt = select(self.model.id).where(
            keyed.external_id == external_id, self.model.id != record.id
        )
        if self.model is not Programme:
            stmt = stmt.where(self.programme_column() == self.programme_of(record))
        if (await self.session.scalars(stmt)).first() is not None:
            raise Conflict(
                f"A {self.label} with external_id {external_id!r} already exists.",
                errors=[
                    {
                        "pointer": "/external_id",
                        "code": "already_in_use",
                        "detail": "already in use",
                    }
                ],
            )


def require_order(start, end, start_name: str, end_name: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationFailed.at(
            f"/{end_name}",
            f"must not be before {start_name} ({start})",
            code="before_start",
            params={"field": start_name, "value": str(start)},
        )
