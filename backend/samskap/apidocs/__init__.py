"""The interactive API documentation, Swagger UI and ReDoc, served entirely by Samskap.

Their scripts and styles come from the `fastapi-offline` package (which ships current
Swagger UI and ReDoc bundles) and from this folder, so the pages work inside a network
without internet, and their Content-Security-Policy (middleware.py) allows nothing else.
"""

from html import escape
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"


def install_docs(app: FastAPI, prefix: str) -> None:
    """Swagger UI at `<prefix>/docs`, ReDoc at `<prefix>/redoc`, their files under
    `<prefix>/docs/assets/`."""
    assets = f"{prefix}{ASSETS}"
    app.mount(
        assets,
        StaticFiles(
            directory=Path(__file__).parent / "static",
            packages=[("fastapi_offline", "static")],
        ),
        name="docs-assets",
    )

    def urls(request: Request) -> tuple[str, str]:
        root = request.scope.get("root_path", "").rstrip("/")
        return escape(f"{root}{app.openapi_url}"), escape(f"{root}{assets}")

    @app.get(f"{prefix}/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        openapi_url, files = urls(request)
        return HTMLResponse(
            _page(
                f"{app.title} – Swagger UI",
                files,
                head=f'<link rel="stylesheet" href="{files}/swagger-ui.css">',
                body=f'<div id="swagger-ui" data-openapi-url="{openapi_url}"></div>\n'
                f'<script src="{files}/swagger-ui-bundle.js"></script>\n'
                f'<script src="{files}/swagger-ui-init.js"></script>',
            )
        )

    @app.get(f"{prefix}/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        openapi_url, files = urls(request)
        return HTMLResponse(
            _page(
                f"{app.title} – ReDoc",
                files,
                head="",
                body=f'<redoc spec-url="{openapi_url}"></redoc>\n'
                f'<script src="{files}/redoc.standalone.js"></script>',
            )
        )


def _page(title: str, files: str, head: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" type="image/png" href="{files}/favicon.png">
{head}
</head>
<body>
<noscript>The API documentation needs JavaScript; the OpenAPI document itself is
at <code>openapi.json</code>.</noscript>
{body}
</body>
</html>
"""
