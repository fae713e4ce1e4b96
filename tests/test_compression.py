"""Compressed answers: API JSON and streamed exports gzipped for a client that accepts it, the
web app's hashed assets precompressed and cached for a year, index.html never cached."""

import csv
import gzip
import io
import json

import httpx
import pytest

from samskap.main import IMMUTABLE, create_app
from tests.factories import API, make_programme, make_project, make_task
from tests.test_exports import TASKS, many_tasks

SCRIPT = b"export const words = [" + b", ".join(b'"ord %d"' % n for n in range(400)) + b"];\n"
INDEX = b'<!doctype html><script type="module" src="/assets/index-1a2b3c.js"></script>'


async def raw_get(client: httpx.AsyncClient, url: str, **kwargs) -> tuple[httpx.Response, bytes]:
    """The answer and its bytes as they came over the wire, before httpx decodes them."""
    async with client.stream("GET", url, **kwargs) as response:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, body


class TestApiAnswers:
    async def test_a_list_is_gzipped_for_a_client_that_accepts_it(self, client):
        project = await make_project(client, await make_programme(client))
        for _ in range(12):
            await make_task(client, project)
        r, body = await raw_get(client, f"{API}/tasks", headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200
        assert r.headers["content-encoding"] == "gzip"
        assert "accept-encoding" in r.headers["vary"].lower()
        page = json.loads(gzip.decompress(body))
        assert len(page["items"]) == 12
        assert int(r.headers["content-length"]) == len(body) < len(gzip.decompress(body))

    async def test_the_same_list_goes_as_it_is_to_a_client_that_does_not(self, client):
        project = await make_project(client, await make_programme(client))
        for _ in range(12):
            await make_task(client, project)
        r, body = await raw_get(client, f"{API}/tasks", headers={"Accept-Encoding": "identity"})
        assert r.status_code == 200
        assert "content-encoding" not in r.headers
        assert len(json.loads(body)["items"]) == 12

    async def test_a_small_answer_is_not_compressed(self, client):
        r, body = await raw_get(client, f"{API}/health", headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200
        assert "content-encoding" not in r.headers
        assert json.loads(body) == {"status": "ok"}

    async def test_a_streamed_export_arrives_whole(self, app, client):
        project = await make_project(client, await make_programme(client))
        await many_tasks(app, project)
        r, body = await raw_get(
            client, f"{API}/tasks", params={"format": "csv"}, headers={"Accept-Encoding": "gzip"}
        )
        assert r.status_code == 200
        assert r.headers["content-encoding"] == "gzip"
        assert r.headers["content-disposition"] == 'attachment; filename="tasks.csv"'
        rows = list(csv.DictReader(io.StringIO(gzip.decompress(body).decode("utf-8-sig"))))
        assert len(rows) == TASKS
        assert {row["title"] for row in rows} == {f"Oppgåve {n} for Ærø" for n in range(TASKS)}


@pytest.fixture
async def web(settings, tmp_path):
    """The app serving a built web app of a few files, as `vite build` writes them."""
    assets = tmp_path / "assets"
    assets.mkdir()
    (tmp_path / "index.html").write_bytes(INDEX)
    (assets / "index-1a2b3c.js").write_bytes(SCRIPT)
    (assets / "index-1a2b3c.js.gz").write_bytes(gzip.compress(SCRIPT))
    (assets / "index-1a2b3c.js.br").write_bytes(b"brotli bytes stand in here")
    (assets / "plain-4d5e6f.js").write_bytes(SCRIPT)
    application = create_app(settings.model_copy(update={"frontend_dist": tmp_path}))
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
    await application.state.engine.dispose()


class TestWebApp:
    async def test_a_hashed_asset_is_cached_for_a_year(self, web):
        r, body = await raw_get(
            web, "/assets/index-1a2b3c.js", headers={"Accept-Encoding": "identity"}
        )
        assert r.status_code == 200
        assert r.headers["cache-control"] == IMMUTABLE
        assert r.headers["vary"] == "Accept-Encoding"
        assert "content-encoding" not in r.headers
        assert r.headers["content-type"].startswith("text/javascript")
        assert body == SCRIPT

    async def test_brotli_is_sent_as_built_when_accepted(self, web):
        r, body = await raw_get(
            web, "/assets/index-1a2b3c.js", headers={"Accept-Encoding": "gzip, deflate, br"}
        )
        assert r.headers["content-encoding"] == "br"
        assert r.headers["vary"] == "Accept-Encoding"
        assert r.headers["content-type"].startswith("text/javascript")
        assert r.headers["cache-control"] == IMMUTABLE
        assert body == b"brotli bytes stand in here"

    async def test_gzip_is_sent_as_built_when_brotli_is_not_accepted(self, web):
        for accept in ("gzip", "gzip, br;q=0"):
            r, body = await raw_get(
                web, "/assets/index-1a2b3c.js", headers={"Accept-Encoding": accept}
            )
            assert r.headers["content-encoding"] == "gzip", accept
            assert r.headers["cache-control"] == IMMUTABLE
            assert int(r.headers["content-length"]) == len(body)
            assert gzip.decompress(body) == SCRIPT

    async def test_an_asset_built_without_a_compressed_copy_is_gzipped_on_the_way(self, web):
        r, body = await raw_get(web, "/assets/plain-4d5e6f.js", headers={"Accept-Encoding": "gzip"})
        assert r.headers["content-encoding"] == "gzip"
        assert r.headers["cache-control"] == IMMUTABLE
        assert gzip.decompress(body) == SCRIPT

    async def test_a_missing_asset_is_not_cached(self, web):
        r = await web.get("/assets/index-000000.js")
        assert r.status_code == 404
        assert r.headers.get("cache-control") != IMMUTABLE

    async def test_index_html_is_never_cached(self, web):
        for path in ("/", "/login", "/p/0193a3c0-0000-7000-8000-000000000000/tasks"):
            r = await web.get(path)
            assert r.status_code == 200, path
            assert r.headers["cache-control"] == "no-cache", path
            assert r.content == INDEX
