"""The OpenAPI document: served, committed, complete."""

import json
import re
from pathlib import Path

from tests.factories import API

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
RESOURCES = [
    "programmes",
    "projects",
    "people",
    "groups",
    "group-members",
    "phases",
    "expected-results",
    "tasks",
    "deadlines",
    "involvements",
]


class TestOpenApiDocument:
    async def test_served_document_equals_the_committed_one(self, client):
        served = (await client.get(f"{API}/openapi.json")).json()
        committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
        assert served == committed, "openapi/openapi.json is out of date: run `make openapi`"

    async def test_every_resource_has_its_five_operations(self, client):
        document = (await client.get(f"{API}/openapi.json")).json()
        ids = {op["operationId"] for ops in document["paths"].values() for op in ops.values()}
        for resource in RESOURCES:
            for action in ("list", "get", "create", "update", "delete"):
                assert f"{resource}-{action}" in ids

    async def test_every_operation_is_summarised_and_documents_problems(self, client):
        document = (await client.get(f"{API}/openapi.json")).json()
        for path, operations in document["paths"].items():
            for method, op in operations.items():
                assert op.get("summary"), (method, path)
                problems = [
                    s
                    for s, r in op["responses"].items()
                    if "application/problem+json" in r.get("content", {})
                ]
                assert "500" in problems, (method, path)
                if method in {"post", "patch"}:
                    assert "422" in problems, (method, path)
                if "{id}" in path:
                    assert "404" in problems, (method, path)

    async def test_create_bodies_have_examples(self, client):
        schemas = (await client.get(f"{API}/openapi.json")).json()["components"]["schemas"]
        creates = [n for n in schemas if n.endswith("Create")]
        assert len(creates) >= 10
        for name in creates:
            assert schemas[name].get("examples"), name

    async def test_docs_page_is_served(self, client):
        r = await client.get(f"{API}/docs")
        assert r.status_code == 200
        assert "swagger" in r.text.lower()


class TestDocumentationReaders:
    """Swagger UI and ReDoc work inside a network without internet: Samskap serves every
    file they need, and their pages load nothing from anywhere else."""

    READERS = {"docs": "swagger", "redoc": "redoc"}

    async def test_each_reader_and_every_asset_it_references_is_served_here(self, anonymous):
        for page, marker in self.READERS.items():
            r = await anonymous.get(f"{API}/{page}")
            assert r.status_code == 200, page
            assert r.headers["content-type"].startswith("text/html")
            assert marker in r.text.lower()
            assert not re.search(r"(?i)(https?:)?//[a-z0-9]", r.text), (
                f"{page} refers to another host"
            )
            references = re.findall(r'(?:src|href|data-[a-z-]+)="([^"]+)"', r.text)
            assets = [u for u in references if not u.endswith("openapi.json")]
            assert any(u.endswith(".js") for u in assets), page
            for url in references:
                assert url.startswith("/"), url
                asset = await anonymous.get(url)
                assert asset.status_code == 200, url
                assert asset.content, url

    async def test_reader_pages_may_load_from_samskap_only(self, anonymous):
        for page in self.READERS:
            csp = (await anonymous.get(f"{API}/{page}")).headers["content-security-policy"]
            assert "http" not in csp and "*" not in csp, csp
            directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
            assert directives["default-src"] == "'none'"
            assert directives["script-src"] == "'self'"
            assert directives["connect-src"] == "'self'"
            for name in ("img-src", "style-src", "font-src"):
                assert set(directives[name].split()) <= {"'self'", "'unsafe-inline'", "data:"}
