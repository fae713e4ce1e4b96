"""Lists: filters named after fields, free-text `q`, `sort`, and opaque keyset cursors.

A resource declares its `ListSpec`; `ListSpec.dependency()` turns it into FastAPI query
parameters (so they are documented in OpenAPI) and `ListSpec.page()` runs the query: one
statement for the rows, whatever the page size, plus whatever loader options add.
"""

import base64
import binascii
import inspect
import json
import operator
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from fastapi import Query
from sqlalchemy import Executable, Select, literal, or_, select, tuple_, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from samskap.config import get_settings
from samskap.kit.schemas import AwareIsoDateTime, IsoDate, IsoDateTime
from samskap.kit.text import PlainText, has_control_character
from samskap.problems import BadRequest

Op = Literal["eq", "lt", "le", "gt", "ge"]
_OPS: dict[str, Callable] = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}


@dataclass(frozen=True)
class Filter:
    """One query parameter that narrows a list. `eq` filters accept the parameter repeated."""

    name: str
    column: InstrumentedAttribute
    annotation: Any
    description: str
    op: Op = "eq"
    apply: Callable[[Select, Any], Select] | None = None

    @property
    def explained(self) -> str:
        """The description, and that a repeated `eq` parameter matches any of its values."""
        if self.op == "eq" and self.apply is None and self.annotation is not bool:
            return f"{self.description}. Repeat the parameter to match any of several values."
        return self.description

    @property
    def parameter_type(self) -> Any:
        # A time is compared with stored UTC times, so it must say its offset (RFC 3339);
        # a filter with its own `apply` decides for itself what a time without one means.
        if self.annotation is datetime:
            return IsoDateTime if self.apply is not None else AwareIsoDateTime
        if self.annotation is date:
            return IsoDate
        if self.annotation is str:
            return PlainText
        return self.annotation

    def clause_on(self, stmt: Select, value: Any) -> Select:
        if self.apply is not None:
            return self.apply(stmt, value)
        return stmt.where(self.condition(value))

    def condition(self, value: Any) -> Any:
        if self.op == "eq":
            # One value is an equality: no list for the driver to expand on every execution.
            if not isinstance(value, list | tuple):
                return self.column == value
            if len(value) == 1:
                return self.column == value[0]
            return self.column.in_(value)
        return _OPS[self.op](self.column, value)


@dataclass
class ListQuery:
    filters: dict[str, Any]
    q: str | None
    sort: str
    limit: int
    cursor: str | None


@dataclass(frozen=True)
class ListSpec:
    # Any mapped class with an `id` column, the tiebreaker of every sort: the records, and
    # audit events (which are not records: they have no version).
    model: type[Any]
    filters: Sequence[Filter]
    sorts: dict[str, InstrumentedAttribute]
    default_sort: str
    search: Sequence[InstrumentedAttribute] = ()
    options: Sequence[Any] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # Every list of records that carry the caller's own key can be filtered by it, so
        # that a script finds what it created before (API.md).
        column = getattr(self.model, "external_id", None)
        if column is not None and all(f.name != "external_id" for f in self.filters):
            by_key = Filter(
                "external_id",
                column,
                str,
                "The caller's own key (external_id); repeat for several",
            )
            object.__setattr__(self, "filters", (*self.filters, by_key))

    def dependency(self) -> Callable[..., Awaitable[ListQuery]]:
        settings = get_settings()
        sort_values = tuple(v for name in self.sorts for v in (name, f"-{name}"))
        params = [
            inspect.Parameter(
                f.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=Query(None, description=f.explained),
                annotation=(
                    # A type made at run time, for FastAPI to read; no checker can follow it.
                    list[f.parameter_type]  # type: ignore[name-defined]
                    if f.op == "eq" and f.apply is None
                    else f.parameter_type
                )
                | None,
            )
            for f in self.filters
        ]
        if self.search:
            names = " or ".join(c.key for c in self.search)
            params.append(
                inspect.Parameter(
                    "q",
                    inspect.Parameter.KEYWORD_ONLY,
                    annotation=PlainText | None,
                    default=Query(
                        None,
                        min_length=1,
                        max_length=200,
                        description=f"Free-text search: records whose {names} contains "
                        "this text, ignoring case",
                    ),
                )
            )
        params += [
            inspect.Parameter(
                "sort",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Literal[sort_values],
                default=Query(
                    self.default_sort,
                    description=f"Order of the list, by one of: {', '.join(self.sorts)}. "
                    "Ascending; a leading `-` sorts descending (e.g. "
                    f"`-{next(iter(self.sorts))}`). Ties are broken by id, so pages never "
                    "overlap.",
                ),
            ),
            inspect.Parameter(
                "limit",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=int,
                default=Query(
                    settings.default_page_size,
                    ge=1,
                    le=settings.max_page_size,
                    description=f"How many records one page holds (at most "
                    f"{settings.max_page_size})",
                ),
            ),
            inspect.Parameter(
                "cursor",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=str | None,
                default=Query(
                    None,
                    max_length=1000,
                    pattern=r"^[A-Za-z0-9_-]*$",
                    description="Where the page starts: the `next_cursor` of the previous "
                    "page, passed back unchanged with the same filters and sort; leave out for "
                    "the first page",
                ),
            ),
        ]

        # `async`: a plain function would be run in a worker thread, for nothing.
        async def list_query(**kwargs: Any) -> ListQuery:
            filters = {f.name: kwargs[f.name] for f in self.filters if kwargs[f.name] is not None}
            return ListQuery(
                filters, kwargs.get("q"), kwargs["sort"], kwargs["limit"], kwargs["cursor"]
            )

        list_query.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        return list_query

    def statement(self, lq: ListQuery, base: Select | None = None) -> Select:
        stmt = base if base is not None else select(self.model)
        by_name = {f.name: f for f in self.filters}
        conditions = []
        for name, value in lq.filters.items():
            spec = by_name[name]
            if spec.apply is not None:
                stmt = spec.apply(stmt, value)
            else:
                conditions.append(spec.condition(value))
        if conditions:
            # One WHERE for all of them: each `where` copies the statement.
            stmt = stmt.where(*conditions)
        if lq.q and self.search:
            pattern = "%" + lq.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = stmt.where(or_(*(c.ilike(pattern, escape="\\") for c in self.search)))
        return stmt

    def page_statements(self, lq: ListQuery, base: Select | None = None) -> list[Select]:
        """The statements that read one page, in the page's order, each without its LIMIT.

        Each is one range of an index on (equality filters..., sort column, id), read forward
        or backward: the cursor is a row-value comparison `(column, id) > (v, i)`, which
        PostgreSQL and SQLite (3.15 and later) both serve as the start of that range, also in
        a generic plan. A column that may be empty sorts its empty rows last in either
        direction, which no single index range gives: the rows with a value come first, and
        the rows without one are a second range, read only if the first falls short.
        """
        desc = lq.sort.startswith("-")
        column = self.sorts[lq.sort.lstrip("-")]
        id_column = self.model.id
        nullable = column.property.columns[0].nullable
        stmt = self.statement(lq, base).options(*self.options)
        cursor = _decode_cursor(lq.cursor, lq.sort, column) if lq.cursor else None
        cmp = operator.lt if desc else operator.gt
        # Where every row has the same value (or none), ordering by the column as well as
        # the id keeps the order the index's, so that no plan sorts the rows again.
        order = (column.desc(), id_column.desc()) if desc else (column.asc(), id_column.asc())
        if not nullable:
            if cursor is not None:
                stmt = stmt.where(_after(cmp, column, id_column, cursor))
            return [stmt.order_by(*order)]
        empty = stmt.where(column.is_(None)).order_by(*order)
        if cursor is not None and cursor[0] is None:
            return [empty.where(cmp(id_column, cursor[1]))]
        valued = stmt.where(column.is_not(None))
        if cursor is not None:
            valued = valued.where(_after(cmp, column, id_column, cursor))
        return [valued.order_by(*order), empty]

    async def page(
        self,
        session: AsyncSession,
        lq: ListQuery,
        base: Select | None = None,
        *,
        rows: bool = False,
    ) -> tuple[list[Any], str | None]:
        """Return (items, next_cursor) for one page of the list: records, or with `rows`
        the rows of `base`, a select of the model's columns keyed by their attributes' names
        (see CrudService.row_columns)."""
        column = self.sorts[lq.sort.lstrip("-")]
        wanted = lq.limit + 1
        statements = self.page_statements(lq, base)
        stmt: Executable
        if len(statements) == 1:
            stmt = statements[0].limit(wanted)
        else:
            # Still one statement: the valued rows, then the empty ones, each its own index
            # range, and the second read only as far as the page needs.
            parts = union_all(*(select(s.limit(wanted).subquery()) for s in statements))
            if rows:
                stmt = parts.limit(wanted)
            else:
                stmt = select(self.model).from_statement(parts.limit(wanted))
                stmt = stmt.options(*self.options)
        items: list[Any]
        if rows:
            items = list((await session.execute(stmt)).all())
        else:
            items = list((await session.scalars(stmt)).unique())
        if len(statements) > 1:
            # The order of a UNION ALL is each part's in turn; a stable sort makes it certain.
            items.sort(key=lambda item: getattr(item, column.key) is None)
        next_cursor = None
        if len(items) > lq.limit:
            items = items[: lq.limit]
            last = items[-1]
            next_cursor = _encode_cursor(lq.sort, getattr(last, column.key), last.id)
        return items, next_cursor


def _after(cmp: Callable, column, id_column, cursor: tuple[Any, uuid.UUID]):
    """`(column, id) > (value, id)`: the values bound as the columns' own types, so that
    each database compares them as it stores them."""
    value, last_id = cursor
    bound = tuple_(
        literal(value, column.expression.type), literal(last_id, id_column.expression.type)
    )
    return cmp(tuple_(column, id_column), bound)


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime | date | uuid.UUID):
        return value.isoformat() if not isinstance(value, uuid.UUID) else str(value)
    return value


def _encode_cursor(sort: str, value: Any, last_id: uuid.UUID) -> str:
    raw = json.dumps(
        {"s": sort, "v": _encode_value(value), "i": str(last_id)},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


_INTEGER_BITS = {"SmallInteger": 16, "Integer": 32, "BigInteger": 64}


def _cursor_value(raw: Any, column: InstrumentedAttribute) -> Any:
    """The sort value a cursor carries, checked as strictly as input: a forged cursor must
    not reach the database with a value it cannot compare."""
    sql_type = column.property.columns[0].type
    python_type = sql_type.python_type
    if raw is None:
        return None
    if python_type is datetime:
        value = datetime.fromisoformat(raw)
        if value.tzinfo is None:
            raise ValueError("a cursor's time has an offset")
        return value
    if python_type is date:
        return date.fromisoformat(raw)
    if python_type is uuid.UUID:
        return uuid.UUID(raw)
    if python_type is int:
        bits = _INTEGER_BITS.get(type(sql_type).__name__, 32)
        if type(raw) is not int or not -(2 ** (bits - 1)) <= raw < 2 ** (bits - 1):
            raise ValueError("out of range")
        return raw
    if python_type is str or issubclass(python_type, str):
        if not isinstance(raw, str) or has_control_character(raw):
            raise ValueError("not text")
        return raw
    return python_type(raw)


def _decode_cursor(cursor: str, sort: str, column: InstrumentedAttribute) -> tuple[Any, uuid.UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if data["s"] != sort:
            raise BadRequest("The cursor belongs to another sort order; start from the first page.")
        raw, last_id = data["v"], uuid.UUID(data["i"])
        return _cursor_value(raw, column), last_id
    except BadRequest:
        raise
    except (
        ValueError,
        KeyError,
        TypeError,
        OverflowError,
        binascii.Error,
        json.JSONDecodeError,
    ) as exc:
        raise BadRequest("The cursor is not valid; use next_cursor from a previous page.") from exc
