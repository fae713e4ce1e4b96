"""The import engine: one Table of one resource written into one programme, in chunks.

How to use it (the import API and a programme import both do this):

    plan = plan_columns(resource, table.columns)              # 422 before anything is stored
    rows = TableImport(session, principal, programme_id, resource, plan, id_map=...)
    await rows.prepare()
    for chunk in chunks(table.rows(), 1000):
        outcomes = await rows.process(chunk)                   # one RowOutcome per row

or, for a whole table at once, `await import_table(session, principal, programme_id,
resource, table, id_map=...)`. The engine writes into the session it is given and never
commits: the caller decides what stands (all_or_nothing rolls back if any row failed, a dry
run always does). A row is never half-written: a row refused by the rules writes nothing,
and a row refused by the database is rolled back alone (a savepoint) and reported.

Every row passes through the API's own rules: the resource's create body (pydantic, the same
codes as the API's 422), and its service's `apply`, `authorize` and `validate`; an update is
the service's own `update` (audit event and version bump as a PATCH). Speed comes from doing
per chunk what the API does per request: references and existing records are loaded with one
query per referenced resource, so that the services find them in the session's identity map,
and new records of resources whose service has no `after_create` (people, groups, group
members, deadlines) are inserted with their audit events in one executemany statement each.

With `id_map` (a programme import), a reference column that holds a UUID found in the map is
replaced by the new id, and an `id` column is accepted: the new record's id is added to the
map under the old one.
"""

import types
import typing
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, cast

from asyncpg.exceptions import IntegrityConstraintViolationError
from pydantic import BaseModel, ValidationError
from sqlalchemy import Select, Table, insert, or_, select, text, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ColumnProperty, class_mapper

from samskap.audit.log import _jsonable
from samskap.auth.principal import Principal
from samskap.db import utcnow
from samskap.imports.columns import (
    COMMON_NORWEGIAN,
    NORWEGIAN,
    REFERENCES,
    Reference,
    create_body,
    fields,
    normalise,
)
from samskap.imports.readers import MISSING
from samskap.jobs.outbox import emit_change
from samskap.kit.clock import local_zone
from samskap.kit.ids import uuid7
from samskap.kit.schemas import accepts_none
from samskap.kit.service import CrudService
from samskap.models import (
    AuditEvent,
    Deadline,
    Group,
    GroupMember,
    Involvement,
    Person,
    Programme,
    Project,
    Task,
)
from samskap.models.common import SECRET_COLUMNS
from samskap.models.enums import ImportOutcome
from samskap.models.enums import ImportResource as R
from samskap.models.imports import ImportRow
from samskap.problems import AppError, ValidationFailed, body_errors, error_items
from samskap.webhooks.delivery import has_active_webhook

CHUNK_ROWS = 1000

MODELS: dict[R, type[Any]] = {
    R.people: Person,
    R.groups: Group,
    R.group_members: GroupMember,
    R.projects: Project,
    R.tasks: Task,
    R.deadlines: Deadline,
    R.involvements: Involvement,
}

# Resources whose new records are inserted in bulk: their service creates nothing beside the
# record (no after_create), snapshots it as stored, and none refers to its own kind.
BULK_CREATE = {R.people, R.groups, R.group_members, R.deadlines}


def _service_class(resource: R) -> type[CrudService]:
    from samskap.deadlines.service import DeadlineService
    from samskap.groups.service import GroupService, MemberService
    from samskap.involvements.service import InvolvementService
    from samskap.people.service import PersonService
    from samskap.projects.service import ProjectService
    from samskap.tasks.service import TaskService

    return {
        R.people: PersonService,
        R.groups: GroupService,
        R.group_members: MemberService,
        R.projects: ProjectService,
        R.tasks: TaskService,
        R.deadlines: DeadlineService,
        R.involvements: InvolvementService,
    }[resource]


def _update_body(resource: R) -> type[BaseModel]:
    from samskap.deadlines.schemas import DeadlineUpdate
    from samskap.groups.schemas import GroupUpdate, MemberUpdate
    from samskap.involvements.schemas import InvolvementUpdate
    from samskap.people.schemas import PersonUpdate
    from samskap.projects.schemas import ProjectUpdate
    from samskap.tasks.schemas import TaskUpdate

    return {
        R.people: PersonUpdate,
        R.groups: GroupUpdate,
        R.group_members: MemberUpdate,
        R.projects: ProjectUpdate,
        R.tasks: TaskUpdate,
        R.deadlines: DeadlineUpdate,
        R.involvements: InvolvementUpdate,
    }[resource]


# columns ---------------------------------------------------------------------------------------
def _file_error(code: str, detail: str, **params: str) -> dict[str, Any]:
    item: dict[str, Any] = {"pointer": "/file", "code": code, "detail": detail}
    if params:
        item["params"] = params
    return item


def accepted_columns(resource: R, *, allow_id: bool = False) -> dict[str, str]:
    """Every header the resource accepts (normalised), and the column it stands for: a field
    of the create body, or a reference by external key."""
    own = fields(resource)
    by_key = [ref.by_key for ref in REFERENCES[resource]]
    accepted = {name: name for name in [*own, *by_key]}
    for norwegian, target in [*COMMON_NORWEGIAN.items(), *NORWEGIAN[resource].items()]:
        if target in accepted:
            accepted.setdefault(norwegian, target)
    if allow_id:
        accepted["id"] = "id"
    return accepted


@dataclass(frozen=True)
class ColumnPlan:
    """What each of the file's columns stands for (None: an empty header, ignored)."""

    resource: R
    headers: list[str]
    targets: list[str | None]

    @property
    def given(self) -> set[str]:
        return {t for t in self.targets if t is not None}


def _field_of(resource: R, column: str) -> str:
    """The create body's field a column gives: itself, or the one its external key names."""
    for ref in REFERENCES[resource]:
        if column == ref.by_key:
            return ref.field
    return column


def plan_columns(resource: R, headers: list[str], *, allow_id: bool = False) -> ColumnPlan:
    """Map a file's headers to the resource's columns, or refuse the file (422, pointer
    `/file`): a column it does not know (`unknown_column`), a required one missing
    (`missing_column`), two that give the same field (`duplicate_column`)."""
    accepted = accepted_columns(resource, allow_id=allow_id)
    errors: list[dict[str, Any]] = []
    targets: list[str | None] = []
    by_field: dict[str, str] = {}
    names = sorted(set(accepted.values()))
    for header in headers:
        text = normalise(str(header)) if header is not None else ""
        if not text:
            targets.append(None)
            continue
        target = accepted.get(text)
        if target is None:
            errors.append(
                _file_error(
                    "unknown_column",
                    f"unknown column {header!r}; the columns of {resource} are: "
                    + ", ".join(names),
                    column=str(header),
                    accepted=", ".join(names),
                )
            )
            targets.append(None)
            continue
        gives = _field_of(resource, target)
        if gives in by_field:
            errors.append(
                _file_error(
                    "duplicate_column",
                    f"columns {by_field[gives]!r} and {header!r} both give {gives}",
                    column=str(header),
                )
            )
        by_field[gives] = str(header)
        targets.append(target)
    body = create_body(resource)
    required = [
        name
        for name, info in body.model_fields.items()
        if info.is_required() and name != "programme_id"
    ]
    if resource == R.group_members:
        required.insert(0, "group_id")
    for name in required:
        if name not in by_field:
            by_key = next((r.by_key for r in REFERENCES[resource] if r.field == name), None)
            either = f" (or {by_key})" if by_key else ""
            errors.append(
                _file_error(
                    "missing_column",
                    f"the column {name}{either} is required",
                    column=by_key or name,
                )
            )
    if errors:
        raise ValidationFailed("; ".join(e["detail"] for e in errors), errors=errors)
    return ColumnPlan(resource, [str(h) if h is not None else "" for h in headers], targets)


# cells -----------------------------------------------------------------------------------------
def _kind(annotation: Any) -> str:
    """What a field takes, as far as turning a cell into it goes."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        kinds = {_kind(a) for a in typing.get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else "any"
    if origin in (list, tuple, set):
        return "list"
    if annotation is bool:
        return "bool"
    if isinstance(annotation, type):
        if issubclass(annotation, datetime):
            return "datetime"
        if issubclass(annotation, date):
            return "date"
        if issubclass(annotation, bool):
            return "bool"
        if issubclass(annotation, int):
            return "int"
        if issubclass(annotation, float | Decimal):
            return "number"
        if issubclass(annotation, uuid.UUID):
            return "uuid"
        if issubclass(annotation, str):
            return "str"
    return "str" if "Email" in getattr(annotation, "__name__", "") else "any"


_TRUE = {"true", "ja", "1", "yes", "sann", "j", "y"}
_FALSE = {"false", "nei", "0", "no", "usann", "n"}


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def convert(value: Any, kind: str, *, split: bool) -> Any:
    """A cell as the field takes it: strings stripped, empty as null, `;`-separated lists (in
    CSV and XLSX), yes/no words as booleans, spreadsheet numbers and dates as the field wants."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
        if kind == "list" and split:
            return [part.strip() for part in value.split(";") if part.strip()]
        if kind == "bool":
            word = value.lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
        return value
    if kind == "list":
        if isinstance(value, list):
            return [v.strip() if isinstance(v, str) else v for v in value]
        return [_text(value)]
    if isinstance(value, bool):
        return value if kind in ("bool", "any") else _text(value)
    if isinstance(value, int | float):
        if kind == "str":
            return _text(value)
        if kind == "int" and isinstance(value, float) and value.is_integer():
            return int(value)
        if kind == "bool" and value in (0, 1):
            return bool(value)
        return value
    if isinstance(value, datetime):
        if kind == "date":
            return value.date()
        if kind == "str":
            return value.isoformat()
        if value.tzinfo is None:
            return value.replace(tzinfo=local_zone())
        return value
    if isinstance(value, date):
        if kind == "datetime":
            return datetime.combine(value, time(), local_zone())
        return value.isoformat() if kind == "str" else value
    if isinstance(value, time):
        return value.isoformat()
    return value


def _key_text(value: Any) -> str | None:
    if value is None or value is MISSING:
        return None
    text = _text(value).strip()
    return text or None


def _as_uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            return None
    return None


# outcomes --------------------------------------------------------------------------------------
@dataclass
class RowOutcome:
    """What became of one row: its outcome, key, record and errors ({column, code, detail})."""

    row: int
    outcome: ImportOutcome
    external_id: str | None = None
    record_id: uuid.UUID | None = None
    errors: list[dict[str, Any]] | None = None


def failed(row: int, column: str | None, code: str, detail: str, **kw: Any) -> RowOutcome:
    return RowOutcome(
        row, ImportOutcome.failed, errors=[{"column": column, "code": code, "detail": detail}], **kw
    )


def outcome_rows(import_id: uuid.UUID, outcomes: Iterable[RowOutcome]) -> list[dict[str, Any]]:
    """import_row values for the outcomes, to insert in bulk."""
    return [
        {
            "import_id": import_id,
            "row": o.row,
            "outcome": o.outcome,
            "external_id": o.external_id,
            "record_id": o.record_id,
            "errors": o.errors,
        }
        for o in outcomes
    ]


async def write_outcomes(
    session: AsyncSession, import_id: uuid.UUID, outcomes: list[RowOutcome]
) -> None:
    """Insert the rows' outcomes of an import (executemany, a chunk at a time)."""
    values = outcome_rows(import_id, outcomes)
    for start in range(0, len(values), CHUNK_ROWS * 5):
        await bulk_insert(
            session, cast(Table, ImportRow.__table__), values[start : start + CHUNK_ROWS * 5]
        )


def chunks(rows: Iterable[tuple[int, list[Any]]], size: int) -> Iterator[list]:
    chunk: list = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def bulk_insert(session: AsyncSession, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows of one table in the session's transaction: on PostgreSQL with COPY (each
    value through its column type's own bind processing, as an INSERT would send it), else
    with one executemany INSERT."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name != "postgresql":
        await session.execute(insert(table), rows)
        return
    names = list(rows[0])
    # Only the columns whose type processes a value (enums, JSON) are touched one by one.
    processors = [
        (position, process)
        for position, name in enumerate(names)
        if (process := table.c[name].type.bind_processor(dialect)) is not None
    ]
    records: list[tuple[Any, ...]] = []
    for row in rows:
        values = [row[name] for name in names]
        for position, process in processors:
            value = values[position]
            if value is not None:
                values[position] = process(value)
        records.append(tuple(values))
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
        table.name, records=records, columns=names
    )


# the engine ------------------------------------------------------------------------------------
# Values an audit snapshot holds as they are (what _jsonable returns unchanged).
_AS_IS = {str, int, bool, type(None)}


@dataclass
class _Row:
    number: int
    given: dict[str, Any]  # field → value, for the columns the row gives
    keys: dict[str, Any]  # reference field → external key (or list of keys)
    old_id: uuid.UUID | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def external_id(self) -> str | None:
        value = self.given.get("external_id")
        return value if isinstance(value, str) else None


@dataclass
class _Pending:
    """A new record to insert in bulk, with its audit event."""

    index: int
    row: _Row
    values: dict[str, Any]
    audit: dict[str, Any]
    key: Any


class _Loaded:
    """The session as a service sees it while the engine checks a new record: the records
    the chunk loaded are found by id as the identity map would find them (without a trip
    through the async driver's greenlet for each), anything else is the session's own."""

    def __init__(self, session: AsyncSession, records: dict[tuple[type, Any], Any]) -> None:
        self._session = session
        self._records = records

    async def get(self, entity: Any, ident: Any, **kw: Any) -> Any:
        found = self._records.get((entity, ident))
        return found if found is not None else await self._session.get(entity, ident, **kw)

    async def get_one(self, entity: Any, ident: Any, **kw: Any) -> Any:
        found = self._records.get((entity, ident))
        return found if found is not None else await self._session.get_one(entity, ident, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class TableImport:
    """Imports rows of one resource into one programme, a chunk at a time, in `session`."""

    def __init__(
        self,
        session: AsyncSession,
        principal: Principal,
        programme_id: uuid.UUID,
        resource: R,
        plan: ColumnPlan,
        *,
        id_map: dict[uuid.UUID, uuid.UUID] | None = None,
        split_lists: bool = True,
    ) -> None:
        self.session = session
        self.principal = principal
        self.programme_id = programme_id
        self._announce = False
        self.resource = resource
        self.plan = plan
        self.id_map = id_map
        self.split_lists = split_lists
        self.model = MODELS[resource]
        self.body = create_body(resource)
        self.update_body = _update_body(resource)
        self.service_class = _service_class(resource)
        self.references = {ref.field: ref for ref in REFERENCES[resource]}
        self.kinds = {name: _kind(info.annotation) for name, info in self.body.model_fields.items()}
        self.kinds["group_id"] = "uuid"
        self.not_null = {
            name
            for name, info in self.body.model_fields.items()
            if not accepts_none(info.annotation)
        }
        self.seen: set[Any] = set()
        # Keys this import created, for rows that refer to an earlier row of their own kind.
        self.created: dict[str, uuid.UUID] = {}
        self._services: dict[Any, CrudService] = {}
        self._keep: list[Any] = []  # what the services must find in the identity map
        self._found_ids: set[uuid.UUID] = set()
        mapper = class_mapper(self.model)
        self._columns = [
            (prop.key, prop.columns[0])
            for prop in mapper.iterate_properties
            if isinstance(prop, ColumnProperty)
        ]
        # What each of the file's columns is decoded as: its target, reference and kind.
        self._decoders = [
            (
                target,
                self._by_key(target) if target is not None else None,
                self.kinds.get(target, "any") if target is not None else "any",
            )
            for target in plan.targets
        ]
        self._column_names = [(key, column.key) for key, column in self._columns]
        self._snapshot_names = [
            (key, name) for key, name in self._column_names if key not in SECRET_COLUMNS
        ]
        # A new record is checked as a draft holding every column (its default, or null),
        # as a fresh record reads before it is stored, and inserted from it.
        self._draft = {
            key: column.default.arg
            if column.default is not None and column.default.is_scalar
            else None
            for key, column in self._columns
        }
        self._records: dict[tuple[type, Any], Any] = {}
        self._loaded = _Loaded(session, self._records)
        self._checking: dict[int, CrudService] = {}

    async def prepare(self) -> None:
        """Load the programme once, so that the services find it without a query."""
        programme = await self.session.get(Programme, self.programme_id)
        self._programme = programme
        self._records[(Programme, self.programme_id)] = programme
        # The records inserted in bulk are announced (created events, as the service's own
        # create would through its audit event) only when a webhook would hear them: the
        # announcing costs a fifth of a large import's time, for no one otherwise.
        self._announce = await has_active_webhook(self.session, self.programme_id)

    # decoding ----------------------------------------------------------------------------------
    def decode(self, number: int, cells: list[Any]) -> _Row:
        row = _Row(number, {}, {})
        split = self.split_lists
        for (target, ref, kind), cell in zip(self._decoders, cells, strict=False):
            if target is None or cell is MISSING:
                continue
            if target == "id":
                row.old_id = _as_uuid(cell)
                continue
            if ref is not None:
                value = convert(cell, "list" if ref.many else "str", split=self.split_lists)
                if ref.many and value is not None:
                    value = [_key_text(v) for v in value if _key_text(v) is not None]
                row.keys[ref.field] = value
                continue
            row.given[target] = convert(cell, kind, split=split)
        return row

    def _by_key(self, column: str) -> Reference | None:
        for ref in self.references.values():
            if column == ref.by_key:
                return ref
        return None

    def _column_for(self, row: _Row, pointer: str | None) -> str | None:
        """The file's column an error pointer names: the field, or its external key column."""
        if not pointer:
            return None
        name = pointer.lstrip("/").split("/", 1)[0]
        if name in row.keys and name in self.references:
            return self.references[name].by_key
        return name or None

    # loading -----------------------------------------------------------------------------------
    async def _load_references(self, rows: list[_Row]) -> dict[tuple[R, str], uuid.UUID]:
        """One query per referenced resource: the records the chunk names by key or by id,
        kept in the session so that the services' own checks find them there."""
        wanted: dict[R, tuple[set[str], set[uuid.UUID]]] = {}
        for ref in self.references.values():
            keys, ids = wanted.setdefault(ref.target, (set(), set()))
            for row in rows:
                key = row.keys.get(ref.field)
                if key is not None:
                    keys.update(key if isinstance(key, list) else [key])
                given = row.given.get(ref.field)
                for value in given if isinstance(given, list) else [given]:
                    found = _as_uuid(value)
                    if found is not None:
                        ids.add(self.id_map.get(found, found) if self.id_map else found)
        resolved: dict[tuple[R, str], uuid.UUID] = {}
        for target, (keys, ids) in wanted.items():
            if not keys and not ids:
                continue
            model = MODELS[target]
            conditions = []
            if keys:
                conditions.append(model.external_id.in_(keys))
            if ids:
                conditions.append(model.id.in_(ids))
            stmt: Select = select(model).where(
                model.programme_id == self.programme_id, or_(*conditions)
            )
            for record in await self.session.scalars(stmt):
                self._keep.append(record)
                self._records[(model, record.id)] = record
                self._found_ids.add(record.id)
                if record.external_id is not None:
                    resolved[(target, record.external_id)] = record.id
        return resolved

    async def _load_existing(self, rows: list[_Row], resolved: dict) -> dict[Any, Any]:
        """The records the chunk's rows are keyed to, in one query."""
        if self.resource == R.group_members:
            pairs = {k for k in (self._member_key(r, resolved) for r in rows) if k is not None}
            if not pairs:
                return {}
            stmt = (
                select(GroupMember)
                .where(tuple_(GroupMember.group_id, GroupMember.person_id).in_(list(pairs)))
                .order_by(GroupMember.created_at)
            )
            found: dict[Any, Any] = {}
            for member in await self.session.scalars(stmt):
                found.setdefault((member.group_id, member.person_id), member)
            return found
        keys = {r.external_id for r in rows if r.external_id is not None}
        if not keys:
            return {}
        stmt = (
            select(self.model)
            .where(self.model.programme_id == self.programme_id, self.model.external_id.in_(keys))
            .options(*self.service_class.spec.options)
        )
        found_records: list[Any] = list(await self.session.scalars(stmt))
        return {record.external_id: record for record in found_records}

    def _member_key(self, row: _Row, resolved: dict) -> tuple[uuid.UUID, uuid.UUID] | None:
        group = self._reference_value(row, "group_id", resolved)
        person = self._reference_value(row, "person_id", resolved)
        if isinstance(group, uuid.UUID) and isinstance(person, uuid.UUID):
            return group, person
        return None

    def _reference_value(self, row: _Row, name: str, resolved: dict) -> Any:
        """A reference's id: from its external key, or the id given (mapped with id_map)."""
        ref = self.references.get(name)
        if ref is not None and name in row.keys:
            key = row.keys[name]
            if key is None:
                return None
            if ref.many:
                return [self._resolve_key(ref, k, resolved) for k in key]
            return self._resolve_key(ref, key, resolved)
        value = row.given.get(name)
        if self.id_map and ref is not None:
            if isinstance(value, list):
                return [self._mapped(v) for v in value]
            return self._mapped(value)
        found = _as_uuid(value)
        return found if found is not None else value

    def _mapped(self, value: Any) -> Any:
        found = _as_uuid(value)
        if found is None:
            return value
        assert self.id_map is not None
        return self.id_map.get(found, found)

    def _resolve_key(self, ref: Reference, key: str, resolved: dict) -> uuid.UUID | None:
        found = resolved.get((ref.target, key))
        if found is None and ref.target == self.resource:
            found = self.created.get(key)
        return found

    # rows --------------------------------------------------------------------------------------
    async def process(self, chunk: list[tuple[int, list[Any]]]) -> list[RowOutcome]:
        """Decide and write one chunk of rows; one outcome per row, in row order."""
        self._keep = [self._programme]
        self._found_ids = set(self.created.values())
        rows = [self.decode(number, cells) for number, cells in chunk]
        postgresql = self.session.get_bind().dialect.name == "postgresql"
        if postgresql:
            # The chunk's look-ups name up to a thousand keys each. A generic plan (which
            # PostgreSQL picks for a prepared statement after a few runs, from the table's
            # size when it was last analysed: empty, for a table the import is filling)
            # compares every row with every key; a custom plan hashes the keys. Only for the
            # look-ups: planning the bulk inserts anew each time would cost more than it saves.
            await self.session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        resolved = await self._load_references(rows)
        existing = await self._load_existing(rows, resolved)
        if postgresql:
            await self.session.execute(text("SET LOCAL plan_cache_mode = auto"))
        outcomes: list[RowOutcome | None] = [None] * len(rows)
        pending: list[_Pending] = []
        now = utcnow()
        for index, row in enumerate(rows):
            try:
                outcomes[index] = await self._row(row, resolved, existing, pending, index, now)
            except AppError as exc:
                outcomes[index] = self._refused(row, exc)
        if pending:
            await self._insert(pending, outcomes)
        self._keep = []
        self._records.clear()
        self._records[(Programme, self.programme_id)] = self._programme
        return [o for o in outcomes if o is not None]

    def _refused(self, row: _Row, exc: AppError) -> RowOutcome:
        return self._failed(row, error_items(exc))

    def _validation(self, row: _Row, exc: ValidationError) -> RowOutcome:
        return self._failed(row, body_errors(exc))

    def _failed(self, row: _Row, items: list[dict]) -> RowOutcome:
        errors = [
            {
                "column": self._column_for(row, item.get("pointer")),
                "code": item["code"],
                "detail": item["detail"],
            }
            for item in items
        ]
        return RowOutcome(row.number, ImportOutcome.failed, row.external_id, None, errors)

    def service(self, group_id: uuid.UUID | None = None) -> CrudService:
        key = group_id if self.resource == R.group_members else None
        svc = self._services.get(key)
        if svc is None:
            if self.resource == R.group_members:
                from samskap.groups.service import MemberService

                group = self._group(group_id)
                svc = MemberService(self.session, self.principal, group)
            else:
                svc = self.service_class(self.session, self.principal)
            self._services[key] = svc
        return svc

    def _group(self, group_id: uuid.UUID | None) -> Group:
        group = self._records.get((Group, group_id))
        if group is None or group.programme_id != self.programme_id:
            raise ValidationFailed.at(
                "/group_id", "no group with this id in the programme", code="unknown_reference"
            )
        return group

    async def _row(
        self,
        row: _Row,
        resolved: dict,
        existing: dict,
        pending: list[_Pending],
        index: int,
        now: datetime,
    ) -> RowOutcome | None:
        # References by external key, all of them checked before anything else.
        values = dict(row.given)
        for name, ref in self.references.items():
            if name not in row.keys and name not in row.given:
                continue
            value = self._reference_value(row, name, resolved)
            if name in row.keys and row.keys[name] is not None:
                keys = row.keys[name] if ref.many else [row.keys[name]]
                ids = value if ref.many else [value]
                unknown = [k for k, i in zip(keys, ids, strict=True) if i is None]
                if unknown:
                    row.errors.append(
                        {
                            "column": ref.by_key,
                            "code": "unknown_reference",
                            "detail": f"no {ref.target} record with external_id "
                            f"{unknown[0]!r} in the programme",
                        }
                    )
            elif name in row.given and row.given[name] is not None:
                ids = value if isinstance(value, list) else [value]
                if any(isinstance(i, uuid.UUID) and i not in self._found_ids for i in ids):
                    row.errors.append(
                        {
                            "column": name,
                            "code": "unknown_reference",
                            "detail": f"no {ref.target} record with this id in the programme",
                        }
                    )
            values[name] = value
        if row.errors:
            return RowOutcome(row.number, ImportOutcome.failed, row.external_id, None, row.errors)

        # The row's key, once per file.
        if self.resource == R.group_members:
            key: Any = self._member_key(row, resolved)
        else:
            key = row.external_id
        if key is not None:
            if key in self.seen:
                column = "external_id" if self.resource != R.group_members else None
                return failed(
                    row.number,
                    column,
                    "duplicate_in_file",
                    "an earlier row of the file has the same key",
                    external_id=row.external_id,
                )
            self.seen.add(key)
        record = existing.get(key) if key is not None else None

        # The create body checks the row as the API checks a request.
        group_id = values.pop("group_id", None) if self.resource == R.group_members else None
        if self.resource == R.group_members and record is not None:
            group_id = record.group_id
        body_input: dict[str, Any] = {}
        if record is not None:
            for name in self.body.model_fields:
                if hasattr(type(record), name):
                    body_input[name] = getattr(record, name)
        # An empty cell of a field that cannot be null is a cell not given: the default
        # applies (or, for a required field, `missing`), as when a request leaves it out.
        body_input |= {
            name: value
            for name, value in values.items()
            if value is not None or name not in self.not_null
        }
        if "programme_id" in self.body.model_fields:
            body_input["programme_id"] = self.programme_id
        try:
            data = self.body.model_validate(body_input)
        except ValidationError as exc:
            return self._validation(row, exc)
        if self.resource == R.group_members and group_id is None:
            column = "group_external_id" if "group_id" in row.keys else "group_id"
            return failed(row.number, column, "missing", "Field required")
        svc = self.service(group_id)

        if record is not None:
            return await self._update(svc, row, record, data)
        if self.resource in BULK_CREATE:
            return await self._prepare_create(svc, row, data, pending, index, now, key)
        return await self._create(svc, row, data)

    async def _update(
        self, svc: CrudService, row: _Row, record: Any, data: BaseModel
    ) -> RowOutcome:
        dumped = data.model_dump()
        changes = {}
        for name in row.given.keys() | row.keys.keys():
            if name not in dumped or name == "group_id":
                continue
            if not hasattr(record, name):
                continue
            if getattr(record, name) != dumped[name]:
                changes[name] = dumped[name]
        if not changes:
            self._remember(row, record.id)
            return RowOutcome(row.number, ImportOutcome.unchanged, row.external_id, record.id)
        patch = self.update_body.model_construct(_fields_set=set(changes), **changes)
        try:
            async with self.session.begin_nested():
                updated = await svc.update(record, patch, "*")
        except IntegrityError as exc:
            return self._database_refused(row, exc)
        except AppError as exc:
            # What the refused change set on the record is forgotten with the savepoint.
            self.session.expire(record)
            return self._refused(row, exc)
        self._remember(row, updated.id)
        return RowOutcome(row.number, ImportOutcome.updated, row.external_id, updated.id)

    async def _create(self, svc: CrudService, row: _Row, data: BaseModel) -> RowOutcome:
        try:
            async with self.session.begin_nested():
                record = await svc.create(data)
        except IntegrityError as exc:
            return self._database_refused(row, exc)
        self._remember(row, record.id)
        return RowOutcome(row.number, ImportOutcome.created, row.external_id, record.id)

    def _remember(self, row: _Row, record_id: uuid.UUID) -> None:
        # A later row of the same chunk may name this record, by key or (mapped) by id.
        self._found_ids.add(record_id)
        if row.external_id is not None:
            self.created[row.external_id] = record_id
        if row.old_id is not None and self.id_map is not None:
            self.id_map[row.old_id] = record_id

    def _database_refused(self, row: _Row, exc: IntegrityError) -> RowOutcome:
        message = str(exc.orig).lower()
        if "unique" in message or "duplicate" in message:
            column = "external_id" if row.external_id is not None else None
            return failed(
                row.number,
                column,
                "already_in_use",
                "a record with the same key was written meanwhile",
                external_id=row.external_id,
            )
        return failed(
            row.number,
            None,
            "conflict",
            "the database refused the row: " + str(exc.orig).splitlines()[0],
            external_id=row.external_id,
        )

    async def _prepare_create(
        self,
        svc: CrudService,
        row: _Row,
        data: BaseModel,
        pending: list[_Pending],
        index: int,
        now: datetime,
        key: Any,
    ) -> RowOutcome | None:
        """Run the service's rules on a new record, and queue it for the bulk insert."""
        record = types.SimpleNamespace(**self._draft)
        record.id = uuid7()
        checking = self._checking.get(id(svc))
        if checking is None:
            checking = self._checking[id(svc)] = svc.bound_to(cast(AsyncSession, self._loaded))
        await checking.apply(record, data.model_dump(), creating=True)
        await checking.authorize(record, "create")
        await checking.validate(record)
        record.created_at = record.updated_at = now
        record.version = 1
        values = {name: getattr(record, key) for key, name in self._column_names}
        snapshot = {}
        for key, name in self._snapshot_names:
            value = values[name]
            snapshot[key] = value if type(value) in _AS_IS else _jsonable(value)
        principal = self.principal
        audit = {
            "id": uuid7(),
            "occurred_at": now,
            "programme_id": self.programme_id,
            "actor_user_id": principal.user_id,
            "actor_token_id": principal.token_id,
            "session_id": principal.session_id,
            "via": principal.via,
            "action": "create",
            "record_type": self.model.__tablename__,
            "record_id": record.id,
            "before": None,
            "after": snapshot,
            "request_id": principal.request_id,
        }
        pending.append(_Pending(index, row, values, audit, key))
        return None

    async def _insert(self, pending: list[_Pending], outcomes: list[RowOutcome | None]) -> None:
        """Insert the chunk's new records and their audit events, one statement (or COPY)
        each; if the database refuses the batch (a key written meanwhile), each row alone."""
        table = cast(Table, self.model.__table__)
        audit = cast(Table, AuditEvent.__table__)
        try:
            async with self.session.begin_nested():
                await bulk_insert(self.session, table, [p.values for p in pending])
                await bulk_insert(self.session, audit, [p.audit for p in pending])
        except (IntegrityError, IntegrityConstraintViolationError):
            for p in pending:
                try:
                    async with self.session.begin_nested():
                        await self.session.execute(insert(table), [p.values])
                        await self.session.execute(insert(audit), [p.audit])
                except IntegrityError as exc:
                    outcomes[p.index] = self._database_refused(p.row, exc)
                    continue
                outcomes[p.index] = self._created(p)
            return
        for p in pending:
            outcomes[p.index] = self._created(p)

    def _created(self, p: _Pending) -> RowOutcome:
        record_id = p.values["id"]
        if self._announce:
            audit = p.audit
            emit_change(
                self.session,
                action="create",
                record_type=audit["record_type"],
                record_id=record_id,
                programme_id=audit["programme_id"],
                before=None,
                after=audit["after"],
                actor_user_id=audit["actor_user_id"],
            )
        self._remember(p.row, record_id)
        return RowOutcome(p.row.number, ImportOutcome.created, p.row.external_id, record_id)

    def key_only(self, number: int, cells: list[Any]) -> None:
        """Count a row already imported (a resumed import) as seen, for duplicate_in_file."""
        if self.resource == R.group_members:
            return
        row = self.decode(number, cells)
        if row.external_id is not None:
            self.seen.add(row.external_id)


async def import_table(
    session: AsyncSession,
    principal: Principal,
    programme_id: uuid.UUID,
    resource: R,
    table: Any,
    *,
    id_map: dict[uuid.UUID, uuid.UUID] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> list[RowOutcome]:
    """Import a whole Table of one resource into the programme within `session` (which it
    does not commit); returns every row's outcome. With `id_map`, an `id` column is accepted
    and references holding an old id are mapped to the new one; the map gains the new ids."""
    plan = plan_columns(resource, table.columns, allow_id=id_map is not None)
    rows = TableImport(
        session,
        principal,
        programme_id,
        resource,
        plan,
        id_map=id_map,
        split_lists=table.format in ("csv", "xlsx"),
    )
    await rows.prepare()
    outcomes: list[RowOutcome] = []
    for chunk in chunks(table.rows(), chunk_rows):
        outcomes.extend(await rows.process(chunk))
    return outcomes
