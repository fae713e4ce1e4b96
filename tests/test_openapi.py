"""The OpenAPI document: served, committed, complete."""

import json
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
