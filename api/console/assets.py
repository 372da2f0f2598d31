"""The console's static files (its styles and scripts, and the vendored Swagger UI, Redoc and
htmx builds), served from the installed package under ``/assets``, and the API docs pages
pointed at them: nothing Duban serves loads anything from outside."""

from __future__ import annotations

from pathlib import Path

from litestar.datastructures import CacheControlHeader
from litestar.openapi.plugins import (
    JsonRenderPlugin,
    OpenAPIRenderPlugin,
    RedocRenderPlugin,
    SwaggerRenderPlugin,
)
from litestar.router import Router
from litestar.static_files import create_static_files_router

STATIC = Path(__file__).parent / "static"
PREFIX = "/assets"
VENDOR = f"{PREFIX}/vendor"
FAVICON = f"<link rel='icon' type='image/png' href='{VENDOR}/swagger-ui/favicon-32x32.png'>"


def static_files() -> Router:
    return create_static_files_router(
        path=PREFIX,
        directories=[STATIC],
        opt={"public": True},
        include_in_schema=False,
        cache_control=CacheControlHeader(max_age=3600),
    )


def docs_renderers() -> list[OpenAPIRenderPlugin]:
    """Swagger UI at /schema (its first path is the default), Redoc at /schema/redoc."""
    return [
        SwaggerRenderPlugin(
            path="/",
            js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
            css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
            standalone_preset_js_url=f"{VENDOR}/swagger-ui/swagger-ui-standalone-preset.js",
            favicon=FAVICON,
        ),
        RedocRenderPlugin(
            path="/redoc",
            js_url=f"{VENDOR}/redoc/redoc.standalone.js",
            google_fonts=False,
            favicon=FAVICON,
        ),
        JsonRenderPlugin(),
    ]
