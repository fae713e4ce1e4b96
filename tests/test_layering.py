"""The layering README.md describes: routers speak HTTP only, services hold the rules and the
queries, and the package root holds only the application's infrastructure."""

import ast
from pathlib import Path

import samskap

PACKAGE = Path(samskap.__file__).parent
# What the package root may hold: the application and its infrastructure, no domain rules.
ROOT_MODULES = {
    "__init__",
    "main",
    "config",
    "db",
    "deps",
    "problems",
    "middleware",
    "cli",
    # How a serving process sets up the interpreter (the garbage collector).
    "runtime",
}
# What running a query looks like: the query builders, and the session's own methods.
QUERY_BUILDERS = {"select", "insert", "update", "delete", "func", "text", "or_", "and_"}
SESSION_METHODS = {
    "execute",
    "scalars",
    "scalar",
    "get",
    "add",
    "add_all",
    "delete",
    "flush",
    "merge",
    "refresh",
    "stream",
    "stream_scalars",
    "commit",
    "rollback",
}


def routers() -> list[Path]:
    """Every module that declares routes: each domain's router.py, and kit/routes.py."""
    return sorted([*PACKAGE.glob("**/router.py"), PACKAGE / "kit" / "routes.py"])


def _is_session(node: ast.expr) -> bool:
    """`session`, or `<anything>.session`."""
    if isinstance(node, ast.Name):
        return node.id == "session"
    return isinstance(node, ast.Attribute) and node.attr == "session"


def query_use(path: Path) -> list[str]:
    """Where a module builds or runs a query, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found += [
                f"{node.lineno}: imports {alias.name} from {node.module}"
                for alias in node.names
                if alias.name in QUERY_BUILDERS
            ]
        elif isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: imports {alias.name}"
                for alias in node.names
                if alias.name.split(".")[0] == "sqlalchemy"
            ]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SESSION_METHODS
            and _is_session(node.func.value)
        ):
            found.append(f"{node.lineno}: calls session.{node.func.attr}()")
    return found


class TestLayering:
    def test_there_are_routers_to_check(self):
        assert len(routers()) >= 15

    def test_routers_run_no_queries(self):
        offences = {
            str(path.relative_to(PACKAGE)): found
            for path in routers()
            if (found := query_use(path))
        }
        assert offences == {}, "routers speak HTTP only; move these queries into a service"

    def test_the_check_sees_a_query(self, tmp_path):
        router = tmp_path / "router.py"
        router.write_text(
            "from sqlalchemy import select\n"
            "async def handler(session):\n"
            "    return await session.scalar(select(1))\n",
            encoding="utf-8",
        )
        assert query_use(router) == [
            "1: imports select from sqlalchemy",
            "3: calls session.scalar()",
        ]

    def test_no_rule_module_sits_at_the_package_root(self):
        modules = {path.stem for path in PACKAGE.glob("*.py")}
        assert sorted(modules - ROOT_MODULES) == [], (
            "a rule belongs in its domain's folder (or kit/ when every domain uses it)"
        )
