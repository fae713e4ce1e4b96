"""The FastAPI application: routers under /api/v1, problem+json errors, stable operation ids."""

import logging
import mimetypes
import stat
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Scope

from samskap import __version__
from samskap.accessibility.router import public as accessibility_public
from samskap.api_tokens.router import router as api_tokens_router
from samskap.apidocs import install_docs
from samskap.audit.router import router as audit_router
from samskap.auth.principal import current_principal
from samskap.auth.ratelimit import LoginLimiter, RequestLimit, open_storage
from samskap.auth.router import public as auth_public
from samskap.auth.router import router as auth_router
from samskap.config import Settings, get_settings
from samskap.criteria.router import router as criteria_router
from samskap.db import create_engine, ping, session_factory
from samskap.deadlines.router import router as deadlines_router
from samskap.decisions.router import router as decisions_router
from samskap.documents.router import router as documents_router
from samskap.events.router import router as events_router
from samskap.feeds.router import personal as calendar_feeds_router
from samskap.feeds.router import router as feeds_router
from samskap.files.router import router as files_router
from samskap.goals.router import router as goals_router
from samskap.governance.router import router as governance_router
from samskap.groups.router import router as groups_router
from samskap.hearings.router import router as hearings_router
from samskap.ideas.router import public as participation_public
from samskap.ideas.router import router as ideas_router
from samskap.imports import worker as import_worker
from samskap.imports.router import router as imports_router
from samskap.imports.templates_router import router as import_templates_router
from samskap.indicators.router import router as indicators_router
from samskap.involvements.router import router as involvements_router
from samskap.jobs import worker as job_worker
from samskap.kit.openapi import complete as complete_operations
from samskap.kit.query import check_query_parameters
from samskap.kit.route_index import index_routes
from samskap.mail.router import public as mail_preferences_public
from samskap.mail.router import router as mail_preferences_router
from samskap.measures.router import router as measures_router
from samskap.memberships.router import router as memberships_router
from samskap.middleware import RequestGuard
from samskap.municipalities.router import router as municipalities_router
from samskap.my_page.router import router as my_page_router
from samskap.notifications.router import router as notifications_router
from samskap.observability import RequestLog, configure_logging, install_metrics, log_slow_queries
from samskap.observability.metrics import process_ended, watch_pool
from samskap.people.router import router as people_router
from samskap.phases.router import router as phases_router
from samskap.planned_involvements.router import router as planned_involvements_router
from samskap.problems import (
    AnsweredErrorsEndHere,
    Problem,
    ServiceUnavailable,
    install_problem_handlers,
    problem_responses,
)
from samskap.programmes.router import router as programmes_router
from samskap.projects.router import router as projects_router
from samskap.runtime import tune_collector
from samskap.submissions.router import router as submissions_router
from samskap.surveys.router import public as survey_answers_public
from samskap.surveys.router import router as surveys_router
from samskap.tasks.router import router as tasks_router
from samskap.templates.router import router as templates_router
from samskap.users.router import router as users_router
from samskap.webhooks.router import router as webhooks_router

API_PREFIX = "/api/v1"
log = logging.getLogger("samskap")

DESCRIPTION = """\
Samskap is the system of record for Norwegian municipalities that reorganise or merge:
programmes, projects, groups and their members, phases with expected results, tasks,
deadlines (frister) and the record of how employees, union representatives and others
were involved.

Conventions: JSON bodies; `PATCH` is JSON Merge Patch and honours `If-Match`; lists
take filters named after fields, `q`, `sort` (`-` for descending), `limit` and an
opaque `cursor`; errors are `application/problem+json` (RFC 9457).
"""


def _operation_id(route: APIRoute) -> str:
    return route.name


health = APIRouter(prefix="/health", tags=["health"])


@health.get("", name="health-live", summary="Liveness")
async def live() -> dict:
    """Answers as long as the process serves requests."""
    return {"status": "ok"}


@health.get("/ready", name="health-ready", summary="Readiness", responses=problem_responses(503))
async def ready(request: Request) -> dict:
    """Answers 200 when the database can be reached, else 503 with Retry-After."""
    try:
        await ping(request.app.state.engine)
    except Exception as exc:
        log.warning("not ready: %s: %s", type(exc).__name__, exc)
        raise ServiceUnavailable() from exc
    return {"status": "ok", "database": "ok"}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    settings.check_secrets()
    configure_logging(settings)
    engine = create_engine(
        settings.database_url,
        echo=settings.database_echo,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        pool_timeout=settings.database_pool_timeout,
    )
    log_slow_queries(engine, settings.slow_query_ms)
    watch_pool(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # The background workers: queued imports (samskap/imports/worker.py) and the job
        # queue (webhooks, e-mail, reminders: samskap/jobs/worker.py).
        worker = import_worker.start(_app) if settings.run_worker else None
        jobs = job_worker.start(_app.state.sessions, settings) if settings.run_worker else None
        yield
        await job_worker.stop(jobs)
        await import_worker.stop(worker)
        await engine.dispose()
        process_ended()

    app = FastAPI(
        # The framework's own limit counts what arrives, with or without Content-Length.
        max_body_size=settings.max_body_bytes,
        title="Samskap API",
        version=__version__,
        summary="Reorganisation and merger programmes for Norwegian municipalities",
        description=DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        # Served by install_docs from Samskap's own files, never from a CDN.
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
        separate_input_output_schemas=False,
        # FastAPI's built-in OpenTelemetry asks, on every request, whether a provider has
        # been configured (environment lookups: a tenth of a read's CPU). Samskap configures
        # none; its request log and metrics are its own.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.settings = settings
    # Rate limits, counted where settings.rate_limit_storage says (one Redis for all worker
    # processes and machines, or this process's memory), and the proxies whose
    # X-Forwarded-For names the client (samskap/auth/client_address.py).
    app.state.rate_limit_storage = open_storage(settings.rate_limit_storage)
    app.state.trusted_proxies = settings.proxy_networks()
    app.state.login_limiter = LoginLimiter(
        settings.login_failures_per_account,
        settings.login_failures_per_address,
        settings.login_window_seconds,
        app.state.rate_limit_storage,
    )
    app.state.token_limiter = RequestLimit(
        settings.api_token_requests_per_minute, 60, app.state.rate_limit_storage, "api-token"
    )

    install_problem_handlers(app)
    _guard_every_request(app, settings.max_body_bytes)
    # Answers above 1 KiB go gzipped to a client that accepts it, streamed ones (exports,
    # feeds, files) chunk by chunk; ranges, formats that are compressed already and the
    # web app's precompressed assets go as they are.
    app.add_middleware(
        GZipMiddleware,
        minimum_size=1024,
        compresslevel=6,
        exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, *_COMPRESSED_FORMATS),
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=False,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "X-Request-ID"],
            expose_headers=["ETag", "Location", "X-Request-ID", "Retry-After"],
        )

    # Every router is included straight into the application, under the API's prefix, with
    # the dependencies its place needs: one level, so that a request is routed through one
    # included router rather than three nested ones (see samskap/kit/route_index.py).
    public = [Depends(check_query_parameters)]
    for router in (
        health,
        auth_public,
        # Calendar feeds authorise themselves: an API token may come in the URL.
        feeds_router,
        # Survey answers come without an account: the link's own secret authorises them.
        survey_answers_public,
        # So do ideas sent through a participation link, and their receipts.
        participation_public,
        # So are a person's mail choices through the link in every mail (a signed address).
        mail_preferences_public,
        # The accessibility statement is public, and so is whom it names for reporting a
        # barrier.
        accessibility_public,
    ):
        _include(app, router, public)
    # Everything else needs a token. The dependency runs before any handler, so a request
    # without one learns nothing about what exists.
    protected = [*public, Depends(current_principal)]
    for router in (
        auth_router,
        programmes_router,
        memberships_router,
        municipalities_router,
        projects_router,
        people_router,
        groups_router,
        phases_router,
        tasks_router,
        deadlines_router,
        involvements_router,
        users_router,
        api_tokens_router,
        audit_router,
        governance_router,
        events_router,
        decisions_router,
        goals_router,
        indicators_router,
        measures_router,
        criteria_router,
        surveys_router,
        templates_router,
        submissions_router,
        files_router,
        documents_router,
        hearings_router,
        ideas_router,
        planned_involvements_router,
        webhooks_router,
        my_page_router,
        notifications_router,
        calendar_feeds_router,
        # Before the imports' router: /imports/templates is no import id.
        import_templates_router,
        imports_router,
        mail_preferences_router,
    ):
        _include(app, router, protected)
    install_docs(app, API_PREFIX)
    install_metrics(app)

    _serve_web_app(app, settings)
    _declare_problem_schema(app)
    # Last: it indexes every route added before it (samskap/kit/route_index.py).
    index_routes(app.router.routes)
    return app


# Office documents are zip files, PDF and archives are compressed inside: gzip gains nothing.
_COMPRESSED_FORMATS = (
    "application/pdf",
    "application/x-7z-compressed",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
)
IMMUTABLE = "public, max-age=31536000, immutable"


def _accepted_encodings(scope: Scope) -> set[str]:
    accepted = set()
    for part in Headers(scope=scope).get("accept-encoding", "").split(","):
        name, _, params = part.partition(";")
        quality = params.strip().removeprefix("q=").strip() if "q=" in params else "1"
        try:
            if float(quality) > 0:
                accepted.add(name.strip().lower())
        except ValueError:
            continue
    return accepted


class HashedAssets(StaticFiles):
    """The web app's built files: their names change with their content, so a browser keeps
    them for a year; the build writes each as .br and .gz beside it (vite.config.ts), and the
    smallest one the client accepts is sent as it is, without compressing it on every request."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        accepted = _accepted_encodings(scope)
        response: Response | None = None
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding not in accepted:
                continue
            full_path, found = self.lookup_path(path + suffix)
            if full_path and found and stat.S_ISREG(found.st_mode):
                response = self.file_response(full_path, found, scope)
                response.headers["content-encoding"] = encoding
                # GZipMiddleware adds Vary to the plain answers it sees, never to these.
                response.headers["vary"] = "Accept-Encoding"
                media_type, _ = mimetypes.guess_type(path)
                if media_type:
                    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
                    response.headers["content-type"] = media_type + charset
                break
        if response is None:
            response = await super().get_response(path, scope)
        response.headers["cache-control"] = IMMUTABLE
        return response


def _guard_every_request(app: FastAPI, max_body_bytes: int) -> None:
    """Three wrappers around the whole stack: RequestLog, outermost, so that every request
    (RequestGuard's refusals included) is logged and counted; RequestGuard, so that every
    answer (a 500 or the body limit's 413 included) carries the request id and the security
    headers; inside it, AnsweredErrorsEndHere, so that an error already answered leaves the
    connection usable."""
    build = app.build_middleware_stack

    def build_middleware_stack() -> ASGIApp:
        return RequestLog(
            RequestGuard(AnsweredErrorsEndHere(build()), max_body_bytes=max_body_bytes)
        )

    app.build_middleware_stack = build_middleware_stack  # type: ignore[method-assign]


def serve_app() -> FastAPI:
    """The application as `samskap serve` runs it in each worker process: built, then the
    garbage collector set up for serving (samskap/runtime.py)."""
    app = create_app()
    tune_collector()
    return app


def _include(app: FastAPI, router: APIRouter, dependencies: list) -> None:
    app.include_router(
        router,
        prefix=API_PREFIX,
        dependencies=dependencies,
        responses=problem_responses(500, 503),
    )


def _serve_web_app(app: FastAPI, settings: Settings) -> None:
    """The single-page app on the same origin as the API: its assets, and index.html for
    every other path so that the app's own routes survive a reload."""
    dist = settings.frontend_dist
    index = dist / "index.html"
    if not index.is_file():

        @app.get("/", include_in_schema=False)
        async def no_web_app() -> RedirectResponse:
            return RedirectResponse(f"{API_PREFIX}/docs")

        return
    app.mount("/assets", HashedAssets(directory=dist / "assets", check_dir=False), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    async def web_app(path: str) -> Response:
        if path.startswith("api/"):
            raise StarletteHTTPException(status_code=404)
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate)
        if not index.is_file():  # being rebuilt this moment
            return RedirectResponse(f"{API_PREFIX}/docs", status_code=307)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


def _declare_problem_schema(app: FastAPI) -> None:
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema["components"]["schemas"]["Problem"] = Problem.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        for name, sub in (
            Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            .get("$defs", {})
            .items()
        ):
            schema["components"]["schemas"][name] = sub
        schema["components"]["schemas"]["Problem"].pop("$defs", None)
        return complete_operations(schema)

    app.openapi = openapi  # type: ignore[method-assign]
