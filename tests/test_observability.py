"""What an operator sees: a structured log line per request, Prometheus metrics at /metrics for
a scraper with the token, and slow statements logged by name without their parameters."""

import asyncio
import json
import logging
import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from ipaddress import ip_network
from pathlib import Path

import httpx
import pytest
import uvicorn
from prometheus_client.parser import text_string_to_metric_families

from samskap.config import Settings
from samskap.main import create_app
from samskap.models.enums import JobStatus
from samskap.models.outbound import Job
from samskap.observability import configure_logging
from samskap.observability.queries import shown_sql, statement_name
from tests.factories import API, make_programme
from tests.processes import answering, free_port

TOKEN = "metrics-scraper-secret-0123456789"


def log_lines(text: str) -> list[dict]:
    """The JSON lines among the captured output (pytest's own lines are not JSON)."""
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


@pytest.fixture
def logs(capsys) -> Callable[[], list[dict]]:
    """Logs as JSON lines into the test's captured standard error; call it for the lines
    written since the last call."""
    configure_logging(Settings(log_format="json"))
    capsys.readouterr()
    return lambda: log_lines(capsys.readouterr().err)


def request_line(lines: list[dict], response: httpx.Response) -> dict:
    found = [
        line
        for line in lines
        if line.get("event") == "request"
        and line.get("request_id") == response.headers["x-request-id"]
    ]
    assert len(found) == 1, lines
    return found[0]


@pytest.fixture
def scraped(app):
    """The shared app with a metrics token set, for as long as the test runs."""
    settings = app.state.settings
    app.state.settings = settings.model_copy(update={"metrics_token": TOKEN})
    yield app
    app.state.settings = settings


async def scrape(http: httpx.AsyncClient) -> dict[tuple[str, tuple], float]:
    response = await http.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def requests_counted(samples, route: str, status: str, method: str = "GET") -> float:
    labels = tuple(sorted({"method": method, "route": route, "status": status}.items()))
    return samples.get(("samskap_http_requests_total", labels), 0.0)


class TestRequestLog:
    async def test_a_request_is_one_json_line_with_id_route_status_duration_and_caller(
        self, accounts, logs
    ):
        user = await accounts.user(system_admin=True)
        token = await accounts.token_for(user)
        http = accounts.bearer(token)
        programme = await make_programme(http)
        logs()
        r = await http.get(f"{API}/programmes/{programme['id']}")
        line = request_line(logs(), r)
        assert line["level"] == "info"
        assert line["logger"] == "samskap.requests"
        assert line["method"] == "GET"
        assert line["path"] == f"{API}/programmes/{programme['id']}"
        assert line["route"] == f"{API}/programmes/{{id}}"
        assert line["status"] == r.status_code
        assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
        assert line["caller"] == f"user:{user.id}"
        assert line["client"] == "127.0.0.1"
        assert line["timestamp"].endswith("Z")
        assert token not in json.dumps(line)
        assert user.email not in json.dumps(line)

    async def test_behind_a_trusted_proxy_the_forwarded_client_is_logged(self, app, client, logs):
        headers = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9"}
        logs()
        direct = await client.get(f"{API}/health/live", headers=headers)
        assert request_line(logs(), direct)["client"] == "127.0.0.1"
        app.state.trusted_proxies = (ip_network("127.0.0.0/8"),)
        try:
            proxied = await client.get(f"{API}/health/live", headers=headers)
        finally:
            app.state.trusted_proxies = ()
        assert request_line(logs(), proxied)["client"] == "203.0.113.9"

    async def test_the_path_is_logged_without_its_query(self, client, logs):
        r = await client.get(f"{API}/programmes", params={"q": "Hemmelig-Fusjon", "limit": 5})
        assert r.status_code == 200, r.text
        line = request_line(logs(), r)
        assert (line["path"], line["route"]) == (f"{API}/programmes", f"{API}/programmes")
        assert "Hemmelig" not in json.dumps(line)

    async def test_an_api_token_is_named_by_its_id_never_its_secret(self, client, logs):
        programme = await make_programme(client)
        created = await client.post(
            f"{API}/api-tokens",
            json={"programme_id": programme["id"], "name": "Intranett", "scope": "read"},
        )
        assert created.status_code == 201, created.text
        secret = created.json()["token"]
        http = httpx.AsyncClient(
            transport=client._transport,
            base_url=client.base_url,
            headers={"Authorization": f"Bearer {secret}"},
        )
        logs()
        async with http:
            r = await http.get(f"{API}/programmes/{programme['id']}")
        assert r.status_code == 200, r.text
        line = request_line(logs(), r)
        assert line["caller"] == f"token:{created.json()['id']}"
        assert secret not in json.dumps(line)

    async def test_a_body_refused_before_routing_is_logged_with_its_status(self, client, logs):
        r = await client.post(
            f"{API}/programmes",
            content=b"x" * 70_000,
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 413
        line = request_line(logs(), r)
        assert line["status"] == 413
        assert line["route"] == "unmatched"

    async def test_an_unknown_address_is_logged_by_the_route_that_answered(self, client, logs):
        r = await client.get(f"{API}/nowhere/at/all")
        assert r.status_code == 404
        line = request_line(logs(), r)
        assert line["path"] == f"{API}/nowhere/at/all"
        assert "nowhere" not in line["route"]

    async def test_the_standard_librarys_lines_take_the_same_form(self, logs):
        logging.getLogger("samskap.somewhere").warning("disk %s is full", "/var")
        logging.getLogger("uvicorn.error").info("Application startup complete.")
        lines = logs()
        assert {
            "logger": "samskap.somewhere",
            "level": "warning",
            "event": "disk /var is full",
        }.items() <= lines[0].items()
        assert lines[1]["logger"] == "uvicorn.error"
        assert "timestamp" in lines[1]

    async def test_uvicorns_lines_follow_samskaps_level_whatever_uvicorn_set(self, capsys):
        uvicorn.Config(app=None, log_level="warning").configure_logging()
        configure_logging(Settings(log_format="json"))
        capsys.readouterr()
        logging.getLogger("uvicorn.error").info("Application startup complete.")
        lines = log_lines(capsys.readouterr().err)
        assert [line["event"] for line in lines if line["logger"] == "uvicorn.error"] == [
            "Application startup complete."
        ]

    async def test_uvicorns_access_log_is_off(self, logs):
        assert logging.getLogger("uvicorn.access").isEnabledFor(logging.INFO) is False

    async def test_development_logs_read_as_text(self, settings, capsys):
        app = create_app(settings.model_copy(update={"environment": "development"}))
        try:
            capsys.readouterr()
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                r = await http.get(f"{API}/health")
            lines = [
                line
                for line in capsys.readouterr().err.splitlines()
                if r.headers["x-request-id"] in line
            ]
            assert len(lines) == 1
            assert not lines[0].startswith("{")
            assert "request" in lines[0] and "route=/api/v1/health" in lines[0]
        finally:
            await app.state.engine.dispose()
            configure_logging(Settings(log_format="json"))

    async def test_a_line_written_during_a_request_carries_its_id(self, settings, logs):
        from fastapi import APIRouter

        app = create_app(settings)
        route = APIRouter()

        @route.get(f"{API}/speaks")
        async def speaks():
            logging.getLogger("samskap.deep").info("inside")
            return {}

        app.include_router(route)
        app.router.routes.insert(0, app.router.routes.pop())
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                r = await http.get(f"{API}/speaks", headers={"X-Request-ID": "given-by-the-proxy"})
            inside = [line for line in logs() if line.get("event") == "inside"]
            assert inside[0]["request_id"] == "given-by-the-proxy" == r.headers["x-request-id"]
        finally:
            await app.state.engine.dispose()


class TestMetricsAccess:
    async def test_not_served_without_a_configured_token(self, anonymous):
        r = await anonymous.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("application/problem+json")

    async def test_refused_without_the_token(self, scraped, anonymous):
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            r = await anonymous.get("/metrics", headers=headers)
            assert r.status_code == 401, headers
            assert r.headers["www-authenticate"].startswith("Bearer")
            assert "samskap_http" not in r.text

    async def test_not_in_the_api_description(self, anonymous):
        document = (await anonymous.get(f"{API}/openapi.json")).json()
        assert not [path for path in document["paths"] if "metrics" in path]


class TestMetrics:
    async def test_requests_are_counted_by_route_template_method_and_status_class(
        self, scraped, client, anonymous
    ):
        programme = await make_programme(client)
        route = f"{API}/programmes/{{id}}"
        before = await scrape(anonymous)
        for _ in range(3):
            assert (await client.get(f"{API}/programmes/{programme['id']}")).status_code == 200
        missing = "01930000-0000-7000-8000-000000000000"
        assert (await client.get(f"{API}/programmes/{missing}")).status_code == 404
        after = await scrape(anonymous)
        assert requests_counted(after, route, "2xx") - requests_counted(before, route, "2xx") == 3
        assert requests_counted(after, route, "4xx") - requests_counted(before, route, "4xx") == 1
        labels = tuple(sorted({"method": "GET", "route": route, "status": "2xx"}.items()))
        count = ("samskap_http_request_duration_seconds_count", labels)
        assert after[count] - before.get(count, 0) == 3
        assert not [key for key in after if programme["id"] in str(key)]

    async def test_an_invented_method_is_counted_as_other(self, scraped, anonymous):
        before = await scrape(anonymous)
        await anonymous.request("BREW", f"{API}/health")
        after = await scrape(anonymous)
        changed = [
            dict(labels)
            for (name, labels), value in after.items()
            if name == "samskap_http_requests_total" and value != before.get((name, labels))
        ]
        assert {"method": "OTHER", "route": f"{API}/health", "status": "4xx"} in changed
        assert not [c for c in changed if c["method"] == "BREW"]

    async def test_the_pool_is_shown(self, scraped, anonymous):
        samples = await scrape(anonymous)
        assert samples[("samskap_db_pool_size", ())] == scraped.state.settings.database_pool_size
        assert samples[("samskap_db_pool_checked_out", ())] == 0
        assert ("samskap_db_pool_overflow", ()) in samples

    async def test_queued_jobs_and_imports_are_counted_when_scraped(self, scraped, anonymous):
        samples = await scrape(anonymous)
        assert samples[("samskap_database_up", ())] == 1
        assert samples[("samskap_imports", (("state", "queued"),))] == 0
        async with scraped.state.sessions() as session:
            session.add_all([Job(kind="webhook.deliver"), Job(kind="webhook.deliver")])
            session.add(Job(kind="mail.send", status=JobStatus.failed))
            await session.commit()
        samples = await scrape(anonymous)
        jobs = "samskap_jobs"
        assert samples[(jobs, (("kind", "webhook.deliver"), ("state", "queued")))] == 2
        assert samples[(jobs, (("kind", "mail.send"), ("state", "failed")))] == 1


class TestSlowQueries:
    async def test_a_slow_statement_is_logged_by_name_without_its_values(
        self, settings, accounts, logs
    ):
        token = await accounts.token_for(await accounts.user(system_admin=True))
        app = create_app(settings.model_copy(update={"slow_query_ms": 0.0001}))
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                r = await http.get(
                    f"{API}/programmes",
                    params={"q": "Hemmelig-Fusjon"},
                    headers={"Authorization": f"Bearer {token}"},
                )
            assert r.status_code == 200, r.text
            await app.state.engine.dispose()
            lines = logs()
            slow = [line for line in lines if line.get("event") == "slow query"]
            assert slow, lines
            assert all(line["logger"] == "samskap.slow_queries" for line in slow)
            assert all(line["level"] == "warning" for line in slow)
            assert all(line["request_id"] == r.headers["x-request-id"] for line in slow)
            assert all(line["statement"].startswith(f"GET {API}/programmes: ") for line in slow)
            assert all(isinstance(line["duration_ms"], float) for line in slow)
            # Samskap's own lines (httpx, the test's client, logs its URL).
            ours = [line for line in lines if line["logger"].startswith("samskap")]
            assert "Hemmelig" not in json.dumps(ours)
        finally:
            await app.state.engine.dispose()

    async def test_a_fast_statement_is_not_logged(self, settings, logs):
        app = create_app(settings.model_copy(update={"slow_query_ms": 10_000}))
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                assert (await http.get(f"{API}/health/ready")).status_code == 200
            assert not [line for line in logs() if line.get("event") == "slow query"]
        finally:
            await app.state.engine.dispose()

    def test_statements_are_named_by_verb_and_first_table_or_their_comment(self):
        assert statement_name("SELECT task.id FROM task JOIN project ON …") == "select task"
        assert statement_name('UPDATE "api_token" SET last_used_at=$1') == "update api_token"
        assert statement_name("INSERT INTO audit_event (id) VALUES (?)") == "insert audit_event"
        assert statement_name("-- name: tasks.page\nSELECT 1 FROM task") == "tasks.page"

    def test_the_sql_shown_has_no_literals(self):
        shown = shown_sql("SELECT * FROM person WHERE name = 'Kari O''Nordmann' AND id = $1")
        assert "Kari" not in shown and "Nordmann" not in shown
        assert shown == "SELECT * FROM person WHERE name = ? AND id = $1"


@asynccontextmanager
async def server(url: str, env: dict[str, str], log: Path) -> AsyncIterator[str]:
    """Samskap in a uvicorn process of its own, its standard error written to `log`."""
    port = free_port()
    with log.open("wb") as err:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "uvicorn",
            "samskap.main:create_app",
            "--factory",
            "--port",
            str(port),
            env={**os.environ, "SAMSKAP_DATABASE_URL": url, **env},
            stderr=err,
        )
    async with answering(process, port, f"the API (see {log})", start_within=120) as base:
        yield base


class TestSeveralProcesses:
    async def test_a_scrape_of_either_process_sums_both_and_each_logs_json(
        self, database_url, tmp_path
    ):
        directory = tmp_path / "prometheus"
        directory.mkdir()
        env = {
            "PROMETHEUS_MULTIPROC_DIR": str(directory),
            "SAMSKAP_METRICS_TOKEN": TOKEN,
            "SAMSKAP_LOG_FORMAT": "json",
            "SAMSKAP_RUN_WORKER": "false",
        }
        one_log, two_log = tmp_path / "one.log", tmp_path / "two.log"
        async with (
            server(database_url, env, one_log) as one,
            server(database_url, env, two_log) as two,
            httpx.AsyncClient(base_url=one, timeout=60) as a,
            httpx.AsyncClient(base_url=two, timeout=60) as b,
        ):
            before = await scrape(a)
            for http, times in ((a, 3), (b, 4)):
                for _ in range(times):
                    assert (await http.get(f"{API}/health")).status_code == 200
            health = f"{API}/health"
            for http in (a, b):
                after = await scrape(http)
                counted = requests_counted(after, health, "2xx")
                assert counted - requests_counted(before, health, "2xx") == 7
        lines = [log_lines(path.read_text()) for path in (one_log, two_log)]
        for written, times in zip(lines, (3, 4), strict=True):
            served = [line for line in written if line.get("route") == f"{API}/health"]
            # Each process's health checks: the probe's while starting, then the test's.
            assert len(served) >= times
            assert all(line["logger"] == "samskap.requests" for line in served)
            assert [line for line in written if line.get("logger") == "uvicorn.error"]
        for path in (one_log, two_log):
            text = path.read_text()
            assert '"GET /api/v1/health HTTP/1.1" 200' not in text
            assert all(line.startswith("{") for line in text.splitlines() if line.strip())
