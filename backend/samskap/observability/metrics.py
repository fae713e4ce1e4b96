"""Prometheus metrics, served at GET /metrics to a scraper holding SAMSKAP_METRICS_TOKEN.

Requests are counted and timed as they are answered (requests.py); the connection pool's
figures are kept as connections are checked out and in; the job queue and the import queue
are counted in the database when scraped, with one statement. With several worker processes
(PROMETHEUS_MULTIPROC_DIR set before the processes start) every process writes its figures
to that directory and a scrape of any one of them sums them all."""

import hmac
import logging
import os
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import event, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.exceptions import HTTPException as StarletteHTTPException

from samskap.models.enums import ImportStatus, JobStatus
from samskap.models.imports import Import
from samskap.models.outbound import Job
from samskap.problems import Unauthorized

log = logging.getLogger("samskap.metrics")

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
# The *_created series (when each label set first appeared) only lengthen every scrape.
disable_created_metrics()
_LABELS = ("method", "route", "status")
REQUESTS = Counter(
    "samskap_http_requests",
    "Requests answered, by method, route template and status class (2xx, 4xx, 5xx...)",
    _LABELS,
)
DURATION = Histogram(
    "samskap_http_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, by method, route template and "
    "status class",
    _LABELS,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
# In several processes, the sum over the processes alive.
POOL_SIZE = Gauge(
    "samskap_db_pool_size",
    "Connections the pool keeps open (SAMSKAP_DATABASE_POOL_SIZE)",
    multiprocess_mode="livesum",
)
POOL_CHECKED_OUT = Gauge(
    "samskap_db_pool_checked_out",
    "Connections in use by a request or a job right now",
    multiprocess_mode="livesum",
)
POOL_OVERFLOW = Gauge(
    "samskap_db_pool_overflow",
    "Connections open beyond the pool's size (at most SAMSKAP_DATABASE_MAX_OVERFLOW)",
    multiprocess_mode="livesum",
)

_STATUS_CLASSES = {n: f"{n}xx" for n in range(1, 6)}
_children: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    key = (method, route, status // 100)
    children = _children.get(key)
    if children is None:
        labels = (method, route, _STATUS_CLASSES.get(status // 100, "other"))
        children = _children[key] = (REQUESTS.labels(*labels), DURATION.labels(*labels))
    children[0].inc()
    children[1].observe(seconds)


def watch_pool(engine: AsyncEngine) -> None:
    """Keeps the pool gauges as connections are checked out and returned."""
    pool = engine.sync_engine.pool
    if not all(hasattr(pool, name) for name in ("size", "checkedout", "overflow")):
        return  # an in-memory SQLite database: one connection, no pool to watch

    def update(returning: int = 0) -> None:
        POOL_SIZE.set(pool.size())  # type: ignore[attr-defined]
        POOL_CHECKED_OUT.set(max(0, pool.checkedout() - returning))  # type: ignore[attr-defined]
        POOL_OVERFLOW.set(max(0, pool.overflow()))  # type: ignore[attr-defined]

    def checked_out(*_args: object) -> None:
        update()

    def checked_in(*_args: object) -> None:
        # The pool tells its listeners before it takes the connection back.
        update(returning=1)

    update()
    event.listen(pool, "checkout", checked_out)
    event.listen(pool, "checkin", checked_in)


_QUEUED = (JobStatus.queued, JobStatus.running, JobStatus.failed)
_IMPORTS = (ImportStatus.queued, ImportStatus.running)


def _queue_statement():
    jobs = (
        select(literal("job").label("queue"), Job.kind, Job.status, func.count().label("n"))
        .where(Job.status.in_(_QUEUED))
        .group_by(Job.kind, Job.status)
    )
    imports = (
        select(
            literal("import").label("queue"),
            literal("import").label("kind"),
            Import.status,
            func.count().label("n"),
        )
        .where(Import.status.in_(_IMPORTS))
        .group_by(Import.status)
    )
    return union_all(jobs, imports)


class _Queues(Collector):
    """The queues as one statement found them at this scrape; nothing kept in between."""

    def __init__(self, rows: Iterable[Any] | None) -> None:
        self.rows = rows

    def collect(self) -> Iterable[Metric]:
        up = GaugeMetricFamily(
            "samskap_database_up", "Whether the database answered this scrape's query (1 or 0)"
        )
        up.add_metric([], 0 if self.rows is None else 1)
        yield up
        if self.rows is None:
            return
        jobs = GaugeMetricFamily(
            "samskap_jobs",
            "Background jobs (webhooks, e-mail, reminders) queued, running or failed, by kind",
            labels=("kind", "state"),
        )
        imports = GaugeMetricFamily(
            "samskap_imports",
            "Imports queued for the background worker or running",
            labels=("state",),
        )
        seen: set[tuple[str, str]] = set()
        for queue, kind, state, n in self.rows:
            state = getattr(state, "value", state)
            if queue == "job":
                jobs.add_metric([kind, state], n)
            else:
                imports.add_metric([state], n)
                seen.add(("import", state))
        # An empty import queue reads 0, not "no figure".
        for state in _IMPORTS:
            if ("import", state.value) not in seen:
                imports.add_metric([state.value], 0)
        yield jobs
        yield imports


async def _queue_rows(engine: AsyncEngine) -> list[Any] | None:
    try:
        async with engine.connect() as connection:
            return list((await connection.execute(_queue_statement())).all())
    except Exception as exc:
        log.warning("metrics: the queues could not be read: %s", type(exc).__name__)
        return None


def process_ended() -> None:
    """With several processes: this one's live figures (the pool's) no longer count."""
    directory = os.environ.get(MULTIPROCESS_DIR)
    if directory:
        multiprocess.mark_process_dead(os.getpid(), directory)


def _process_figures() -> bytes:
    directory = os.environ.get(MULTIPROCESS_DIR)
    if not directory:
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)
    return generate_latest(registry)


def _authorised(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


def install_metrics(app: FastAPI) -> None:
    """GET /metrics: the Prometheus text format, for a scraper that sends
    `Authorization: Bearer <SAMSKAP_METRICS_TOKEN>`; 401 without it; 404 when no token is set."""

    async def metrics(request: Request) -> Response:
        token = request.app.state.settings.metrics_token
        if not token:
            raise StarletteHTTPException(status_code=404)
        if not _authorised(request, token):
            raise Unauthorized("Send the metrics token: Authorization: Bearer <token>.")
        queues = CollectorRegistry()
        queues.register(_Queues(await _queue_rows(request.app.state.engine)))
        body = _process_figures() + generate_latest(queues)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    app.add_api_route("/metrics", metrics, methods=["GET"], include_in_schema=False)
    # First in the routing table: the router prepares each route it passes on first use, and
    # a scrape (often a fresh process's first request) need not wait for all of the API's.
    app.router.routes.insert(0, app.router.routes.pop())
