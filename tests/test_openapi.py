"""The OpenAPI document: served, committed, complete."""

import json
import re
from pathlib import Path
from typing import Any

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


# Words that begin with a vowel letter but a consonant sound ("a user"), and the reverse
# ("an hour"); enough for the vocabulary of this API.
_CONSONANT_SOUND = {"one", "once", "union", "unique", "unit", "user", "users", "usual", "use"}
_VOWEL_SOUND = {"hour", "honest", "honour", "http", "html", "rfc", "sql", "xml"}


def _wrong_articles(text: str) -> list[str]:
    wrong = []
    for article, word in re.findall(r"\b(a|an|A|An) ([\w-]+)", text):
        key = word.lower()
        vowel = (key[0] in "aeiou" and key not in _CONSONANT_SOUND) or key in _VOWEL_SOUND
        if (article.lower() == "an") != vowel:
            wrong.append(f"{article} {word}")
    return wrong


def _enum_nodes(schema: Any) -> list[dict]:
    """The enum schemas inside one property or parameter schema, not following $ref."""
    if isinstance(schema, list):
        return [n for item in schema for n in _enum_nodes(item)]
    if not isinstance(schema, dict):
        return []
    found = [schema] if "enum" in schema else []
    for key in ("anyOf", "oneOf", "allOf", "items"):
        if key in schema:
            found += _enum_nodes(schema[key])
    return found


def _names_every_value(description: str, values: list) -> list:
    # A sort parameter offers `-field` for each `field`; its description names the fields
    # and says what the minus does.
    return [
        v
        for v in values
        if not re.search(rf"(?<![\w-]){re.escape(str(v).lstrip('-'))}(?![\w-])", description)
    ]


class TestEverythingIsDescribed:
    """An integrator reads the document, not the code: every operation, parameter, field and
    enum value says what it is."""

    async def document(self, client) -> dict:
        return (await client.get(f"{API}/openapi.json")).json()

    async def test_every_operation_has_a_summary_and_a_description(self, client):
        document = await self.document(client)
        missing = [
            f"{method.upper()} {path}"
            for path, operations in document["paths"].items()
            for method, op in operations.items()
            if not op.get("summary") or not op.get("description")
        ]
        assert missing == []

    async def test_summaries_read_as_english(self, client):
        document = await self.document(client)
        problems = []
        for path, operations in document["paths"].items():
            for method, op in operations.items():
                text = f"{op.get('summary', '')}. {op.get('description', '')}"
                problems += [f"{method.upper()} {path}: {w}" for w in _wrong_articles(text)]
                for tag in op.get("tags", []):
                    if "-" in tag and tag in op.get("summary", ""):
                        problems.append(f"{method.upper()} {path}: '{tag}' in the summary")
        assert problems == []

    async def test_every_parameter_has_a_description(self, client):
        document = await self.document(client)
        missing = [
            f"{method.upper()} {path} {p['in']} {p['name']}"
            for path, operations in document["paths"].items()
            for method, op in operations.items()
            for p in op.get("parameters", [])
            if not p.get("description")
        ]
        assert missing == []

    async def test_every_field_of_every_schema_has_a_description(self, client):
        schemas = (await self.document(client))["components"]["schemas"]
        missing = []
        for name, schema in schemas.items():
            for field, prop in schema.get("properties", {}).items():
                if prop.get("description"):
                    continue
                ref = prop.get("$ref", "")
                if set(prop) == {"$ref"} and schemas[ref.rsplit("/", 1)[-1]].get("description"):
                    continue
                missing.append(f"{name}.{field}")
        assert missing == []

    async def test_every_enum_names_the_meaning_of_each_value(self, client):
        document = await self.document(client)
        schemas = document["components"]["schemas"]
        problems = []
        for name, schema in schemas.items():
            if "enum" in schema:
                unnamed = _names_every_value(schema.get("description", ""), schema["enum"])
                if unnamed:
                    problems.append(f"{name}: {unnamed}")
        # Enums written in place (a Literal) are described by the field or parameter.
        places = [
            (f"{name}.{field}", prop)
            for name, schema in schemas.items()
            for field, prop in schema.get("properties", {}).items()
        ] + [
            (f"{method.upper()} {path} {p['name']}", {**p["schema"], **p})
            for path, operations in document["paths"].items()
            for method, op in operations.items()
            for p in op.get("parameters", [])
        ]
        for where, prop in places:
            for node in _enum_nodes(prop.get("schema", prop)):
                text = f"{prop.get('description', '')} {node.get('description', '')}"
                unnamed = _names_every_value(text, node["enum"])
                if unnamed:
                    problems.append(f"{where}: {unnamed}")
        assert problems == []
